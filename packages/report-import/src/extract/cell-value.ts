export type CellReading =
  | { readonly kind: 'blank'; readonly printed?: string }
  | { readonly kind: 'number'; readonly value: number; readonly unit: string | null }
  | { readonly kind: 'unit'; readonly unit: string }
  | { readonly kind: 'text' };

const UNIT = '(万元|元|条|件|项|个|次|人|篇|家|%)';
const NUMBER = new RegExp(`^([+-]?\\d[\\d,]*(?:\\.\\d+)?)\\s*${UNIT}?$`);
const UNIT_ONLY = new RegExp(`^${UNIT}$`);
const BLANK_MARKS = /^(?:-+|—+|–+|\/|\\|无|空|－)$/;

/** Reads one normalised table cell: a number (with the unit printed in it), a blank, a unit, or text. */
export function readCell(text: string): CellReading {
  const t = text.trim();
  if (t === '') return { kind: 'blank' };
  if (BLANK_MARKS.test(t)) return { kind: 'blank', printed: t };
  const unit = UNIT_ONLY.exec(t);
  if (unit) return { kind: 'unit', unit: unit[1] ?? t };
  const number = NUMBER.exec(t);
  if (number) {
    const digits = (number[1] ?? '').replace(/,/g, '');
    return { kind: 'number', value: Number(digits), unit: number[2] ?? null };
  }
  return { kind: 'text' };
}
