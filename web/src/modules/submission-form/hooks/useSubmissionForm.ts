import type { AnnualReport, Finding } from '@gongkai/report-model';
import { useMemo } from 'react';
import { beyondBrowser } from '../utils/beyond-browser';
import { useLiveFindings } from './useLiveFindings';
import { useReportDraft } from './useReportDraft';

/** The form's state: the draft being edited and its live findings. */
export function useSubmissionForm(
  initial: AnnualReport,
  options: {
    previous?: AnnualReport;
    justifications?: Record<string, string>;
    /** Cells to highlight for confirmation besides the importer's guesses. */
    toConfirm?: ReadonlySet<string>;
    /**
     * Findings the server stored with the saved version. Those of rules the browser cannot run
     * (the round's peers, its deadline) are shown beside the live ones.
     */
    stored?: readonly Finding[];
  } = {},
) {
  const [draft, dispatch] = useReportDraft(initial, options.justifications, options.toConfirm);
  const checked = useLiveFindings(draft.report, options.previous);
  const stored = options.stored;
  const live = useMemo(() => {
    const extra = stored ? beyondBrowser(stored) : [];
    return extra.length === 0 ? checked : { ...checked, findings: [...checked.findings, ...extra] };
  }, [checked, stored]);
  return { draft, dispatch, live };
}
