import type { AnnualReport } from '@gongkai/report-model';
import { layoutReport, legacyUnit, type PrintedTable } from './report-layout';

function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function td(text: string, attrs = ''): string {
  return `<td${attrs}>${escape(text)}</td>`;
}

function tableHtml(table: PrintedTable, print: boolean): string {
  const rows: string[] = [];
  if (table.id === 'applications') {
    rows.push(
      `<tr><td rowspan="3" colspan="2">${escape(table.header[0]?.[0] ?? '')}</td><td colspan="7">申请人情况</td></tr>`,
    );
    rows.push(
      '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>',
    );
    rows.push(`<tr>${(table.header[2] ?? []).map((h) => td(h)).join('')}</tr>`);
  } else if (table.id === 'reviewLitigation') {
    rows.push('<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>');
    const parts = (table.header[1] ?? []).slice(0, 5);
    rows.push(
      `<tr>${parts.map((h) => td(h, ' rowspan="2"')).join('')}<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>`,
    );
    rows.push(`<tr>${[...parts, ...parts].map((h) => td(h)).join('')}</tr>`);
  } else {
    rows.push(`<tr>${(table.header[0] ?? []).map((h) => td(h)).join('')}</tr>`);
  }
  const width = Math.max(...table.rows.map((r) => r.values.length));
  for (const row of table.rows) {
    const cells: string[] = [];
    if (row.group) cells.push(td(row.group.label, ` rowspan="${row.group.rows}"`));
    // an applications row without a group label spans both label columns, as typed in Word
    const grouped =
      table.id === 'applications' &&
      (row.group || (row.labels.length === 1 && /^\d\./.test(row.labels[0] ?? '')));
    for (const label of row.labels)
      cells.push(td(label, table.id === 'applications' && !grouped ? ' colspan="2"' : ''));
    if (table.id === 'legacyStats') cells.push(td(legacyUnit(row.labels[0] ?? '')));
    for (const value of row.values) cells.push(td(value === null ? '' : String(value)));
    for (let k = row.values.length; k < width && table.id === 'article20'; k += 1)
      cells.push(td(''));
    rows.push(`<tr>${cells.join('')}</tr>`);
  }
  const attributes = print
    ? ' border="1" cellspacing="0" cellpadding="2" width="100%" style="font-size:8pt"'
    : ' border="1"';
  return `<table${attributes}>\n${rows.join('\n')}\n</table>`;
}

/**
 * The report as an HTML page: headings, paragraphs and tables with merged header cells, every
 * table's grid consistent (each row spans the same columns, as in a document typed in Word).
 * `print` sizes the tables for an A4 page (the PDF and word-processor fixtures).
 */
export function renderReportHtml(report: AnnualReport, options: { print?: boolean } = {}): string {
  const body: string[] = [];
  for (const block of layoutReport(report)) {
    if (block.kind === 'table') body.push(tableHtml(block.table, options.print ?? false));
    else if (block.heading) body.push(`<h2>${escape(block.text)}</h2>`);
    else body.push(`<p>${escape(block.text)}</p>`);
  }
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escape(report.title ?? '')}</title></head>\n<body>\n${body.join('\n')}\n</body></html>\n`;
}
