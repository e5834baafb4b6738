import type { AnnualReport } from '@gongkai/report-model';
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
  } = {},
) {
  const [draft, dispatch] = useReportDraft(initial, options.justifications, options.toConfirm);
  const live = useLiveFindings(draft.report, options.previous);
  return { draft, dispatch, live };
}
