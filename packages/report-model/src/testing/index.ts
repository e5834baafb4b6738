/**
 * @gongkai/report-model/testing — seeded test and demo data, kept out of the package's root so
 * production bundles do not carry it.
 *
 *   generateConsistentReport(seed | rng, template, year, { previous?, organization? }) — a report
 *   every rule passes; generateYearPair(seed, template, year); createRng(seed); DEFAULT_YEARS
 *   mutableCopy(report), withCell(report, path, value), withCellDelta(report, path, delta)
 *   SyntheticNation, generateNationBodies, nationTemplate, nationDeadlines, NATION_DEFECTS — a
 *   nation of bodies and filings with planted defects, for the seed command and the benchmarks
 *   gbkBytes(text) — text as Chinese Windows saves it (GBK), for files read by the importers
 */
export * from './gbk';
export * from './generate-report';
export * from './mutable';
export * from './nation';
