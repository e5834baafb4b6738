import {
  APPLICATION_COLUMNS,
  emptyReport,
  REVIEW_LITIGATION_COLUMNS,
  REVIEW_LITIGATION_ROWS,
  SECTION_KEYS,
  templatesForYear,
  type AnnualReport,
  type ReportTables,
  type SectionKey,
  type TemplateId,
} from '@gongkai/report-model';

type Cells = Record<string, Record<string, Record<string, number | null>>>;

export type MovedReport = {
  /** This year's report: the base (or a blank form) with the figures that carry over. */
  readonly report: AnnualReport;
  /** The cell paths filled from the uploaded report. */
  readonly cells: readonly string[];
  /** The sections taken (same year, other template only). */
  readonly sections: readonly string[];
  /** What was and was not taken, one line each (Chinese — English). */
  readonly notes: readonly string[];
  /** 'previous-year': last year's report; 'other-template': this year's in another template; 'unrelated': neither. */
  readonly relation: 'previous-year' | 'other-template' | 'unrelated';
};

const national = (t: TemplateId): t is '2019' | '2021' => t === '2019' || t === '2021';
const known = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The template of this year's form: the uploaded report's own when it is of this year in a template
 * the year allows (nothing to move), else the draft's when that is one, else the year's.
 */
function targetTemplate(year: number, source: AnnualReport, base: AnnualReport | null): TemplateId {
  const allowed = templatesForYear(year);
  if (source.year === year && allowed.includes(source.template)) return source.template;
  if (base && base.year === year && allowed.includes(base.template)) return base.template;
  return allowed[0] ?? '2021';
}

/**
 * A report of another year or template, moved into this year's form where the templates say the
 * figures correspond — never a guess:
 * - last year's report (year − 1): 结转下年度继续办理 becomes this year's 上年结转; in the 2019
 *   template 上一年项目数量 is last year's items plus 本年增/减. Everything else belongs to last
 *   year and is not taken (last year's 现行有效件数 / 对外公开总数量 / 历年累计 are named in a note,
 *   as this year's figures start from them).
 * - this year's report in a template the year does not use (2019 for 2021 on): the sections, title, date and staffing, the
 *   applications rows both templates print (2021's three 其他处理 rows add up to 2019's one), the
 *   15 复议/诉讼 numbers and the 处理决定数量 of 许可/处罚/强制; the 第二十条 columns that differ are not.
 * - any other year: nothing is taken.
 * `base` is this year's draft, kept where nothing is moved. Returns null when the report already
 * is this year's in the template the form expects.
 */
export function moveIntoYear(
  source: AnnualReport,
  year: number,
  base: AnnualReport | null = null,
): MovedReport | null {
  const template = targetTemplate(year, source, base);
  if (source.year === year && source.template === template) return null;
  const start =
    base && base.year === year && base.template === template
      ? base
      : emptyReport(template, year, source.organization);
  // every row of the template, with the draft's values where it has them
  const tables = JSON.parse(
    JSON.stringify(emptyReport(template, year, start.organization).tables),
  ) as Cells;
  for (const [table, rows] of Object.entries(start.tables as Cells))
    for (const [row, values] of Object.entries(rows ?? {}))
      tables[table] = { ...tables[table], [row]: { ...tables[table]?.[row], ...values } };
  const cells: string[] = [];
  const set = (table: string, row: string, column: string, value: unknown): void => {
    const target = tables[table]?.[row];
    if (!target || !(column in target) || !known(value)) return;
    target[column] = value;
    cells.push(`${table}.${row}.${column}`);
  };
  const from = source.tables as Cells;
  const notes: string[] = [];
  let report: AnnualReport = start;
  let sections: SectionKey[] = [];
  let relation: MovedReport['relation'] = 'unrelated';

  if (source.year === year - 1) {
    relation = 'previous-year';
    if (national(source.template) && national(template)) {
      const forward = from.applications?.carriedForward;
      for (const c of APPLICATION_COLUMNS) set('applications', 'carriedOver', c, forward?.[c]);
    }
    if (source.template === '2019' && template === '2019') {
      for (const row of ['licensing', 'otherServices', 'penalties', 'enforcement', 'fees']) {
        const last = from.article20?.[row];
        if (last && known(last.previousItems) && known(last.change))
          set('article20', row, 'previousItems', last.previousItems + last.change);
      }
    }
    const carriedForward = cells.filter((p) => p.startsWith('applications.carriedOver')).length;
    const items = cells.length - carriedForward;
    if (cells.length > 0) {
      const zh = [
        carriedForward > 0
          ? `上年“结转下年度继续办理”${carriedForward}个数已填入本年“上年结转政府信息公开申请数量”`
          : null,
        items > 0 ? `上年项目数量加本年增/减已填入本年“上一年项目数量”（${items}个数）` : null,
      ]
        .filter(Boolean)
        .join('；');
      const en = [
        carriedForward > 0
          ? `last year's ${carriedForward} carried-forward figures became this year's carried-over applications`
          : null,
        items > 0
          ? `last year's items plus change became this year's previous-year items (${items})`
          : null,
      ]
        .filter(Boolean)
        .join('; ');
      notes.push(
        `上传的是${source.year}年度的报告，本表是${year}年度：${zh}；其余数字和文字属于${source.year}年度，未带入 — this is the ${source.year} report and the form is for ${year}: ${en}; the other figures and the text belong to ${source.year} and were not taken`,
      );
    } else {
      notes.push(
        `上传的是${source.year}年度的报告，本表是${year}年度：两年的表格没有可结转的栏目（${source.template} → ${template}），未带入任何数字 — this is the ${source.year} report and the form is for ${year}: the two tables have no figures that carry over, nothing was taken`,
      );
    }
    const a20 = from.article20;
    if (source.template === '2021' && template === '2021' && a20) {
      const regs = a20.regulations?.inForce;
      const docs = a20.normativeDocuments?.inForce;
      if (known(regs) || known(docs))
        notes.push(
          `上年现行有效件数：规章${known(regs) ? regs : '—'}件、行政规范性文件${known(docs) ? docs : '—'}件；本年现行有效件数 = 上年 + 本年制发 − 本年废止 — last year's in-force counts: regulations ${known(regs) ? regs : '-'}, normative documents ${known(docs) ? docs : '-'}; this year's = last year's + issued − repealed`,
        );
    }
  } else if (source.year === year) {
    relation = 'other-template';
    if (national(source.template) && national(template)) {
      const apps = from.applications ?? {};
      for (const [row, values] of Object.entries(apps)) {
        if (!tables.applications?.[row]) continue;
        for (const c of APPLICATION_COLUMNS) set('applications', row, c, values[c]);
      }
      if (template === '2019' && source.template === '2021')
        for (const c of APPLICATION_COLUMNS) {
          const parts = ['otherNoCorrection', 'otherNoFee', 'otherOther'].map((r) => apps[r]?.[c]);
          if (parts.every(known))
            set(
              'applications',
              'otherHandling',
              c,
              parts.reduce((a, b) => a + b, 0),
            );
        }
      for (const row of REVIEW_LITIGATION_ROWS)
        for (const c of REVIEW_LITIGATION_COLUMNS)
          set('reviewLitigation', row, c, from.reviewLitigation?.[row]?.[c]);
      for (const row of ['licensing', 'penalties', 'enforcement'])
        set('article20', row, 'decisions', from.article20?.[row]?.decisions);
    }
    sections = SECTION_KEYS.filter((k) => (source.sections[k] ?? '').trim() !== '');
    report = {
      ...start,
      title: source.title ?? start.title ?? null,
      publishedOn: source.publishedOn ?? start.publishedOn ?? null,
      staffing: source.staffing ?? start.staffing,
      facts: source.facts ?? start.facts,
      sections: {
        ...start.sections,
        ...Object.fromEntries(sections.map((k) => [k, source.sections[k]])),
      },
    };
    notes.push(
      `上传的报告使用${source.template}版模板，本表是${template}版：已填入两种模板相同的栏目（${cells.length}个数、${sections.length}个部分），其余栏目不对应，未填入 — the report uses the ${source.template} template and the form the ${template} one: the ${cells.length} figures and ${sections.length} sections both templates have were taken, the others do not correspond`,
    );
  } else {
    notes.push(
      `上传的是${source.year}年度的报告，本表是${year}年度：不是上一年度的报告，未带入任何数字 — this is the ${source.year} report and the form is for ${year}: not last year's report, nothing was taken`,
    );
  }
  const organization = start.organization.name.trim() ? start.organization : source.organization;
  return {
    report: { ...report, organization, tables: tables as ReportTables },
    cells,
    sections,
    notes,
    relation,
  };
}
