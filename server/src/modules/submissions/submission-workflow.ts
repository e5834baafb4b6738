import { conflict } from '../../common/domain-error';
import { SubmissionStatus } from './submission.entity';

export enum WorkflowAction {
  Submit = 'submit',
  Return = 'return',
  Approve = 'approve',
  Reopen = 'reopen',
  Publish = 'publish',
}

const S = SubmissionStatus;

/** The state machine, in one place: (state, action) → next state. */
const MOVES: Record<WorkflowAction, Partial<Record<SubmissionStatus, SubmissionStatus>>> = {
  [WorkflowAction.Submit]: { [S.DRAFT]: S.SUBMITTED, [S.RETURNED]: S.RESUBMITTED },
  [WorkflowAction.Return]: { [S.SUBMITTED]: S.RETURNED, [S.RESUBMITTED]: S.RETURNED },
  [WorkflowAction.Approve]: { [S.SUBMITTED]: S.APPROVED, [S.RESUBMITTED]: S.APPROVED },
  [WorkflowAction.Reopen]: { [S.APPROVED]: S.RETURNED, [S.PUBLISHED]: S.RETURNED },
  [WorkflowAction.Publish]: { [S.APPROVED]: S.PUBLISHED },
};

/** States in which the bureau may save new versions. */
export const EDITABLE: ReadonlySet<SubmissionStatus> = new Set([S.DRAFT, S.RETURNED]);

export function nextStatus(current: SubmissionStatus, action: WorkflowAction): SubmissionStatus {
  const next = MOVES[action][current];
  if (!next)
    throw conflict(`cannot ${action} a submission that is ${current.toLowerCase()}`, {
      key: 'submission.transition',
      params: { action, status: current },
    });
  return next;
}

export function allowedActions(current: SubmissionStatus): WorkflowAction[] {
  return (Object.keys(MOVES) as WorkflowAction[]).filter((a) => MOVES[a][current] !== undefined);
}
