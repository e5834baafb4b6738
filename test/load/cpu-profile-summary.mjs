// Where a server's CPU went: reads a `.cpuprofile` written by `node --cpu-prof` and prints the
// self time by function and by file (packages grouped by name), largest first.
//
//   node test/load/cpu-profile-summary.mjs <file.cpuprofile> [rows, default 40] [--last S]
//
// `--last S` counts only the profile's last S seconds (the measured requests, not the start-up
// and the demo data that came before them). Beside the self time it prints the inclusive time by
// file or package (the samples with that place anywhere on their stack) and the share of the
// samples that were on a CPU: not idle, not waiting in `writev` (see README: Where the server's
// CPU goes).
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const lastAt = args.indexOf('--last');
const lastSeconds = lastAt >= 0 ? Number(args.splice(lastAt, 2)[1]) : Infinity;
const [file, rowsArg] = args;
if (!file) {
  console.error('usage: node test/load/cpu-profile-summary.mjs <file.cpuprofile> [rows]');
  process.exit(2);
}
const rows = Number(rowsArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
/** Sampled time by node id, for the inclusive figures. */
const deltas = profile.timeDeltas;
const from = profile.endTime - lastSeconds * 1e6;
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  at += deltas[i] ?? 0;
  if (at < from) continue;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (deltas[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** `node_modules/.pnpm/<pkg>@<v>/node_modules/<pkg>/…` → the package; the repo's files as they are. */
function place(url) {
  if (!url) return '(native)';
  const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return url;
  const i = url.indexOf('/dist/');
  return i >= 0 ? url.slice(url.lastIndexOf('/', i - 1) + 1) : url.replace(/^file:\/\//, '');
}

const byFunction = new Map();
const byPlace = new Map();
for (const [id, micros] of self) {
  const { callFrame } = byId.get(id);
  const where = place(callFrame.url);
  const fn = `${callFrame.functionName || '(anonymous)'}  ${where}${callFrame.url && !where.startsWith('node:') ? `:${callFrame.lineNumber + 1}` : ''}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
  byPlace.set(where, (byPlace.get(where) ?? 0) + micros);
}
const show = (title, map) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(
      `  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`,
    );
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
show('self time by file or package', byPlace);
show('self time by function', byFunction);

// inclusive: a sample counts once for every place on its stack (the place's own code and what it
// called); "on a CPU" leaves out the idle loop and the wait inside `writev`
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map();
let busy = 0;
const waiting = new Set(['(idle)', 'writev', '(program)']);
for (const [id, micros] of self) {
  if (waiting.has(byId.get(id).callFrame.functionName)) continue;
  busy += micros;
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const { callFrame } = byId.get(at);
    if (!callFrame.url) continue;
    seen.add(place(callFrame.url));
  }
  for (const where of seen) inclusive.set(where, (inclusive.get(where) ?? 0) + micros);
}
console.log(
  `\non a CPU (not idle, writev or program): ${(busy / 1e6).toFixed(1)} s, ${((100 * busy) / total).toFixed(1)}% of the samples`,
);
console.log('inclusive time by file or package, as a share of the time on a CPU');
for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, rows))
  console.log(
    `  ${((100 * v) / busy).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`,
  );
