// The bureau's submission form: a component module with no server dependency.
export { SubmissionForm } from './components/SubmissionForm';
export type { CellComment } from './components/CellTip';
export { focusControl } from './components/FindingsPanel';
export { useSubmissionForm } from './hooks/useSubmissionForm';
export { LIVE_CHECK_DELAY_MS } from './hooks/useLiveFindings';
export { blockingProblems, createDraft, type ReportDraft } from './utils/report-draft';
export { findingKey } from './utils/findings-index';
export { changedCells } from './utils/changed-cells';
