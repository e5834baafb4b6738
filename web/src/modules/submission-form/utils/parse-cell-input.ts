import { type CellKind, MAX_COUNT } from '@gongkai/report-model';

/** The longest text a number cell accepts before it is rejected outright (no cell needs more). */
export const MAX_CELL_INPUT_CHARS = 40;
/** The canonical schema's bound for money cells (counts are bounded by `MAX_COUNT`). */
const MAX_MONEY = 1e13;

export type CellInputError =
  'tooLong' | 'notANumber' | 'negative' | 'decimal' | 'tooLarge' | 'tooManyDecimals';
export type CellInputNotice = 'normalisedWidth' | 'removedSeparators' | 'removedUnit';

export type ParsedCellInput =
  | {
      readonly ok: true;
      readonly value: number | null;
      readonly notices: readonly CellInputNotice[];
    }
  | { readonly ok: false; readonly error: CellInputError; readonly length?: number };

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF0D\uFF0B\u3000]/g;
const FULL_WIDTH_MAP: Record<string, string> = {
  '\uFF0E': '.',
  '\uFF0C': ',',
  '\uFF0D': '-',
  '\uFF0B': '+',
  '\u3000': ' ',
};
const UNITS = /(万元|元|件|条|个|项|次|人)$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Reads what a user typed or pasted into a number cell of the template. Empty means blank
 * (null — a blank is not a zero). Full-width digits (０１２), thousands separators and a trailing
 * unit (件, 万元…) are normalised and reported as notices; anything else that is not a number
 * allowed for the cell kind is an error the form shows inline (and never sends).
 */
export function parseCellInput(raw: string, kind: CellKind): ParsedCellInput {
  if (raw.length > MAX_CELL_INPUT_CHARS) return { ok: false, error: 'tooLong', length: raw.length };
  const notices: CellInputNotice[] = [];
  let text = raw;
  if (FULL_WIDTH.test(text)) {
    text = text.replace(FULL_WIDTH, (c) =>
      c >= '\uFF10' && c <= '\uFF19'
        ? String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30)
        : (FULL_WIDTH_MAP[c] ?? c),
    );
    notices.push('normalisedWidth');
  }
  text = text.trim().replace(/[−–—]/g, '-');
  if (text === '') return { ok: true, value: null, notices };
  if (UNITS.test(text)) {
    text = text.replace(UNITS, '').trim();
    notices.push('removedUnit');
  }
  if (GROUPED.test(text)) {
    text = text.replace(/,/g, '');
    notices.push('removedSeparators');
  } else if (/\s/.test(text) && /^[+-]?\d{1,3}( \d{3})+$/.test(text)) {
    text = text.replace(/ /g, '');
    notices.push('removedSeparators');
  }
  if (!NUMBER.test(text)) return { ok: false, error: 'notANumber' };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, error: 'notANumber' };
  if (value < 0 && kind !== 'change') return { ok: false, error: 'negative' };
  const decimals = text.includes('.') ? (text.split('.')[1] ?? '').length : 0;
  if (kind !== 'money' && decimals > 0 && !Number.isInteger(value)) {
    return { ok: false, error: 'decimal' };
  }
  if (kind === 'money' && decimals > 6) return { ok: false, error: 'tooManyDecimals' };
  if (Math.abs(value) > (kind === 'money' ? MAX_MONEY : MAX_COUNT))
    return { ok: false, error: 'tooLarge' };
  return { ok: true, value: value === 0 ? 0 : value, notices };
}

/** How a stored value is shown in its cell (the inverse of `parseCellInput` for valid input). */
export function formatCellValue(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
