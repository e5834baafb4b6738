import type { TemplateId } from '../templates/template.types';
import { LEGACY_2011_ROWS, LEGACY_FUJIAN_ROWS, TEMPLATES } from '../templates/template-definitions';
import { REPORT_FORMAT, type AnnualReport, type ReportTables } from './annual-report.types';

type MutableTables = Record<string, Record<string, Record<string, number | null>>>;

/**
 * A report of the template with every cell blank (null) and every section absent: the starting
 * point of the web form. Legacy tables get the rows their family usually prints.
 */
export function emptyReport(
  template: TemplateId,
  year: number,
  organization: AnnualReport['organization'] = { name: '', region: null },
): AnnualReport {
  const tables: MutableTables = {};
  for (const table of TEMPLATES[template].tables) {
    const rows: Record<string, Record<string, number | null>> = {};
    const printed: readonly string[] | undefined =
      template === 'legacy-fujian'
        ? LEGACY_FUJIAN_ROWS
        : template === 'legacy-2011'
          ? LEGACY_2011_ROWS
          : undefined;
    for (const row of table.rows) {
      if (printed && !printed.includes(row.key)) continue;
      rows[row.key] = Object.fromEntries(row.columns.map((column) => [column, null]));
    }
    tables[table.id] = rows;
  }
  return {
    format: REPORT_FORMAT,
    template,
    year,
    organization,
    title: null,
    publishedOn: null,
    sections: {
      overview: null,
      proactive: null,
      applications: null,
      reviewLitigation: null,
      problems: null,
      other: null,
    },
    tables: tables as ReportTables,
    staffing: { leadingGroup: null, dedicatedStaff: null, partTimeStaff: null, trainings: null },
    facts: {},
  };
}

/** The value of a cell path, `undefined` when the report does not print it, null when blank. */
export function getCell(report: AnnualReport, path: string): number | null | undefined {
  const [table = '', row = '', column = ''] = path.split('.');
  return report.tables[table as keyof AnnualReport['tables']]?.[row]?.[column];
}
