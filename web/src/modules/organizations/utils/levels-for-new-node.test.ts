import { describe, expect, it } from 'vitest';
import type { MessageKey } from '../../../app/i18n';
import { en } from '../../../app/messages.en';
import { zhCN } from '../../../app/messages.zh-CN';
import { word } from '../../audit/utils/audit-sentence-context';
import { levelsForNewNode } from './levels-for-new-node';

const translator = (catalogue: Record<string, string>) => (key: MessageKey) =>
  catalogue[key] ?? key;

describe(levelsForNewNode.name, () => {
  it('offers a new root every level, the nation first', () => {
    expect(levelsForNewNode(null)).toEqual([
      'NATION',
      'PROVINCE',
      'CITY',
      'COUNTY',
      'DEPARTMENT',
      'TOWNSHIP',
    ]);
  });

  it('never offers the nation under a parent', () => {
    for (const parent of levelsForNewNode(null)) {
      expect(levelsForNewNode(parent)).not.toContain('NATION');
      expect(levelsForNewNode(parent)).toHaveLength(5);
    }
  });

  it('names every level in both catalogues, in the tree and in the audit trail', () => {
    for (const level of levelsForNewNode(null)) {
      for (const catalogue of [zhCN, en] as Record<string, string>[]) {
        expect(catalogue[`orgAdmin.level.${level}`]).toBeTruthy();
        expect(catalogue[`audit.level.${level}`]).toBeTruthy();
      }
    }
    expect(zhCN['orgAdmin.level.NATION']).toBe('全国');
    expect(en['orgAdmin.level.NATION']).toBe('Nation');
    expect(word(translator(zhCN), 'level', 'NATION')).toBe('全国');
    expect(word(translator(en), 'level', 'NATION')).toBe('nation');
    // an unknown level is still not shown as its enum value
    expect(word(translator(en), 'level', 'GALAXY')).toBe(en['audit.value.other']);
  });
});
