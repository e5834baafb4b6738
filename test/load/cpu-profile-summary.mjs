// Where a server's CPU went: reads a `.cpuprofile` written by `node --cpu-prof` and prints the
// self time by function and by file (packages grouped by name), largest first.
//
//   node test/load/cpu-profile-summary.mjs <file.cpuprofile> [rows, default 40] [--last S]
//
// `--last S` counts only the profile's last S seconds (the measured requests, not the start-up
// and the demo data that came before them).
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
