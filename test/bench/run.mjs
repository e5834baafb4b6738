// Runs every benchmark in this folder (`*.bench.mjs`), one child process each, against the built
// packages (`pnpm build` first). Pass a name fragment to run only matching benchmarks, and options
// for them after it:
//   pnpm bench report-model
//   pnpm bench national --quick          (12,000 bodies × 2 years instead of 120,000 × 7)
//   pnpm bench national --strict         (exit 1 when a target is missed)
// BENCH_JSON=<file> makes the national benchmark write its figures there as JSON.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const filter = args[0] !== undefined && !args[0].startsWith('--') ? args[0] : '';
const options = filter ? args.slice(1) : args;
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs') && f.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`bench: no benchmark matches "${filter}"`);
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const run = spawnSync(process.execPath, ['--expose-gc', join(here, file), ...options], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
