// Report validation speed: milliseconds per report of `parseReport` and of zod's ways to run the
// same schema, on the filings of a synthetic nation with defects (every template, each report as
// JSON.parse gives it). The ways run in turns in one process, so they share the machine's load:
//   parseReport            — what the server and the CLI call: zod's compiled parser (`z.compile`)
//                            once a process has parsed PARSES_BEFORE_COMPILING reports of a template
//   zod runtime            — the schema's own safeParse (zod's object JIT on)
//   zod runtime, jitless   — the same with `jitless: true` (what the web runs under its CSP)
//   zod runtime, z.object  — the schema with every strict object made a plain (stripping) one
//   parseReport, invalid   — a report with a bad year: the compiled try, then zod's errors
// and how long zod takes to compile each template's schema (`compiledReportSchema`).
// Needs the built packages: `pnpm build`, then `node test/bench/run.mjs report-parse`.
import { createRequire } from 'node:module';
import model from '@gongkai/report-model';
import testing from '@gongkai/report-model/testing';

const {
  TEMPLATE_IDS,
  TEMPLATE_REPORT_SCHEMAS,
  PARSES_BEFORE_COMPILING,
  compiledReportSchema,
  parseReport,
} = model;
const { SyntheticNation, DEFAULT_YEARS, generateConsistentReport } = testing;
// the package's own zod (the test workspace does not depend on it)
const { z } = createRequire(createRequire(import.meta.url).resolve('@gongkai/report-model'))('zod');

const ROUNDS = 5;
const ROUND_MS = 600;

const reports = [];
const nation = new SyntheticNation({ bodies: 600, years: 2, seed: 7, defectRate: 0.3 });
for (const year of nation.years)
  for (const filing of nation.filings(year))
    reports.push(JSON.parse(JSON.stringify(filing.report)));
// the nation files the current templates: add the others so every schema is exercised
for (const template of TEMPLATE_IDS)
  for (let i = 0; i < 20; i += 1)
    reports.push(
      JSON.parse(
        JSON.stringify(generateConsistentReport(i + 1, template, DEFAULT_YEARS[template])),
      ),
    );
const perTemplate = Object.fromEntries(TEMPLATE_IDS.map((t) => [t, 0]));
for (const report of reports) perTemplate[report.template] += 1;

const invalid = reports.slice(0, 200).map((report) => {
  const copy = structuredClone(report);
  copy.year = '2023';
  return copy;
});

/** The schema with every `z.strictObject` rebuilt as `z.object` (unknown keys stripped). */
function stripping(schema) {
  const def = schema._zod.def;
  switch (def.type) {
    case 'object':
      return z.object(
        Object.fromEntries(Object.entries(def.shape).map(([k, v]) => [k, stripping(v)])),
      );
    case 'optional':
      return stripping(def.innerType).optional();
    case 'nullable':
      return stripping(def.innerType).nullable();
    case 'record':
      return z.record(def.keyType, stripping(def.valueType));
    default:
      return schema;
  }
}
const plainObjects = Object.fromEntries(
  TEMPLATE_IDS.map((t) => [t, stripping(TEMPLATE_REPORT_SCHEMAS[t])]),
);

const ways = {
  parseReport: [reports, (r) => parseReport(r).ok],
  'zod runtime': [reports, (r) => TEMPLATE_REPORT_SCHEMAS[r.template].safeParse(r).success],
  'zod runtime, jitless': [
    reports,
    (r) => TEMPLATE_REPORT_SCHEMAS[r.template].safeParse(r, { jitless: true }).success,
  ],
  'zod runtime, z.object': [reports, (r) => plainObjects[r.template].safeParse(r).success],
  'parseReport, invalid': [invalid, (r) => !parseReport(r).ok],
};

const compileMs = {};
for (const template of TEMPLATE_IDS) {
  const started = performance.now();
  compiledReportSchema(TEMPLATE_REPORT_SCHEMAS[template]).safeParse(
    reports.find((r) => r.template === template),
  );
  compileMs[template] = performance.now() - started;
}

for (const [name, [items, fn]] of Object.entries(ways))
  for (const item of items)
    if (!fn(item)) throw new Error(`${name} disagrees on a ${item.template} report`);
// past the count after which parseReport runs the compiled parser, for every template
for (const template of TEMPLATE_IDS) {
  const report = reports.find((r) => r.template === template);
  for (let i = 0; i <= PARSES_BEFORE_COMPILING; i += 1) parseReport(report);
}

/** Milliseconds per item over at least `ms` of calls. */
function perItem(items, fn, ms) {
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (const item of items) fn(item);
    count += items.length;
    elapsed = performance.now() - started;
  }
  return elapsed / count;
}

const samples = Object.fromEntries(Object.keys(ways).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round += 1)
  for (const [name, [items, fn]] of Object.entries(ways))
    samples[name].push(perItem(items, fn, ROUND_MS));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  `node ${process.version}, one thread; ${reports.length} reports (${Object.entries(perTemplate)
    .map(([t, n]) => `${t}: ${n}`)
    .join(', ')}); median of ${ROUNDS} turns of ${ROUND_MS} ms`,
);
console.log(
  `compiling a template's schema (and its first parse): ${TEMPLATE_IDS.map(
    (t) => `${t} ${Math.round(compileMs[t])} ms`,
  ).join(', ')}`,
);
console.log('\nway                          ms/report   × parseReport');
const base = median(samples.parseReport);
for (const [name, values] of Object.entries(samples)) {
  const ms = median(values);
  console.log(
    `${name.padEnd(28)} ${ms.toFixed(4).padStart(9)}   ${(ms / base).toFixed(1).padStart(6)}`,
  );
}
