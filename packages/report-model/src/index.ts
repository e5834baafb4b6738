/**
 * @gongkai/report-model — templates, the canonical annual report and the rule engine. Pure
 * TypeScript: no I/O, no frameworks; the same code runs in the browser form, the server, the
 * importer and the CLI.
 *
 * Templates (spec §2)
 *   TEMPLATES, TEMPLATE_IDS, getTemplate(id), cellPaths(id), findCell(id, path),
 *   templatesForYear(year), isTemplateId(x), SECTION_KEYS, MONEY_CELLS and the row-group
 *   constants (APPLICANT_COLUMNS, DENIED_ROWS, LEGACY_ROWS, …)
 *   types: TemplateId, TableId, SectionKey, CellKind, TemplateDefinition, TableDefinition,
 *   RowDefinition, CellDefinition
 * Labels (zh-CN and en, all in one place)
 *   TABLE_LABELS, ROW_LABELS (with aliases), COLUMN_LABELS, SECTION_LABELS, TEMPLATE_LABELS,
 *   tableLabel, rowLabel, columnLabel, sectionLabel, cellLabel(path, lang)
 * The report (spec §1)
 *   type AnnualReport (+ CellValue, TableData, ReportTables, Staffing, Facts, …), REPORT_FORMAT,
 *   reportSchema (zod), parseReport(json) → { ok, report } | { ok: false, errors: [{ path, message }] },
 *   (zod's compiled parser once a process has parsed PARSES_BEFORE_COMPILING reports of a
 *   template: compiledReportSchema(schema)),
 *   formatSchemaErrors, emptyReport(template, year, organization?), getCell(report, path),
 *   tableDifferences(template, a, b) (cells whose values differ)
 * Rules (spec §3)
 *   check(report, { previous?, peers?, groups? }) → { summary, findings } (deterministic order);
 *   types Finding, Severity, RuleId, RuleDescriptor, CheckOptions, CheckResult, CheckSummary;
 *   RULE_CATALOGUE, getRule(id), RULE_GROUPS, tableIdentities(template), crossYearPlan(t, prev),
 *   arithmeticallyBoundCells(template), evaluateIdentity, cellCompleteness
 *   timeliness (server-side): evaluateDeadline({ publishedOn, submittedAt, deadline }),
 *   statutoryDeadline(year, 'department' | 'government')
 *   originality: buildPeerCorpus(reports) (index a round once, pass as `peers`),
 *   fingerprintReport / fingerprintText, estimateSimilarity, exactSimilarity, findSimilarPairs,
 *   SimilarityIndex (MinHash, LSH band keys, lists per band key), bandKeys
 * Test and demo data (pure, seeded) live behind their own entry point,
 *   `@gongkai/report-model/testing` (see src/testing/index.ts).
 */
export * from './templates/template.types';
export * from './templates/template-definitions';
export * from './templates/labels';
export * from './templates/cell-label';
export * from './report/annual-report.types';
export * from './report/report.schema';
export * from './report/empty-report';
export * from './report/table-differences';
export * from './rules/finding.types';
export * from './rules/rule-catalogue';
export * from './rules/identity';
export * from './rules/check';
export * from './rules/cell-vector';
export * from './rules/timeliness.rules';
export * from './time/shanghai-time';
export * from './rules/originality.rules';
export * from './rules/completeness.rules';
export * from './originality/minhash';
export * from './originality/similarity-index';
