import type { AnnualReport } from '../report/annual-report.types';
import { TEMPLATES } from '../templates/template-definitions';
import type { TemplateId } from '../templates/template.types';
import type { Finding } from './finding.types';
import { evaluateIdentity, type Identity, type Term } from './identity';

/** Cell states in a vector. */
export const CELL_ABSENT = 0;
export const CELL_BLANK = 1;
export const CELL_PRESENT = 2;
export const ROW_ABSENT = 3;

/** A report's cells read once, in template order, so rules index numbers instead of looking up keys. */
export type CellVector = { readonly values: Float64Array; readonly states: Uint8Array };

const INDEXES = new Map<TemplateId, ReadonlyMap<string, number>>();

export function cellIndex(template: TemplateId): ReadonlyMap<string, number> {
  let index = INDEXES.get(template);
  if (!index) {
    index = new Map(TEMPLATES[template].cells.map((cell, i) => [cell.path, i]));
    INDEXES.set(template, index);
  }
  return index;
}

export function readCells(report: AnnualReport): CellVector {
  const template = TEMPLATES[report.template];
  const size = template.cells.length;
  const values = new Float64Array(size);
  const states = new Uint8Array(size);
  let i = 0;
  for (const table of template.tables) {
    const data = report.tables[table.id];
    for (const row of table.rows) {
      const cells = data?.[row.key];
      for (const column of row.columns) {
        if (cells === undefined) states[i] = ROW_ABSENT;
        else {
          const value = cells[column];
          if (value === undefined) states[i] = CELL_ABSENT;
          else if (value === null) states[i] = CELL_BLANK;
          else {
            states[i] = CELL_PRESENT;
            values[i] = value;
          }
        }
        i += 1;
      }
    }
  }
  return { values, states };
}

type CompiledSide = {
  readonly index: Int32Array;
  readonly sign: Float64Array;
  readonly optional: Uint8Array;
  readonly previous: Uint8Array;
};

/** An identity bound to cell indexes of the current (and previous) template. */
export type CompiledIdentity = {
  readonly identity: Identity;
  readonly actual: CompiledSide;
  readonly expected: CompiledSide;
};

function compileSide(
  terms: readonly Term[],
  current: ReadonlyMap<string, number>,
  previous: ReadonlyMap<string, number> | undefined,
): CompiledSide | undefined {
  const index = new Int32Array(terms.length);
  const sign = new Float64Array(terms.length);
  const optional = new Uint8Array(terms.length);
  const prev = new Uint8Array(terms.length);
  for (let i = 0; i < terms.length; i += 1) {
    const t = terms[i] as Term;
    const at = (t.from === 'current' ? current : previous)?.get(t.path);
    if (at === undefined) return undefined;
    index[i] = at;
    sign[i] = t.sign;
    optional[i] = t.optional ? 1 : 0;
    prev[i] = t.from === 'previous' ? 1 : 0;
  }
  return { index, sign, optional, previous: prev };
}

/** Binds identities to cell indexes; identities naming cells the templates lack are dropped. */
export function compileIdentities(
  identities: readonly Identity[],
  template: TemplateId,
  previousTemplate?: TemplateId,
): CompiledIdentity[] {
  const current = cellIndex(template);
  const previous = previousTemplate ? cellIndex(previousTemplate) : undefined;
  const out: CompiledIdentity[] = [];
  for (const identity of identities) {
    const actual = compileSide(identity.actual, current, previous);
    const expected = compileSide(identity.expected, current, previous);
    if (actual && expected) out.push({ identity, actual, expected });
  }
  return out;
}

function sum(side: CompiledSide, current: CellVector, previous: CellVector | undefined): number {
  let total = 0;
  let used = 0;
  const n = side.index.length;
  for (let i = 0; i < n; i += 1) {
    const vector = side.previous[i] === 1 ? previous : current;
    if (vector === undefined) return Number.NaN;
    const at = side.index[i] as number;
    const state = vector.states[at];
    if (state === CELL_PRESENT) {
      total += (side.sign[i] as number) * (vector.values[at] as number);
      used += 1;
    } else if (state === CELL_BLANK || side.optional[i] !== 1) return Number.NaN;
  }
  return used === 0 ? Number.NaN : total;
}

/** Fast path of `evaluateIdentity` on cell vectors; the finding itself is built by `evaluateIdentity`. */
export function evaluateCompiled(
  compiled: CompiledIdentity,
  current: CellVector,
  report: AnnualReport,
  previousVector?: CellVector,
  previous?: AnnualReport,
): Finding | null | undefined {
  const actual = sum(compiled.actual, current, previousVector);
  if (Number.isNaN(actual)) return undefined;
  const expected = sum(compiled.expected, current, previousVector);
  if (Number.isNaN(expected)) return undefined;
  const relation = compiled.identity.relation;
  if (
    relation === 'eq'
      ? actual === expected
      : relation === 'lte'
        ? actual <= expected
        : actual >= expected
  ) {
    return null;
  }
  return evaluateIdentity(compiled.identity, report, previous);
}
