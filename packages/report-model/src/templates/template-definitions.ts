import type {
  CellDefinition,
  CellKind,
  RowDefinition,
  SectionKey,
  TableDefinition,
  TableId,
  TemplateDefinition,
  TemplateId,
} from './template.types';

export const SECTION_KEYS: readonly SectionKey[] = [
  'overview',
  'proactive',
  'applications',
  'reviewLitigation',
  'problems',
  'other',
];

/** The only cells that may have decimals. */
export const MONEY_CELLS: ReadonlySet<string> = new Set([
  'article20.fees.amount',
  'article20.procurement.amount',
  'legacyStats.feeWaiverYuan.year',
  'legacyStats.feeWaiverYuan.cumulative',
]);

export const APPLICANT_COLUMNS = [
  'natural',
  'commercial',
  'research',
  'publicInterest',
  'legal',
  'other',
] as const;
export const APPLICATION_COLUMNS = [...APPLICANT_COLUMNS, 'total'] as const;

export const DENIED_ROWS = [
  'deniedStateSecret',
  'deniedProhibitedByLaw',
  'deniedEndangersSecurity',
  'deniedThirdPartyRights',
  'deniedInternalAffairs',
  'deniedProcessInformation',
  'deniedEnforcementFiles',
  'deniedQueryMatters',
] as const;
export const UNAVAILABLE_ROWS = [
  'unavailableNotHeld',
  'unavailableNeedsCreation',
  'unavailableStillUnclear',
] as const;
export const UNPROCESSED_ROWS = [
  'unprocessedComplaint',
  'unprocessedDuplicate',
  'unprocessedPublication',
  'unprocessedExcessive',
  'unprocessedConfirmation',
] as const;
export const OTHER_ROWS_2021 = ['otherNoCorrection', 'otherNoFee', 'otherOther'] as const;
export const OTHER_ROWS_2019 = ['otherHandling'] as const;

/** Rows of the applications table whose sum is （七）总计, per template. */
export function applicationOutcomeRows(template: '2019' | '2021'): readonly string[] {
  return [
    'granted',
    'partiallyGranted',
    ...DENIED_ROWS,
    ...UNAVAILABLE_ROWS,
    ...UNPROCESSED_ROWS,
    ...(template === '2021' ? OTHER_ROWS_2021 : OTHER_ROWS_2019),
  ];
}

export const REVIEW_LITIGATION_ROWS = [
  'review',
  'litigationDirect',
  'litigationAfterReview',
] as const;
export const REVIEW_LITIGATION_PARTS = ['upheld', 'corrected', 'other', 'pending'] as const;
export const REVIEW_LITIGATION_COLUMNS = [...REVIEW_LITIGATION_PARTS, 'total'] as const;

export const LEGACY_COLUMNS = ['year', 'cumulative'] as const;
export const LEGACY_PROACTIVE_CHANNEL_ROWS = ['proactiveWebsite', 'proactiveGazette'] as const;
export const LEGACY_APPLICATION_CHANNEL_ROWS = [
  'applicationsInPerson',
  'applicationsOnline',
  'applicationsLetter',
  'applicationsFax',
  'applicationsEmail',
  'applicationsReferred',
  'applicationsOther',
] as const;
export const LEGACY_RESPONSE_ROWS = [
  'responsesGranted',
  'responsesPartial',
  'responsesDenied',
  'responsesOther',
] as const;
export const LEGACY_ROWS = [
  'proactiveTotal',
  ...LEGACY_PROACTIVE_CHANNEL_ROWS,
  'applicationsTotal',
  ...LEGACY_APPLICATION_CHANNEL_ROWS,
  'responsesTotal',
  ...LEGACY_RESPONSE_ROWS,
  'feeWaiverYuan',
  'complaints',
  'administrativeReviews',
  'lawsuits',
] as const;
/** Rows printed by the Fujian-style 附表 (seed 002). */
export const LEGACY_FUJIAN_ROWS = LEGACY_ROWS.filter(
  (row) => row !== 'applicationsFax' && row !== 'applicationsEmail' && row !== 'applicationsOther',
);
/** Rows printed by the older 统计表. */
export const LEGACY_2011_ROWS = LEGACY_ROWS.filter((row) => row !== 'applicationsReferred');

function rows(keys: readonly string[], columns: readonly string[]): RowDefinition[] {
  return keys.map((key) => ({ key, columns }));
}

const ARTICLE20_2021: TableDefinition = {
  id: 'article20',
  rowsOptional: false,
  rows: [
    ...rows(['regulations', 'normativeDocuments'], ['issued', 'repealed', 'inForce']),
    ...rows(['licensing', 'penalties', 'enforcement'], ['decisions']),
    { key: 'fees', columns: ['amount'] },
  ],
};

const ARTICLE20_2019: TableDefinition = {
  id: 'article20',
  rowsOptional: false,
  rows: [
    ...rows(['regulations', 'normativeDocuments'], ['made', 'published', 'totalPublic']),
    ...rows(
      ['licensing', 'otherServices', 'penalties', 'enforcement'],
      ['previousItems', 'change', 'decisions'],
    ),
    { key: 'fees', columns: ['previousItems', 'change'] },
    { key: 'procurement', columns: ['projects', 'amount'] },
  ],
};

function applicationsTable(template: '2019' | '2021'): TableDefinition {
  return {
    id: 'applications',
    rowsOptional: false,
    rows: rows(
      [
        'newReceived',
        'carriedOver',
        ...applicationOutcomeRows(template),
        'total',
        'carriedForward',
      ],
      APPLICATION_COLUMNS,
    ),
  };
}

const REVIEW_LITIGATION: TableDefinition = {
  id: 'reviewLitigation',
  rowsOptional: false,
  rows: rows(REVIEW_LITIGATION_ROWS, REVIEW_LITIGATION_COLUMNS),
};

function legacyTable(keys: readonly string[]): TableDefinition {
  return { id: 'legacyStats', rowsOptional: true, rows: rows(keys, LEGACY_COLUMNS) };
}

function cellKind(table: TableId, row: string, column: string): CellKind {
  const path = `${table}.${row}.${column}`;
  if (MONEY_CELLS.has(path)) return 'money';
  if (table === 'article20' && column === 'change') return 'change';
  return 'count';
}

function defineTemplate(
  id: TemplateId,
  years: TemplateDefinition['years'],
  tables: readonly TableDefinition[],
  requiredSections: readonly SectionKey[],
): TemplateDefinition {
  const cells: CellDefinition[] = [];
  for (const table of tables) {
    for (const row of table.rows) {
      for (const column of row.columns) {
        cells.push({
          path: `${table.id}.${row.key}.${column}`,
          table: table.id,
          row: row.key,
          column,
          kind: cellKind(table.id, row.key, column),
        });
      }
    }
  }
  return Object.freeze({ id, years, tables, requiredSections, cells });
}

export const TEMPLATES: Readonly<Record<TemplateId, TemplateDefinition>> = Object.freeze({
  '2021': defineTemplate(
    '2021',
    { from: 2021, to: null },
    [ARTICLE20_2021, applicationsTable('2021'), REVIEW_LITIGATION],
    SECTION_KEYS,
  ),
  '2019': defineTemplate(
    '2019',
    { from: 2019, to: 2020 },
    [ARTICLE20_2019, applicationsTable('2019'), REVIEW_LITIGATION],
    SECTION_KEYS,
  ),
  'legacy-fujian': defineTemplate(
    'legacy-fujian',
    { from: null, to: 2018 },
    [legacyTable(LEGACY_ROWS)],
    [],
  ),
  'legacy-2011': defineTemplate(
    'legacy-2011',
    { from: null, to: 2018 },
    [legacyTable(LEGACY_ROWS)],
    [],
  ),
  narrative: defineTemplate('narrative', { from: null, to: 2018 }, [], []),
});

export const TEMPLATE_IDS: readonly TemplateId[] = [
  '2021',
  '2019',
  'legacy-fujian',
  'legacy-2011',
  'narrative',
];

export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && (TEMPLATE_IDS as readonly string[]).includes(value);
}

export function getTemplate(id: TemplateId): TemplateDefinition {
  return TEMPLATES[id];
}

/** Every cell path (`table.row.column`) of a template, in printed order. */
export function cellPaths(id: TemplateId): readonly string[] {
  return CELL_PATHS[id];
}

const CELL_PATHS: Readonly<Record<TemplateId, readonly string[]>> = Object.freeze(
  Object.fromEntries(
    TEMPLATE_IDS.map((id) => [id, Object.freeze(TEMPLATES[id].cells.map((cell) => cell.path))]),
  ) as Record<TemplateId, readonly string[]>,
);

/** The cell definition of a path in a template, or undefined when the template has no such cell. */
export function findCell(id: TemplateId, path: string): CellDefinition | undefined {
  return CELL_INDEX[id].get(path);
}

const CELL_INDEX: Readonly<Record<TemplateId, ReadonlyMap<string, CellDefinition>>> =
  Object.fromEntries(
    TEMPLATE_IDS.map((id) => [id, new Map(TEMPLATES[id].cells.map((cell) => [cell.path, cell]))]),
  ) as unknown as Record<TemplateId, ReadonlyMap<string, CellDefinition>>;

/**
 * Templates a report of a statistics year may use: ≤ 2018 the legacy tables (or none), 2019–2020
 * the 2019 template, from 2021 the 2021 template.
 */
export function templatesForYear(year: number): readonly TemplateId[] {
  if (year >= 2021) return ['2021'];
  if (year >= 2019) return ['2019'];
  return ['legacy-fujian', 'legacy-2011', 'narrative'];
}
