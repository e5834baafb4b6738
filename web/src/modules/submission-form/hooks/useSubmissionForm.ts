import type { AnnualReport } from '@gongkai/report-model';
import { useLiveFindings } from './useLiveFindings';
import { useReportDraft } from './useReportDraft';

/** The form's state: the draft being edited and its live findings. */
export function useSubmissionForm(
  initial: AnnualReport,
  options: { previous?: AnnualReport; justifications?: Record<string, string> } = {},
) {
  const [draft, dispatch] = useReportDraft(initial, options.justifications);
  const live = useLiveFindings(draft.report, options.previous);
  return { draft, dispatch, live };
}
