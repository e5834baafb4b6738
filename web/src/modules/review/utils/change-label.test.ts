import { describe, expect, it } from 'vitest';
import { zhCN as zh } from '../../../app/messages.zh-CN';
import { changeLabel } from './change-label';

const catalogue = zh as Record<string, string>;
const t = (key: string) => catalogue[key] ?? key;
const has = (key: string): key is never => Object.hasOwn(catalogue, key);

describe('changeLabel', () => {
  it.each([
    ['applications.newReceived.natural', /自然人/],
    ['sections.problems', /问题/],
    ['staffing.trainings', /培训/],
    ['title', /标题/],
    ['facts.applicationsReceived', /正文/],
    ['organization.name', /单位/],
    ['something.unexpected', /其他/],
  ])('names %s in Chinese without the internal path', (path, expected) => {
    const label = changeLabel(path, 'zh', t as never, has);
    expect(label).toMatch(expected);
    expect(label).not.toMatch(/[a-z]+\.[a-z]+/i);
  });
});
