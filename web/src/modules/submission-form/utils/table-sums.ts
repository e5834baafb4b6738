import {
  APPLICANT_COLUMNS,
  type AnnualReport,
  applicationOutcomeRows,
  DENIED_ROWS,
  OTHER_ROWS_2019,
  OTHER_ROWS_2021,
  REVIEW_LITIGATION_PARTS,
  type TableId,
  type TemplateId,
  UNAVAILABLE_ROWS,
  UNPROCESSED_ROWS,
} from '@gongkai/report-model';

/** A computed sum: `complete` is false when some of the cells added up are still blank. */
export type Sum = { readonly value: number; readonly complete: boolean };

export type SubtotalGroup = 'denied' | 'unavailable' | 'unprocessed' | 'other';

/** Rows of the applications table that the template groups under （三）（四）（五）（六）. */
export function subtotalGroups(
  template: TemplateId,
): Readonly<Record<SubtotalGroup, readonly string[]>> {
  return {
    denied: DENIED_ROWS,
    unavailable: UNAVAILABLE_ROWS,
    unprocessed: UNPROCESSED_ROWS,
    other: template === '2019' ? OTHER_ROWS_2019 : OTHER_ROWS_2021,
  };
}

type Table = AnnualReport['tables'][TableId];

/** Adds up cells; blanks count as 0 but make the sum incomplete. Money decimals are kept exact to 6 places. */
export function sumCells(values: readonly (number | null | undefined)[]): Sum {
  let value = 0;
  let complete = true;
  for (const v of values) {
    if (v === null || v === undefined) complete = false;
    else value += v;
  }
  return { value: Math.round(value * 1e6) / 1e6, complete };
}

function cell(table: Table, row: string, column: string): number | null | undefined {
  return table?.[row]?.[column];
}

export type ApplicationsSums = {
  /** （三）（四）（五）（六） subtotals per column (the template prints no subtotal rows). */
  readonly groups: Readonly<Record<SubtotalGroup, Readonly<Record<string, Sum>>>>;
  /** Σ of every outcome row per column: what （七）总计 should be. */
  readonly outcomes: Readonly<Record<string, Sum>>;
  /** Σ of the six applicant columns per row: what the row's 总计 should be. */
  readonly rowTotals: Readonly<Record<string, Sum>>;
  /** 一 + 二 per column, and （七） + 四 per column: the printed balance identity. */
  readonly balance: Readonly<Record<string, { readonly intake: Sum; readonly outflow: Sum }>>;
};

const COLUMNS = [...APPLICANT_COLUMNS, 'total'] as const;

/** The computed figures the form shows beside the applications table (2019 and 2021 templates). */
export function applicationsSums(report: AnnualReport): ApplicationsSums {
  const template = report.template === '2019' ? '2019' : '2021';
  const table = report.tables.applications;
  const perColumn = (rows: readonly string[]) =>
    Object.fromEntries(
      COLUMNS.map((column) => [column, sumCells(rows.map((row) => cell(table, row, column)))]),
    );
  const groups = subtotalGroups(template);
  const rowKeys = Object.keys(table ?? {});
  return {
    groups: {
      denied: perColumn(groups.denied),
      unavailable: perColumn(groups.unavailable),
      unprocessed: perColumn(groups.unprocessed),
      other: perColumn(groups.other),
    },
    outcomes: perColumn(applicationOutcomeRows(template)),
    rowTotals: Object.fromEntries(
      rowKeys.map((row) => [
        row,
        sumCells(APPLICANT_COLUMNS.map((column) => cell(table, row, column))),
      ]),
    ),
    balance: Object.fromEntries(
      COLUMNS.map((column) => [
        column,
        {
          intake: sumCells([
            cell(table, 'newReceived', column),
            cell(table, 'carriedOver', column),
          ]),
          outflow: sumCells([cell(table, 'total', column), cell(table, 'carriedForward', column)]),
        },
      ]),
    ),
  };
}

/** Σ upheld + corrected + other + pending per row of the review/litigation table. */
export function reviewLitigationSums(report: AnnualReport): Readonly<Record<string, Sum>> {
  const table = report.tables.reviewLitigation;
  return Object.fromEntries(
    Object.keys(table ?? {}).map((row) => [
      row,
      sumCells(REVIEW_LITIGATION_PARTS.map((column) => cell(table, row, column))),
    ]),
  );
}

/** Whether a computed sum disagrees with the printed cell (only when both are known). */
export function disagrees(sum: Sum | undefined, printed: number | null | undefined): boolean {
  return (
    !!sum && sum.complete && printed !== null && printed !== undefined && sum.value !== printed
  );
}
