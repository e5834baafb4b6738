import {
  COLUMN_LABELS,
  CELL_LABEL_OVERRIDES,
  REVIEW_LITIGATION_COLUMNS,
  REVIEW_LITIGATION_ROWS,
  ROW_LABELS,
  SECTION_KEYS,
  SECTION_LABELS,
  TEMPLATES,
  type AnnualReport,
  type SectionKey,
  type TableId,
} from '@gongkai/report-model';

/** One printed table row: label cells, then values (null = blank). */
export type PrintedRow = {
  readonly labels: readonly string[];
  readonly values: readonly (number | null)[];
  /** Label of the group the row opens (（三）不予公开), and how many rows the group has. */
  readonly group?: { readonly label: string; readonly rows: number };
};

export type PrintedTable = {
  readonly id: TableId;
  readonly header: readonly (readonly string[])[];
  readonly rows: readonly PrintedRow[];
};

export type PrintedBlock =
  | { readonly kind: 'line'; readonly text: string; readonly heading?: boolean }
  | { readonly kind: 'table'; readonly table: PrintedTable };

const SECTION_TABLE: Partial<Record<SectionKey, TableId>> = {
  proactive: 'article20',
  applications: 'applications',
  reviewLitigation: 'reviewLitigation',
};

const GROUP_OF = /^三（([一二三四五六七])）(\d)\./;
const GROUP_LABELS: Readonly<Record<string, string>> = {
  三: '（三）不予公开',
  四: '（四）无法提供',
  五: '（五）不予处理',
  六: '（六）其他处理',
};

function rowLabel(table: TableId, row: string): string {
  const labels = ROW_LABELS as unknown as Record<string, Record<string, { zh: string }>>;
  return labels[table]?.[row]?.zh ?? row;
}

function columnLabel(table: TableId, row: string, column: string): string {
  const override = CELL_LABEL_OVERRIDES[`${table}.${row}.${column}`];
  const labels = COLUMN_LABELS as unknown as Record<string, Record<string, { zh: string }>>;
  return override?.zh ?? labels[table]?.[column]?.zh ?? column;
}

function printTable(report: AnnualReport, id: TableId): PrintedTable | null {
  const def = TEMPLATES[report.template].tables.find((t) => t.id === id);
  const data = report.tables[id];
  if (!def || !data) return null;
  if (id === 'reviewLitigation') {
    const parts = REVIEW_LITIGATION_COLUMNS.map((c) => columnLabel(id, 'review', c));
    return {
      id,
      header: [
        ['行政复议', '行政诉讼'],
        [...parts, '未经复议直接起诉', '复议后起诉'],
        [...parts, ...parts],
      ],
      rows: [
        {
          labels: [],
          values: REVIEW_LITIGATION_ROWS.flatMap((row) =>
            REVIEW_LITIGATION_COLUMNS.map((c) => data[row]?.[c] ?? null),
          ),
        },
      ],
    };
  }
  const rows: PrintedRow[] = [];
  const groupSizes = new Map<string, number>();
  for (const row of def.rows) {
    const hit = GROUP_OF.exec(rowLabel(id, row.key));
    if (hit?.[1] && data[row.key]) groupSizes.set(hit[1], (groupSizes.get(hit[1]) ?? 0) + 1);
  }
  for (const row of def.rows) {
    const values = data[row.key];
    if (!values) continue;
    const label = rowLabel(id, row.key);
    const hit = GROUP_OF.exec(label);
    const cells = row.columns.map((c) => values[c] ?? null);
    if (hit?.[1]) {
      const sub = label.replace(/^三（[一二三四五六七]）/, '');
      const first = hit[2] === '1';
      rows.push({
        labels: [sub],
        values: cells,
        ...(first
          ? { group: { label: GROUP_LABELS[hit[1]] ?? '', rows: groupSizes.get(hit[1]) ?? 1 } }
          : {}),
      });
    } else {
      rows.push({ labels: [label.replace(/^三(?=（)/, '')], values: cells });
    }
  }
  const columns = [...new Set(def.rows.flatMap((r) => r.columns))];
  const header =
    id === 'legacyStats'
      ? [['指标名称', '计量单位', `${report.year}年度`, '历年累计']]
      : id === 'applications'
        ? [
            ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'],
            ['自然人', '法人或其他组织', '总计'],
            ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
          ]
        : [
            [
              '信息内容',
              ...columns.map((c) =>
                columnLabel(id, def.rows.find((r) => r.columns.includes(c))?.key ?? '', c),
              ),
            ],
          ];
  return { id, header, rows };
}

const LEGACY_UNITS: Readonly<Record<string, string>> = {
  feeWaiverYuan: '元',
  complaints: '件',
  administrativeReviews: '件',
  lawsuits: '件',
};

/** The unit a legacy row prints in its 计量单位 column. */
export function legacyUnit(label: string): string {
  const key = Object.entries(ROW_LABELS.legacyStats).find(([, l]) => l.zh === label)?.[0] ?? '';
  return LEGACY_UNITS[key] ?? '条';
}

/**
 * A report laid out as printed: title, the six sections with their tables where the templates put
 * them, the publication date. The text and HTML renderers (used by tests, benchmarks and exports)
 * share this layout.
 */
export function layoutReport(report: AnnualReport): PrintedBlock[] {
  const blocks: PrintedBlock[] = [];
  blocks.push({
    kind: 'line',
    text: report.title ?? `${report.organization.name}${report.year}年政府信息公开工作年度报告`,
    heading: true,
  });
  const legacy = report.template === 'legacy-fujian' || report.template === 'legacy-2011';
  for (const key of SECTION_KEYS) {
    const text = report.sections[key];
    const table = SECTION_TABLE[key];
    if (text === null && !table) continue;
    blocks.push({ kind: 'line', text: SECTION_LABELS[key].zh, heading: true });
    for (const line of (text ?? '').split('\n'))
      if (line.trim() !== '') blocks.push({ kind: 'line', text: line });
    const printed = table && !legacy ? printTable(report, table) : null;
    if (printed) blocks.push({ kind: 'table', table: printed });
    if (legacy && key === 'other') {
      const stats = printTable(report, 'legacyStats');
      if (stats) {
        blocks.push({ kind: 'line', text: '附表' });
        blocks.push({ kind: 'table', table: stats });
      }
    }
  }
  if (report.publishedOn) {
    const [y, m, d] = report.publishedOn.split('-').map(Number);
    blocks.push({ kind: 'line', text: `${y}年${m}月${d}日` });
  }
  return blocks;
}
