import { useQuery } from '@apollo/client/react';
import {
  OrganizationAuditDocument,
  OrganizationDetailDocument,
  OrganizationSubmissionsDocument,
} from '../../../generated/graphql';

export function useOrganization(id: string) {
  const org = useQuery(OrganizationDetailDocument, { variables: { id } });
  const submissions = useQuery(OrganizationSubmissionsDocument, {
    variables: { organizationId: id, first: 50 },
  });
  const audit = useQuery(OrganizationAuditDocument, {
    variables: { organizationId: id, first: 50 },
  });
  return {
    organization: org.data?.organization ?? null,
    submissions: [...(submissions.data?.submissions.edges.map((e) => e.node) ?? [])].sort(
      (a, b) => b.round.year - a.round.year,
    ),
    audit: audit.data?.auditEvents.edges.map((e) => e.node) ?? [],
    loading: org.loading && !org.data,
    error: org.error ?? submissions.error,
  };
}
