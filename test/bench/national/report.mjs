// The national benchmark's figures: each printed with its target and met/MISSED as it is taken,
// and kept for the JSON written to $BENCH_JSON.
import { percentile } from './helpers.mjs';

/** `figure(name, value, unit, target)` and `p95(name, target, measure)` over one list. */
export function reporter(runs) {
  const figures = [];
  function figure(name, value, unit, target) {
    const met = target === null ? null : value !== null && value <= target;
    figures.push({ name, value, unit, target, met });
    const shown =
      value === null
        ? 'failed'
        : typeof value === 'number'
          ? value.toFixed(value < 10 ? 2 : 0)
          : value;
    const ratio = target && value !== null ? ` (${(value / target).toFixed(2)} × target)` : '';
    console.log(
      `  ${name.padEnd(52)} ${String(shown).padStart(9)} ${unit.padEnd(3)}` +
        (target === null
          ? ''
          : `  target ≤ ${Number(target.toPrecision(3))} ${unit}${ratio}  ${met ? 'met' : 'MISSED'}`),
    );
  }

  /** Runs `measure` `runs` times after one unmeasured warm-up and records the p95 (ms). */
  async function p95(name, target, measure) {
    try {
      const first = await measure();
      // a query far over its target is timed fewer times (its p95 is then the slowest of 5)
      const n = first > 20 * target ? Math.min(runs, 5) : runs;
      const times = [];
      for (let i = 0; i < n; i += 1) times.push(await measure());
      figure(name, percentile(times, 0.95), 'ms', target);
    } catch (error) {
      console.log(`  ${name}: ${String(error.message ?? error).slice(0, 300)}`);
      figure(name, null, 'ms', target);
    }
  }

  return { figures, figure, p95 };
}
