import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLogDocument } from '../generated/graphql';
import { usePagedQuery } from './usePagedQuery';

afterEach(cleanup);

const event = (id: string) => ({
  __typename: 'AuditEvent' as const,
  id,
  action: 'round.created',
  createdAt: '2025-01-02T03:04:05.000Z',
  fromStatus: null,
  toStatus: null,
  reason: null,
  data: null,
  actorId: null,
  actorName: null,
  organizationId: 'org-1',
  organizationName: null,
  roundId: null,
  submissionId: null,
});

const page = (ids: string[], hasNextPage: boolean, endCursor: string | null) => ({
  auditEvents: {
    __typename: 'AuditEventConnection',
    totalCount: 3,
    pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
    edges: ids.map((id) => ({ __typename: 'AuditEventEdge', node: event(id) })),
  },
});

const mocks: MockLink.MockedResponse[] = [
  {
    request: { query: AuditLogDocument, variables: { search: 'x', first: 2 } },
    result: { data: page(['a', 'b'], true, 'cursor-b') },
  },
  {
    request: { query: AuditLogDocument, variables: { search: 'x', first: 2, after: 'cursor-b' } },
    result: { data: page(['c'], false, 'cursor-c') },
  },
];

const wrapper = ({ children }: { children: ReactNode }) => (
  <MockedProvider mocks={mocks}>{children}</MockedProvider>
);

describe('usePagedQuery', () => {
  it('shows the first page, then appends the next one on loadMore', async () => {
    const { result } = renderHook(
      () => usePagedQuery(AuditLogDocument, 'auditEvents', { search: 'x', first: 2 }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.nodes.map((n) => n.id)).toEqual(['a', 'b']));
    expect(result.current.totalCount).toBe(3);
    expect(result.current.hasMore).toBe(true);

    await act(async () => {
      await result.current.loadMore();
    });
    await waitFor(() => expect(result.current.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']));
    expect(result.current.hasMore).toBe(false);
  });
});
