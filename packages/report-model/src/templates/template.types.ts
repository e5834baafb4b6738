export type TemplateId = '2021' | '2019' | 'legacy-fujian' | 'legacy-2011' | 'narrative';
export type TableId = 'article20' | 'applications' | 'reviewLitigation' | 'legacyStats';
export type SectionKey =
  'overview' | 'proactive' | 'applications' | 'reviewLitigation' | 'problems' | 'other';

/** count: non-negative integer · money: non-negative, decimals allowed · change: integer, may be negative */
export type CellKind = 'count' | 'money' | 'change';

export type RowDefinition = {
  readonly key: string;
  readonly columns: readonly string[];
};

export type TableDefinition = {
  readonly id: TableId;
  readonly rows: readonly RowDefinition[];
  /**
   * true for the pre-2019 statistics tables, whose rows vary from report to report: a row the
   * report does not print is absent (not blank).
   */
  readonly rowsOptional: boolean;
};

export type CellDefinition = {
  /** `table.row.column` */
  readonly path: string;
  readonly table: TableId;
  readonly row: string;
  readonly column: string;
  readonly kind: CellKind;
};

export type TemplateDefinition = {
  readonly id: TemplateId;
  /** Statistics years the template is meant for (inclusive); null = open. */
  readonly years: { readonly from: number | null; readonly to: number | null };
  readonly tables: readonly TableDefinition[];
  /** Sections the template requires (empty when none are prescribed). */
  readonly requiredSections: readonly SectionKey[];
  /** Every cell of every table, in printed order. */
  readonly cells: readonly CellDefinition[];
};
