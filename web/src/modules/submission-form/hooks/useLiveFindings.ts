import { type AnnualReport, check, type CheckResult } from '@gongkai/report-model';
import { useCallback, useEffect, useRef, useState } from 'react';

export const LIVE_CHECK_DELAY_MS = 100;

export type CheckTiming = {
  /** Time spent in `check()` itself. */
  readonly checkMs: number;
  /** From the keystroke (or paste) to the findings being rendered, debounce included. */
  readonly totalMs: number;
};

/**
 * Runs the rule engine — the same `check()` the server runs — on the report as the user edits it,
 * debounced, and reports how long the user waited for the findings.
 */
export function useLiveFindings(
  report: AnnualReport,
  previous?: AnnualReport,
  delayMs = LIVE_CHECK_DELAY_MS,
) {
  const [state, setState] = useState<{ result: CheckResult; report: AnnualReport }>(() => ({
    result: check(report, { previous }),
    report,
  }));
  const result = state.result;
  const [timing, setTiming] = useState<CheckTiming | null>(null);
  const checked = useRef<{ report: AnnualReport; previous?: AnnualReport }>({ report, previous });
  const editedAt = useRef<number | null>(null);
  const pending = useRef<number | null>(null);

  /** Call from the input handler so the latency counts from the keystroke, not from the render. */
  const markEdit = useCallback(() => {
    editedAt.current ??= performance.now();
  }, []);

  useEffect(() => {
    if (checked.current.report === report && checked.current.previous === previous) return;
    editedAt.current ??= performance.now();
    const timer = setTimeout(() => {
      const started = performance.now();
      const next = check(report, { previous });
      pending.current = performance.now() - started;
      checked.current = { report, previous };
      setState({ result: next, report });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [report, previous, delayMs]);

  useEffect(() => {
    if (pending.current === null || editedAt.current === null) return;
    const checkMs = pending.current;
    const totalMs = performance.now() - editedAt.current;
    pending.current = null;
    editedAt.current = null;
    setTiming({ checkMs, totalMs });
  }, [result]);

  const stale = state.report !== report;
  return { result, findings: result.findings, timing, stale, markEdit };
}
