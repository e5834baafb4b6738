import type { SubmissionStatus } from '../../../generated/graphql';

export type MemberLike = {
  readonly organizationName: string;
  readonly status: SubmissionStatus | null | undefined;
  readonly included: boolean;
};

/** Status of a body as the page counts it: `NOT_STARTED` when it has no submission. */
export type MemberState = SubmissionStatus | 'NOT_STARTED';

/**
 * How many bodies are missing from the sum, by status, in the order the workflow reaches them,
 * and the members shown: the missing ones (or all) whose name contains the search text.
 */
export function memberSummary<M extends MemberLike>(
  members: readonly M[],
  options: { readonly search: string; readonly includedToo: boolean },
): { missingByState: [MemberState, number][]; missing: number; shown: M[] } {
  const order: MemberState[] = [
    'NOT_STARTED',
    'DRAFT',
    'SUBMITTED',
    'RETURNED',
    'RESUBMITTED',
    'APPROVED',
    'PUBLISHED',
  ];
  const counts = new Map<MemberState, number>();
  for (const m of members) {
    if (m.included) continue;
    const state = m.status ?? 'NOT_STARTED';
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  const needle = options.search.trim();
  return {
    missingByState: order.flatMap((s) =>
      counts.has(s) ? [[s, counts.get(s)!] as [MemberState, number]] : [],
    ),
    missing: members.filter((m) => !m.included).length,
    shown: members.filter(
      (m) =>
        (options.includedToo || !m.included) &&
        (needle === '' || m.organizationName.includes(needle)),
    ),
  };
}
