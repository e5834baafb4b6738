import { describe, expect, it } from 'vitest';
import { MAX_CELL_INPUT_CHARS, parseCellInput } from './parse-cell-input';

describe(parseCellInput.name, () => {
  it.each([
    ['', 'count', null],
    ['   ', 'count', null],
    ['0', 'count', 0],
    ['42', 'count', 42],
    [' 42 ', 'count', 42],
    ['3.0', 'count', 3],
    ['12.5', 'money', 12.5],
    ['-3', 'change', -3],
    ['+3', 'change', 3],
  ] as const)('reads %j in a %s cell as %j', (raw, kind, value) => {
    expect(parseCellInput(raw, kind)).toMatchObject({ ok: true, value });
  });

  it('normalises pasted full-width digits and says so', () => {
    expect(parseCellInput('０１２', 'count')).toEqual({
      ok: true,
      value: 12,
      notices: ['normalisedWidth'],
    });
    expect(parseCellInput('１２．５', 'money')).toMatchObject({ ok: true, value: 12.5 });
  });

  it('strips thousands separators and a trailing unit, with notices', () => {
    expect(parseCellInput('1,234', 'count')).toEqual({
      ok: true,
      value: 1234,
      notices: ['removedSeparators'],
    });
    expect(parseCellInput('27件', 'count')).toEqual({
      ok: true,
      value: 27,
      notices: ['removedUnit'],
    });
    expect(parseCellInput('25.1万元', 'money')).toMatchObject({ ok: true, value: 25.1 });
  });

  it.each([
    ['abc', 'count', 'notANumber'],
    ['12a', 'count', 'notANumber'],
    ['1,2', 'count', 'notANumber'],
    ['1.2.3', 'money', 'notANumber'],
    ['-1', 'count', 'negative'],
    ['-0.5', 'money', 'negative'],
    ['1.5', 'count', 'decimal'],
    ['2.5', 'change', 'decimal'],
    ['1.1234567', 'money', 'tooManyDecimals'],
    ['2000000000', 'count', 'tooLarge'],
  ] as const)('rejects %j in a %s cell as %s', (raw, kind, error) => {
    expect(parseCellInput(raw, kind)).toMatchObject({ ok: false, error });
  });

  it('rejects a 10,000-character paste without trying to read it, and reports its length', () => {
    const raw = '1'.repeat(10_000);
    expect(parseCellInput(raw, 'count')).toEqual({ ok: false, error: 'tooLong', length: 10_000 });
    expect(parseCellInput('1'.repeat(MAX_CELL_INPUT_CHARS), 'count')).toMatchObject({
      ok: false,
      error: 'tooLarge',
    });
  });
});
