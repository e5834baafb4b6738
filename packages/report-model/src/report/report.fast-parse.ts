import { SECTION_KEYS, TEMPLATES } from '../templates/template-definitions';
import type { CellKind, TemplateId } from '../templates/template.types';
import { FACT_KEYS, REPORT_FORMAT } from './annual-report.types';
import { MAX_COUNT, MAX_SECTION_CHARS, MAX_SHORT_CHARS } from './report-bounds';

/**
 * The valid case of the report schema (`report.schema.ts`) without zod: for a plain JSON-like
 * value that the schema accepts, the same output the schema gives (a copy with every object's
 * keys in the schema's order, records in the input's order, the leaves as given); for anything
 * else — a problem, or a value outside what this covers (`undefined` anywhere, an object that is
 * not plain, a `__proto__` or symbol key) — `undefined`, and `parseReport` asks zod, which
 * names the problems. The bounds are the schema's (`report.schema.test.ts` holds the two to the
 * same output on generated, mutated and random values).
 */

/** Nothing produced: leave the value to the schema. */
const NO = Symbol('not certainly valid');
type Out = unknown;
type Copy = (value: unknown) => Out;

/** An object literal's or `JSON.parse`'s object, of any realm (a worker's, a test's), or a null-prototype one. */
function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || (Object.getPrototypeOf(proto) === null && !Array.isArray(value));
}

const string =
  (max: number, min = 0): Copy =>
  (v) =>
    typeof v === 'string' && v.length <= max && v.length >= min ? v : NO;
const number =
  (min: number, max: number, whole: boolean): Copy =>
  (v) =>
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (!whole || Number.isSafeInteger(v)) &&
    v >= min &&
    v <= max
      ? v
      : NO;
const nullable =
  (inner: Copy): Copy =>
  (v) =>
    v === null ? null : inner(v);
const boolean: Copy = (v) => (typeof v === 'boolean' ? v : NO);
const literal =
  (expected: string): Copy =>
  (v) =>
    v === expected ? v : NO;

/** A field of a strict object: its name, its value's check, whether it may be absent. */
type Field = readonly [key: string, copy: Copy, optional: boolean];

/** `z.strictObject`: the fields in order (absent optional ones left out), no other key. */
function strict(fields: readonly Field[]): Copy {
  return (v) => {
    if (!isPlain(v)) return NO;
    const out: Record<string, unknown> = {};
    let present = 0;
    for (const [key, copy, optional] of fields) {
      if (!Object.hasOwn(v, key)) {
        if (optional) continue;
        return NO;
      }
      present += 1;
      const inner = v[key];
      if (inner === undefined) return NO;
      const copied = copy(inner);
      if (copied === NO) return NO;
      out[key] = copied;
    }
    return Object.keys(v).length === present ? out : NO;
  };
}

/** `z.record(string ≤ keyMax, value)`: every key in the input's order. */
function record(keyMax: number, value: Copy): Copy {
  return (v) => {
    if (!isPlain(v) || Object.getOwnPropertySymbols(v).length > 0) return NO;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      if (key.length > keyMax || key === '__proto__') return NO;
      const inner = v[key];
      if (inner === undefined) return NO;
      const copied = value(inner);
      if (copied === NO) return NO;
      out[key] = copied;
    }
    return out;
  };
}

const shortString = string(MAX_SHORT_CHARS);
const count = number(0, MAX_COUNT, true);
const CELLS: Record<CellKind, Copy> = {
  count: nullable(count),
  money: nullable(number(0, 1e13, false)),
  change: nullable(number(-MAX_COUNT, MAX_COUNT, true)),
};

function tables(id: TemplateId): Copy {
  const template = TEMPLATES[id];
  return strict(
    template.tables.map((table): Field => {
      const rows = table.rows.map((row): Field => {
        const columns = row.columns.map((column): Field => {
          const cell = template.cells.find(
            (c) => c.table === table.id && c.row === row.key && c.column === column,
          );
          return [column, CELLS[cell?.kind ?? 'count'], true];
        });
        return [row.key, strict(columns), true];
      });
      return [table.id, strict(rows), true];
    }),
  );
}

function reportCopy(id: TemplateId, isoDate: (value: string) => boolean): Copy {
  const date: Copy = (v) => (typeof v === 'string' && isoDate(v) ? v : NO);
  return strict([
    ['format', literal(REPORT_FORMAT), false],
    ['year', number(1990, 2100, true), false],
    [
      'organization',
      strict([
        ['name', string(MAX_SHORT_CHARS, 1), false],
        ['region', nullable(shortString), true],
      ]),
      false,
    ],
    ['title', nullable(shortString), true],
    ['publishedOn', nullable(date), true],
    [
      'sections',
      strict(SECTION_KEYS.map((key): Field => [key, nullable(string(MAX_SECTION_CHARS)), false])),
      false,
    ],
    ['units', record(MAX_SHORT_CHARS, string(50)), true],
    [
      'staffing',
      strict([
        ['leadingGroup', nullable(boolean), true],
        ['dedicatedStaff', nullable(count), true],
        ['partTimeStaff', nullable(count), true],
        ['trainings', nullable(count), true],
      ]),
      true,
    ],
    ['facts', strict(FACT_KEYS.map((key): Field => [key, nullable(count), true])), true],
    [
      'provenance',
      record(
        MAX_SHORT_CHARS,
        strict([
          ['line', count, true],
          ['confidence', number(0, 1, false), true],
          ['source', shortString, true],
        ]),
      ),
      true,
    ],
    ['template', literal(id), false],
    ['tables', tables(id), false],
  ]);
}

const COPIES = new Map<TemplateId, Copy>();

/**
 * The schema's output for a report of `template` it certainly accepts, else `undefined`.
 * `isoDate` is the schema's own test of `publishedOn`.
 */
export function fastReportCopy(
  template: TemplateId,
  input: unknown,
  isoDate: (value: string) => boolean,
): unknown {
  let copy = COPIES.get(template);
  if (!copy) COPIES.set(template, (copy = reportCopy(template, isoDate)));
  const out = copy(input);
  return out === NO ? undefined : out;
}
