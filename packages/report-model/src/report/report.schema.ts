import { z } from 'zod';
import {
  SECTION_KEYS,
  TEMPLATES,
  TEMPLATE_IDS,
  isTemplateId,
} from '../templates/template-definitions';
import type { CellKind, TemplateDefinition, TemplateId } from '../templates/template.types';
import { FACT_KEYS, REPORT_FORMAT, type AnnualReport } from './annual-report.types';
import { MAX_COUNT, MAX_SECTION_CHARS, MAX_SHORT_CHARS } from './report-bounds';

export { MAX_COUNT, MAX_SECTION_CHARS, MAX_SHORT_CHARS } from './report-bounds';

function tooLong(max: number) {
  return (issue: { input?: unknown }) =>
    `text too long: ${typeof issue.input === 'string' ? issue.input.length : '?'} characters, at most ${max} allowed`;
}

const shortString = z.string().max(MAX_SHORT_CHARS, { error: tooLong(MAX_SHORT_CHARS) });
const sectionText = z.string().max(MAX_SECTION_CHARS, { error: tooLong(MAX_SECTION_CHARS) });

const cellSchemas: Record<CellKind, z.ZodType<number | null>> = {
  count: z
    .number({ error: 'expected a number or null' })
    .int({ error: 'a count must be a whole number' })
    .min(0, { error: 'a count cannot be negative' })
    .max(MAX_COUNT, { error: `a count cannot exceed ${MAX_COUNT}` })
    .nullable(),
  money: z
    .number({ error: 'expected a number or null' })
    .min(0, { error: 'an amount cannot be negative' })
    .max(1e13, { error: 'amount out of range' })
    .nullable(),
  change: z
    .number({ error: 'expected a number or null' })
    .int({ error: 'a change must be a whole number' })
    .min(-MAX_COUNT, { error: 'change out of range' })
    .max(MAX_COUNT, { error: 'change out of range' })
    .nullable(),
};

function tablesSchema(template: TemplateDefinition) {
  const tables: Record<string, z.ZodType> = {};
  for (const table of template.tables) {
    const rows: Record<string, z.ZodType> = {};
    for (const row of table.rows) {
      const columns: Record<string, z.ZodType> = {};
      for (const column of row.columns) {
        const cell = TEMPLATES[template.id].cells.find(
          (c) => c.table === table.id && c.row === row.key && c.column === column,
        );
        columns[column] = cellSchemas[cell?.kind ?? 'count'].optional();
      }
      rows[row.key] = z.strictObject(columns).optional();
    }
    tables[table.id] = z.strictObject(rows).optional();
  }
  return z.strictObject(tables);
}

const sectionsSchema = z.strictObject(
  Object.fromEntries(SECTION_KEYS.map((key) => [key, sectionText.nullable()])) as Record<
    (typeof SECTION_KEYS)[number],
    z.ZodNullable<typeof sectionText>
  >,
);

const count = z
  .number({ error: 'expected a number or null' })
  .int({ error: 'a count must be a whole number' })
  .min(0, { error: 'a count cannot be negative' })
  .max(MAX_COUNT, { error: `a count cannot exceed ${MAX_COUNT}` });

const isoDate = z.iso.date({ error: 'expected an ISO date (YYYY-MM-DD) or null' });

const baseShape = {
  format: z.literal(REPORT_FORMAT, { error: `format must be "${REPORT_FORMAT}"` }),
  year: z
    .number({ error: 'expected a year' })
    .int({ error: 'a year must be a whole number' })
    .min(1990, { error: 'year out of range (1990–2100)' })
    .max(2100, { error: 'year out of range (1990–2100)' }),
  organization: z.strictObject({
    name: shortString.min(1, { error: 'organization name is empty' }),
    region: shortString.nullable().optional(),
  }),
  title: shortString.nullable().optional(),
  publishedOn: isoDate.nullable().optional(),
  sections: sectionsSchema,
  units: z.record(shortString, shortString.max(50)).optional(),
  staffing: z
    .strictObject({
      leadingGroup: z.boolean({ error: 'expected true, false or null' }).nullable().optional(),
      dedicatedStaff: count.nullable().optional(),
      partTimeStaff: count.nullable().optional(),
      trainings: count.nullable().optional(),
    })
    .optional(),
  facts: z
    .strictObject(
      Object.fromEntries(FACT_KEYS.map((key) => [key, count.nullable().optional()])) as Record<
        (typeof FACT_KEYS)[number],
        z.ZodOptional<z.ZodNullable<typeof count>>
      >,
    )
    .optional(),
  provenance: z
    .record(
      shortString,
      z.strictObject({
        line: count.optional(),
        confidence: z.number().min(0).max(1).optional(),
        source: shortString.optional(),
      }),
    )
    .optional(),
};

function templateReportSchema(id: TemplateId) {
  return z.strictObject({
    ...baseShape,
    template: z.literal(id),
    tables: tablesSchema(TEMPLATES[id]),
  });
}

/**
 * Strict schema of one template's reports: tables, rows and columns outside the template are
 * rejected. The one definition of the format: `parseReport` runs it through zod's compiled
 * parser (`compiledReportSchema`).
 */
export const TEMPLATE_REPORT_SCHEMAS = Object.freeze(
  Object.fromEntries(TEMPLATE_IDS.map((id) => [id, templateReportSchema(id)])) as {
    [K in TemplateId]: ReturnType<typeof templateReportSchema>;
  },
);

/** Runtime schema of the canonical report (a union over `template`). */
export const reportSchema = z.discriminatedUnion('template', [
  TEMPLATE_REPORT_SCHEMAS['2021'],
  TEMPLATE_REPORT_SCHEMAS['2019'],
  TEMPLATE_REPORT_SCHEMAS['legacy-fujian'],
  TEMPLATE_REPORT_SCHEMAS['legacy-2011'],
  TEMPLATE_REPORT_SCHEMAS.narrative,
]);

export type SchemaError = {
  /** JSON path of the offending value, e.g. `tables.applications.total.natural` (`$` = the document). */
  readonly path: string;
  readonly message: string;
};

export type ParseResult =
  | { readonly ok: true; readonly report: AnnualReport }
  | { readonly ok: false; readonly errors: readonly SchemaError[] };

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '$';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * zod's compiled parser of `schema` (`z.compile`): a valid value is parsed by code zod generates
 * from the schema, the same output several times faster; any other goes to the schema's own
 * parser, so the issues are the same. Throws when zod cannot compile a construct of the schema
 * (the test of every template calls it, so such a change cannot pass unnoticed and slow).
 * `undefined` where zod must not generate code (`z.config({ jitless: true })`, which the web sets
 * for its Content-Security-Policy): there the schema's own parser runs.
 */
export function compiledReportSchema<T extends z.ZodType>(schema: T): T | undefined {
  if (z.config().jitless) return undefined;
  return z.compile(schema, { strict: true });
}

/**
 * Reports of one template a process parses with the schema's own parser before `parseReport`
 * compiles it. Compiling takes about as long as a few hundred parses (up to 0.4 s, for the 2021
 * template at a load average of 20), so a process that parses a few reports (a save, the CLI, a
 * test) never pays for it and one that parses many (the bulk ingestion) pays once.
 */
export const PARSES_BEFORE_COMPILING = 200;

const PARSES = new Map<TemplateId, { count: number; compiled?: z.ZodType }>();

/**
 * The template's schema on `input`: its own parser, `jitless` (zod's object JIT would generate
 * code for every object of the schema on the first parse — 0.2 s instead of 0.03 s for the 2021
 * template — for about the same speed after), until compiled.
 */
function parseWithSchema(template: TemplateId, input: unknown) {
  let parses = PARSES.get(template);
  if (!parses) PARSES.set(template, (parses = { count: 0 }));
  parses.count += 1;
  if (parses.count === PARSES_BEFORE_COMPILING + 1)
    parses.compiled = compiledReportSchema(TEMPLATE_REPORT_SCHEMAS[template]);
  return parses.compiled
    ? parses.compiled.safeParse(input)
    : TEMPLATE_REPORT_SCHEMAS[template].safeParse(input, { jitless: true });
}

/**
 * Validates an unknown value (e.g. parsed JSON) against the canonical format. Never throws on
 * any input; returns the report or every problem with its JSON path. A process's first
 * `PARSES_BEFORE_COMPILING` reports of a template run the schema's own parser, the others zod's
 * compiled one (`compiledReportSchema`): the same output and the same problems.
 */
export function parseReport(input: unknown): ParseResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      errors: [{ path: '$', message: `expected a report object, got ${describeType(input)}` }],
    };
  }
  const template = (input as { template?: unknown }).template;
  if (!isTemplateId(template)) {
    return {
      ok: false,
      errors: [
        {
          path: 'template',
          message: `unknown template ${JSON.stringify(template) ?? 'undefined'} (expected one of ${TEMPLATE_IDS.join(', ')})`,
        },
      ],
    };
  }
  const result = parseWithSchema(template, input);
  if (result.success) return { ok: true, report: result.data as AnnualReport };
  const errors: SchemaError[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({
          path: formatPath([...issue.path, key]),
          message: `unknown key "${key}" (not part of the ${template} template or of the format)`,
        });
      }
    } else {
      errors.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return { ok: false, errors };
}

/** Renders schema errors as one line each: `path: message`. */
export function formatSchemaErrors(errors: readonly SchemaError[]): string {
  return errors.map((error) => `${error.path}: ${error.message}`).join('; ');
}
