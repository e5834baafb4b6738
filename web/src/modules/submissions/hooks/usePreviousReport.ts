import { useQuery } from '@apollo/client/react';
import { type AnnualReport, parseReport } from '@gongkai/report-model';
import { useMemo } from 'react';
import { OrganizationSubmissionsDocument, SubmissionDocument } from '../../../generated/graphql';

/**
 * The same body's report of the previous year, so the form's live check runs the cross-year rules
 * the server runs.
 */
export function usePreviousReport(organizationId: string | undefined, year: number | undefined) {
  const list = useQuery(OrganizationSubmissionsDocument, {
    variables: { organizationId: organizationId ?? '', first: 100 },
    skip: !organizationId,
  });
  const previousId = list.data?.submissions.edges.find(
    (e) => year !== undefined && e.node.round.year === year - 1,
  )?.node.id;
  const previous = useQuery(SubmissionDocument, {
    variables: { id: previousId ?? '' },
    skip: !previousId,
  });
  const json = previous.data?.submission.currentVersion?.report;
  return useMemo<AnnualReport | undefined>(() => {
    if (!json) return undefined;
    const parsed = parseReport(json);
    return parsed.ok ? parsed.report : undefined;
  }, [json]);
}
