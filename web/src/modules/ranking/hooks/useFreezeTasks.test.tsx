import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RankingFreezeTasksDocument } from '../../../generated/graphql';
import { useFreezeTasks } from './useFreezeTasks';

afterEach(cleanup);

const task = (status: string, written: number, snapshotId: string | null) => ({
  __typename: 'RankingFreezeTask' as const,
  id: 'task-1',
  regionId: 'g1',
  regionName: '演示市',
  peerGroup: null,
  title: null,
  status,
  total: 6,
  written,
  snapshotId,
  failureReason: null,
  failureParams: null,
  createdAt: '2026-01-02T03:04:05.000Z',
});

const answer = (...tasks: ReturnType<typeof task>[]): MockLink.MockedResponse => ({
  request: { query: RankingFreezeTasksDocument, variables: { roundId: 'r1', regionId: 'g1' } },
  result: { data: { rankingFreezeTasks: tasks } },
});

describe('useFreezeTasks', () => {
  it('reads a running freeze again until it is done, then tells once, with its snapshot', async () => {
    const mocks = [
      answer(task('RUNNING', 2, null)),
      answer(task('RUNNING', 4, null)),
      answer(task('DONE', 6, 'snapshot-1')),
    ];
    const wrapper = ({ children }: { children: ReactNode }) => (
      <MockedProvider mocks={mocks}>{children}</MockedProvider>
    );
    const onFinished = vi.fn();
    const { result } = renderHook(() => useFreezeTasks('r1', 'g1', onFinished), { wrapper });
    await waitFor(() => expect(result.current.tasks.map((t) => t.written)).toEqual([2]));
    expect(onFinished).not.toHaveBeenCalled();
    await waitFor(() => expect(result.current.tasks.map((t) => t.written)).toEqual([4]), {
      timeout: 3000,
    });
    await waitFor(() => expect(onFinished).toHaveBeenCalledTimes(1), { timeout: 3000 });
    expect(onFinished.mock.calls[0]![0]).toMatchObject({
      status: 'DONE',
      snapshotId: 'snapshot-1',
    });
    // done freezes are in the snapshots, not in the list
    expect(result.current.tasks).toEqual([]);
  });

  it('does not tell about a freeze it never saw running', async () => {
    const mocks = [answer(task('DONE', 6, 'snapshot-1'))];
    const wrapper = ({ children }: { children: ReactNode }) => (
      <MockedProvider mocks={mocks}>{children}</MockedProvider>
    );
    const onFinished = vi.fn();
    const { result } = renderHook(() => useFreezeTasks('r1', 'g1', onFinished), { wrapper });
    await waitFor(() => expect(result.current.starting).toBe(false));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(onFinished).not.toHaveBeenCalled();
    expect(result.current.tasks).toEqual([]);
  });
});
