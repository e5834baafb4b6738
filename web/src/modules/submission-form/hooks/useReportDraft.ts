import type { AnnualReport } from '@gongkai/report-model';
import { useReducer } from 'react';
import { createDraft, draftReducer } from '../utils/report-draft';

export function useReportDraft(
  initial: AnnualReport,
  justifications?: Record<string, string>,
  toConfirm?: ReadonlySet<string>,
) {
  return useReducer(draftReducer, undefined, () => createDraft(initial, justifications, toConfirm));
}
