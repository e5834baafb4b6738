import { type CellValue, columnLetter, type XlsxWorkbookWriter } from '@gongkai/office';
import type { FindingRow } from '../scoring';
import { cellCodes, cellLabelsZh, ruleNameZh } from './finding-labels';
import type { RankingSheetMeta } from './ranking-columns';
import {
  BOLD,
  BORDER,
  FILLS,
  FINDINGS_SHEET,
  printSetup,
  rowHeight,
  type WorkbookCounts,
} from './ranking-workbook.layout';

const SEVERITY_LABELS: Readonly<Record<string, string>> = {
  error: '错误',
  warning: '警告',
  info: '提示',
};

/** The findings sheet's columns; only the last holds the template's cell codes. */
export const FINDINGS_HEADERS = [
  '排名',
  '单位',
  '级别',
  '规则',
  '说明',
  '涉及单元格',
  '单元格代码',
] as const;

/** The findings sheet: one row per finding of each ranked organization, in rank order. */
export async function writeFindings(
  book: XlsxWorkbookWriter,
  meta: RankingSheetMeta,
  findings: () => AsyncIterable<FindingRow> | Iterable<FindingRow>,
  counts: WorkbookCounts,
): Promise<void> {
  const styles = book.styles;
  const rank = styles.cellStyle({ numFmt: '0', alignment: { vertical: 'top' } });
  const wrap = styles.cellStyle({ alignment: { vertical: 'top', wrapText: true } });
  const top = styles.cellStyle({ alignment: { vertical: 'top' } });
  // (the codes are small print: about half the width per character)
  const widths = [null, 26, null, 20, 56, 40, 28];
  const sheet = await book.addSheet(FINDINGS_SHEET, {
    columns: [
      { width: 7, style: rank },
      { width: 26, style: wrap },
      { width: 7, style: top },
      { width: 20, style: wrap },
      { width: 56, style: wrap },
      { width: 40, style: wrap },
      // the template's cell codes, for experts: last and narrow
      {
        width: 14,
        style: styles.cellStyle({
          font: { size: 8, color: 'FF808080' },
          alignment: { vertical: 'top', wrapText: true },
        }),
      },
    ],
    frozen: { rows: 1 },
    ...printSetup(meta, FINDINGS_SHEET),
  });
  const header = styles.cellStyle({
    font: BOLD,
    fill: FILLS.header,
    border: BORDER,
    alignment: { vertical: 'center', wrapText: true },
  });
  await sheet.addRow(
    [...FINDINGS_HEADERS],
    FINDINGS_HEADERS.map(() => header),
  );
  const errorStyles = [
    undefined,
    undefined,
    styles.cellStyle({ fill: FILLS.flagError, alignment: { vertical: 'top' } }),
  ] as number[];
  const values: CellValue[] = new Array<CellValue>(FINDINGS_HEADERS.length);
  for await (const finding of findings()) {
    values[0] = finding.rank;
    values[1] = finding.organizationName;
    values[2] = SEVERITY_LABELS[finding.severity] ?? '提示';
    values[3] = ruleNameZh(finding.rule);
    values[4] = finding.message;
    values[5] = cellLabelsZh(finding.cells);
    values[6] = cellCodes(finding.cells);
    const height = rowHeight(values, widths);
    const wait = sheet.addRow(
      values,
      finding.severity === 'error' ? errorStyles : undefined,
      height ? { height } : {},
    );
    if (wait) await wait;
    counts.findings += 1;
  }
  await sheet.end({
    autoFilter: `A1:${columnLetter(FINDINGS_HEADERS.length)}${Math.max(counts.findings, 1) + 1}`,
  });
}
