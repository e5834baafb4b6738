import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPathFor } from './safe-next';

describe(safeNextPath.name, () => {
  it.each([
    ['/ranking', '/ranking'],
    ['/ranking?round=abc&peer=%E5%8E%BF', '/ranking?round=abc&peer=%E5%8E%BF'],
    ['/submissions/42#findings', '/submissions/42#findings'],
    ['/review/../ranking', '/ranking'],
  ])('keeps the same-site path %s', (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  it.each([
    [null],
    [''],
    ['ranking'],
    ['//evil.example/ranking'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['https://evil.example/'],
    ['https:evil.example'],
    ['javascript:alert(1)'],
    ['/\u0000/x'],
    ['/\t/evil.example'],
    [' /ranking'],
    ['/signin'],
    ['/signin?next=/ranking'],
    [`/${'a'.repeat(3000)}`],
  ])('sends %j home', (raw) => {
    expect(safeNextPath(raw)).toBe('/');
  });
});

describe(signInPathFor.name, () => {
  it('carries the page, encoded, to the sign-in page', () => {
    expect(signInPathFor('/ranking?round=r1')).toBe('/signin?next=%2Franking%3Fround%3Dr1');
  });

  it('leaves out a page it would not return to', () => {
    expect(signInPathFor('/')).toBe('/signin');
    expect(signInPathFor('//evil.example')).toBe('/signin');
  });
});
