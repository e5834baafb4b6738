// Rule engine throughput: reports checked per second on one core for each template (table
// arithmetic only, then every rule including text), originality for 1,000 reports against each
// other, and the same arithmetic rules encoded in json-rules-engine as a baseline.
// Needs the built packages: `pnpm build`, then `node test/bench/run.mjs report-model`.
import jsonRulesEngine from 'json-rules-engine';
import model from '@gongkai/report-model';
import testing from '@gongkai/report-model/testing';

const { TEMPLATE_IDS, check, findSimilarPairs, fingerprintText, comparableText, tableIdentities } =
  model;
const { DEFAULT_YEARS, generateConsistentReport, withCellDelta } = testing;
const { Engine } = jsonRulesEngine;

const POOL = 200;

function corpus(template) {
  const reports = [];
  for (let i = 0; i < POOL; i += 1) {
    const report = generateConsistentReport(i + 1, template, DEFAULT_YEARS[template]);
    // One report in four has a broken identity, so findings are built too.
    reports.push(i % 4 === 0 && template !== 'narrative' ? breakOne(report, template) : report);
  }
  return reports;
}

function breakOne(report, template) {
  const path =
    template === '2021' || template === '2019'
      ? 'reviewLitigation.review.upheld'
      : 'legacyStats.applicationsTotal.year';
  return withCellDelta(report, path, 1);
}

/** Runs fn over the pool for at least `ms` milliseconds, returns items per second. */
function throughput(reports, fn, ms = 1500) {
  for (let i = 0; i < 500; i += 1) fn(reports[i % reports.length]);
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 100; i += 1) fn(reports[(count + i) % reports.length]);
    count += 100;
    elapsed = performance.now() - started;
  }
  return (count / elapsed) * 1000;
}

async function throughputAsync(reports, fn, ms = 1500) {
  for (let i = 0; i < 100; i += 1) await fn(reports[i % reports.length]);
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 20; i += 1) await fn(reports[(count + i) % reports.length]);
    count += 20;
    elapsed = performance.now() - started;
  }
  return (count / elapsed) * 1000;
}

function value(report, term) {
  return report.tables[term.table]?.[term.row]?.[term.column];
}

/** The template's arithmetic identities as json-rules-engine rules: one computed fact + rule each. */
function baselineEngine(template) {
  const engine = new Engine([], { allowUndefinedFacts: true });
  tableIdentities(template).forEach((identity, index) => {
    const fact = `identity${index}`;
    engine.addFact(fact, async (_params, almanac) => {
      const report = await almanac.factValue('report');
      let actual = 0;
      let expected = 0;
      let seen = 0;
      for (const term of identity.actual) {
        const v = value(report, term);
        if (v === null) return 0;
        if (v === undefined) {
          if (term.optional) continue;
          return 0;
        }
        actual += term.sign * v;
        seen += 1;
      }
      for (const term of identity.expected) {
        const v = value(report, term);
        if (v === null) return 0;
        if (v === undefined) {
          if (term.optional) continue;
          return 0;
        }
        expected += term.sign * v;
        seen += 1;
      }
      if (seen === 0) return 0;
      if (identity.relation === 'eq') return actual - expected;
      if (identity.relation === 'lte') return actual > expected ? 1 : 0;
      return actual < expected ? 1 : 0;
    });
    engine.addRule({
      conditions: { all: [{ fact, operator: 'notEqual', value: 0 }] },
      event: { type: identity.rule, params: { severity: identity.severity, index } },
    });
  });
  return engine;
}

const fmt = (n) => Math.round(n).toLocaleString('en-US').padStart(9);

console.log(`node ${process.version}, one core; pool of ${POOL} generated reports per template\n`);
console.log(
  'template        arithmetic/s   all rules/s   json-rules-engine/s   ratio (ours ÷ baseline)',
);
const results = {};
for (const template of TEMPLATE_IDS) {
  const reports = corpus(template);
  const arithmetic = throughput(reports, (r) => check(r, { groups: ['tables'] }));
  const all = throughput(reports, (r) => check(r));
  let baseline = NaN;
  if (tableIdentities(template).length > 0) {
    const engine = baselineEngine(template);
    // Same verdicts: the baseline must see the same broken identities.
    const ours = check(reports[0], { groups: ['tables'] }).findings.length;
    const theirs = (await engine.run({ report: reports[0] })).events.length;
    if (ours !== theirs) throw new Error(`baseline disagrees on ${template}: ${ours} vs ${theirs}`);
    baseline = await throughputAsync(reports, (r) => engine.run({ report: r }), 1000);
  }
  results[template] = { arithmetic, all, baseline };
  console.log(
    `${template.padEnd(14)} ${fmt(arithmetic)}     ${fmt(all)}     ${Number.isNaN(baseline) ? '        (no tables)' : fmt(baseline)}          ${Number.isNaN(baseline) ? '' : `${(arithmetic / baseline).toFixed(0)}×`}`,
  );
}

// Originality: 1,000 reports of one round, 20 of them near-copies of another body's report.
const round = [];
for (let i = 0; i < 980; i += 1) round.push(generateConsistentReport(10_000 + i, '2021', 2023));
for (let i = 0; i < 20; i += 1) {
  const source = round[i * 7];
  round.push({
    ...source,
    organization: { name: `复制单位${i}` },
    sections: { ...source.sections, other: `${source.sections.other ?? ''}本单位另有说明${i}。` },
  });
}
const started = performance.now();
const fingerprints = round.map((r) => fingerprintText(comparableText(r)));
const fingerprinted = performance.now();
const pairs = findSimilarPairs(fingerprints, 0.5);
const done = performance.now();
const planted = pairs.filter((p) => p.b >= 980).length;
console.log(
  `\noriginality: ${round.length} reports against each other in ${(done - started).toFixed(0)} ms ` +
    `(fingerprints ${(fingerprinted - started).toFixed(0)} ms, LSH pairs ${(done - fingerprinted).toFixed(0)} ms); ` +
    `${pairs.length} pairs above 50%, ${planted}/20 planted copies found`,
);

const r2021 = results['2021'];
const failures = [];
if (r2021.arithmetic < 20_000)
  failures.push(`2021 arithmetic ${Math.round(r2021.arithmetic)}/s < 20,000/s`);
if (r2021.all < 2_000) failures.push(`2021 all rules ${Math.round(r2021.all)}/s < 2,000/s`);
if (done - started > 2000) failures.push(`originality ${Math.round(done - started)} ms > 2,000 ms`);
if (planted < 20) failures.push(`originality found ${planted}/20 planted copies`);
console.log(
  `\ntargets: 2021 arithmetic ≥ 20,000/s, 2021 all rules ≥ 2,000/s, originality ≤ 2,000 ms → ${failures.length === 0 ? 'met' : `MISSED: ${failures.join('; ')}`}`,
);
process.exit(failures.length === 0 ? 0 : 1);
