import { useQuery } from '@apollo/client/react';
import { usePagedQuery } from '../../../app/usePagedQuery';
import { JobsStatusDocument, MailDeliveriesDocument } from '../../../generated/graphql';

/** The e-mail delivery log, a page at a time (admins). */
export function useDeliveryLog() {
  return usePagedQuery(MailDeliveriesDocument, 'mailDeliveries', { first: 20 });
}

/** The job queues and their last runs (admins). */
export function useJobsStatus() {
  const { data, loading, error } = useQuery(JobsStatusDocument, { fetchPolicy: 'network-only' });
  return { jobs: data?.jobsStatus ?? null, loading: loading && !data, error };
}
