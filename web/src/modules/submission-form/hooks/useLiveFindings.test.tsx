import { generateConsistentReport, withCell } from '@gongkai/report-model/testing';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLiveFindings } from './useLiveFindings';

describe(useLiveFindings.name, () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const consistent = generateConsistentReport(11, '2021', 2022);

  it('checks the initial report at once', () => {
    const { result } = renderHook(() => useLiveFindings(consistent));
    expect(result.current.findings.some((f) => f.severity === 'error')).toBe(false);
    expect(result.current.stale).toBe(false);
  });

  it('re-runs the rules after the debounce and reports the broken identity on its cells', () => {
    const { result, rerender } = renderHook(
      ({ report }) => useLiveFindings(report, undefined, 100),
      {
        initialProps: { report: consistent },
      },
    );
    const printed = consistent.tables.applications?.newReceived?.natural ?? 0;
    const broken = withCell(consistent, 'applications.newReceived.natural', printed + 5);
    act(() => {
      result.current.markEdit();
    });
    rerender({ report: broken });
    expect(result.current.stale).toBe(true);
    act(() => {
      vi.advanceTimersByTime(99);
    });
    expect(result.current.findings.some((f) => f.rule === 'applications.rowTotal')).toBe(false);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(result.current.stale).toBe(false);
    const rowTotal = result.current.findings.find((f) => f.rule === 'applications.rowTotal');
    expect(rowTotal?.cells).toContain('applications.newReceived.natural');
    expect(rowTotal?.severity).toBe('error');
    expect(result.current.timing?.totalMs).toBeGreaterThanOrEqual(100);
    expect(result.current.timing?.checkMs).toBeGreaterThanOrEqual(0);
  });

  it('coalesces a burst of edits into one check', () => {
    const { result, rerender } = renderHook(
      ({ report }) => useLiveFindings(report, undefined, 100),
      {
        initialProps: { report: consistent },
      },
    );
    const first = result.current.result;
    for (let i = 1; i <= 5; i += 1) {
      rerender({ report: withCell(consistent, 'applications.newReceived.legal', i * 100) });
      act(() => {
        vi.advanceTimersByTime(50);
      });
    }
    expect(result.current.result).toBe(first);
    act(() => {
      vi.advanceTimersByTime(100);
    });
    const rowTotal = result.current.findings.find(
      (f) =>
        f.rule === 'applications.rowTotal' && f.cells.includes('applications.newReceived.legal'),
    );
    expect(rowTotal).toBeDefined();
  });
});
