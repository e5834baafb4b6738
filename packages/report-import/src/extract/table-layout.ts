import {
  COLUMN_LABELS,
  LEGACY_APPLICATION_CHANNEL_ROWS,
  LEGACY_RESPONSE_ROWS,
  REVIEW_LITIGATION_COLUMNS,
  REVIEW_LITIGATION_ROWS,
  TEMPLATES,
  applicationOutcomeRows,
  type TableId,
  type TemplateId,
} from '@gongkai/report-model';
import { shapeOf, type RowIdentity, type RowShape } from './digit-split.solver';
import { labelWords } from './row-labels';

/** The columns a template prints for a row, or null when the row is not in that table. */
export function columnsOf(
  template: TemplateId,
  table: TableId,
  row: string,
): readonly string[] | null {
  const def = TEMPLATES[template].tables.find((t) => t.id === table);
  return def?.rows.find((r) => r.key === row)?.columns ?? null;
}

/** How a glued digit run of a row splits: cell groups with their totals. */
export function shapeFor(table: TableId, columns: readonly string[]): RowShape {
  if (table === 'applications') return shapeOf(columns.length, true);
  if (table === 'legacyStats' && columns.length === 2) {
    return { groups: [{ cells: 2, total: false }], accept: (v) => (v[1] ?? 0) >= (v[0] ?? 0) };
  }
  return { ...shapeOf(columns.length, false), signed: columns.map((c) => c === 'change') };
}

export const REVIEW_SHAPE: RowShape = {
  groups: REVIEW_LITIGATION_ROWS.map(() => ({
    cells: REVIEW_LITIGATION_COLUMNS.length,
    total: true,
  })),
};

/** The sums that hold between the rows of a table, used to pick among digit-run splits. */
export function identitiesFor(template: TemplateId, table: TableId): RowIdentity[] {
  if (table === 'applications' && (template === '2019' || template === '2021')) {
    return [
      {
        terms: [
          { row: 'total', coef: 1 },
          ...applicationOutcomeRows(template).map((row) => ({ row, coef: -1 })),
        ],
      },
      {
        terms: [
          { row: 'newReceived', coef: 1 },
          { row: 'carriedOver', coef: 1 },
          { row: 'total', coef: -1 },
          { row: 'carriedForward', coef: -1 },
        ],
      },
    ];
  }
  if (table === 'legacyStats') {
    const printed = new Set(
      TEMPLATES[template].tables.find((t) => t.id === table)?.rows.map((r) => r.key) ?? [],
    );
    return [
      {
        terms: [
          { row: 'applicationsTotal', coef: 1 },
          ...LEGACY_APPLICATION_CHANNEL_ROWS.filter((row) => printed.has(row)).map((row) => ({
            row,
            coef: -1,
          })),
        ],
      },
      {
        terms: [
          { row: 'responsesTotal', coef: 1 },
          ...LEGACY_RESPONSE_ROWS.map((row) => ({ row, coef: -1 })),
        ],
      },
    ];
  }
  return [];
}

/** Column labels of a table, for spotting truncated headers. */
export function columnLabels(table: TableId): string[] {
  const labels = COLUMN_LABELS as unknown as Record<string, Record<string, { zh: string }>>;
  return Object.values(labels[table] ?? {}).map((l) => labelWords(l.zh));
}
