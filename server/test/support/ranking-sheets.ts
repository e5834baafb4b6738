import { DEFAULT_MODEL, INDICATOR_CATALOGUE } from '@gongkai/scoring';
import { Workbook } from 'exceljs';
import { PassThrough } from 'node:stream';
import type { RankingSheetMeta } from '../../src/modules/exports/ranking-columns';
import { writeRankingWorkbook } from '../../src/modules/exports/ranking-workbook.writer';
import type { FindingRow, RankingRow } from '../../src/modules/scoring/ranking-row';

/** Sheets, rows and findings the ranking writers' tests write, and reading a written workbook. */

export const indicators = DEFAULT_MODEL.indicators.map((entry) => ({
  indicatorId: entry.indicatorId,
  labelZh: INDICATOR_CATALOGUE[entry.indicatorId].labelZh,
  labelEn: INDICATOR_CATALOGUE[entry.indicatorId].labelEn,
  weight: entry.weight,
}));

export function aMeta(overrides: Partial<RankingSheetMeta> = {}): RankingSheetMeta {
  return {
    roundLabel: '2023年度',
    regionName: '某市',
    peerGroup: null,
    indicators,
    model: DEFAULT_MODEL,
    asOf: '2024-03-01T12:00:00.000+08:00',
    generatedAt: new Date('2024-03-02T01:00:00Z'),
    snapshot: null,
    previous: {
      title: '2022年度某市排名',
      publishedAt: '2023-03-10T02:00:00.000Z',
      scores: new Map([['org-1', 90.25]]),
    },
    ...overrides,
  };
}

export function aRow(overrides: Partial<RankingRow> = {}): RankingRow {
  return {
    organizationId: 'org-1',
    organizationName: '某县科学技术局',
    regionName: '某县',
    peerGroup: 'county-department',
    departmentType: '科技局',
    rank: 1,
    tied: false,
    score: 95.5,
    points: indicators.map((_, j) => (j === 0 ? 20 : j === 1 ? null : 1.5)),
    flags: [],
    status: 'APPROVED',
    firstSubmittedAt: '2024-01-20T10:05:00.000+08:00',
    previousRank: 3,
    rankChange: 2,
    ...overrides,
  };
}

export async function collect(write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise((resolve) => out.on('end', resolve));
  await write(out);
  out.end();
  await finished;
  return Buffer.concat(chunks);
}

export const rows: RankingRow[] = [
  aRow(),
  aRow({
    organizationId: 'org-2',
    organizationName: '某县"财政"局, 预算科',
    rank: 2,
    tied: true,
    score: 72,
    flags: [{ id: 'timeliness.late', severity: 'warning', labelZh: '逾期报送' }],
    rankChange: -1,
  }),
  aRow({
    organizationId: 'org-3',
    organizationName: '=某县教育局',
    rank: 2,
    tied: true,
    score: 72,
    flags: [{ id: 'findings.openErrors', severity: 'error', labelZh: '存在未改正错误' }],
    rankChange: null,
    previousRank: null,
  }),
  aRow({
    organizationId: 'org-4',
    organizationName: '某县民政局',
    rank: null,
    score: null,
    points: indicators.map(() => null),
    status: null,
    firstSubmittedAt: null,
    previousRank: null,
    rankChange: null,
  }),
];

export const findings: FindingRow[] = [
  {
    organizationName: '某县教育局',
    rank: 2,
    rule: 'applications.balance',
    severity: 'error',
    message: '申请数量不平衡',
    cells: ['applications.total.total', 'applications.newReceived.total'],
  },
];

/** A cell key of the report model (`applications.granted.commercial`, `sections.other`). */
export const CELL_KEY = /^[a-z]+(\.[a-zA-Z0-9]+)+$/;

/** Findings pointing at every kind of place a rule names: table cells, sections, fields. */
export const variedFindings: FindingRow[] = [
  ...findings,
  {
    organizationName: '某县科学技术局',
    rank: 1,
    rule: 'staffing.noDedicatedStaff',
    severity: 'warning',
    message: '无专职工作人员',
    cells: ['staffing.dedicatedStaff'],
  },
  {
    organizationName: '某县科学技术局',
    rank: 1,
    rule: 'completeness.sections',
    severity: 'error',
    message: '缺少“六、其他需要报告的事项”部分',
    cells: ['sections.other', 'template', 'sections'],
  },
  {
    organizationName: '某县民政局',
    rank: null,
    rule: 'applications.granted.unknownRule',
    severity: 'info',
    message: '提示',
    cells: ['applications.granted.commercial', 'reviewLitigation.nowhere.total'],
  },
];

export function manyRows(n: number): RankingRow[] {
  return Array.from({ length: n }, (_, i) =>
    aRow({
      organizationId: `org-${i}`,
      organizationName: `演示市第${i + 1}测试单位`,
      regionName: '演示省演示市南溪县',
      peerGroup: '县级市场监督管理局',
      rank: i + 1,
      score: 100 - i / 3,
      flags:
        i % 3 === 0 ? [{ id: 'timeliness.late', severity: 'warning', labelZh: '逾期报送' }] : [],
    }),
  );
}

export async function workbookOf(
  meta: RankingSheetMeta,
  list: readonly RankingRow[],
  found: readonly FindingRow[],
): Promise<{ bytes: Buffer; book: Workbook }> {
  const bytes = await collect(async (out) => {
    await writeRankingWorkbook(out, meta, list, () => found);
  });
  const book = new Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return { bytes, book };
}
