import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import {
  RankingFreezeTasksDocument,
  type RankingFreezeTasksQuery,
  StartRankingFreezeDocument,
} from '../../../generated/graphql';

export type FreezeTask = RankingFreezeTasksQuery['rankingFreezeTasks'][number];

/** How often the freezes are read again while one is running. */
const POLL_MS = 1000;

/**
 * The freezes of a round's region running in the background (with their progress) and those
 * that failed; read again every second while one runs. `onFinished` is called once for each
 * freeze seen running here that has finished (done, with its snapshot, or failed).
 */
export function useFreezeTasks(
  roundId: string | undefined,
  regionId: string | undefined,
  onFinished: (task: FreezeTask) => void,
) {
  const { data, refetch, startPolling, stopPolling } = useQuery(RankingFreezeTasksDocument, {
    variables: { roundId: roundId ?? '', regionId },
    skip: !roundId,
    fetchPolicy: 'cache-and-network',
  });
  const [start, starting] = useMutation(StartRankingFreezeDocument);
  const all = data?.rankingFreezeTasks;
  const running = all?.some((task) => task.status === 'RUNNING') ?? false;
  const watched = useRef(new Set<string>());
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished;
  });

  useEffect(() => {
    if (!running) return;
    startPolling(POLL_MS);
    return () => stopPolling();
  }, [running, startPolling, stopPolling]);

  useEffect(() => {
    for (const task of all ?? []) {
      if (task.status === 'RUNNING') watched.current.add(task.id);
      else if (watched.current.delete(task.id)) finished.current(task);
    }
  }, [all]);

  return {
    /** Running and failed freezes (the done ones are in the snapshots). */
    tasks: (all ?? []).filter((task) => task.status !== 'DONE'),
    starting: starting.loading,
    start: async (input: {
      roundId: string;
      regionId: string;
      peerGroup?: string | null;
      title?: string | null;
    }) => {
      const result = await start({
        variables: { input },
        // shown at once, before the list is read again
        update: (cache, { data: started }) => {
          const task = started?.startRankingFreeze;
          if (!task || !roundId) return;
          cache.updateQuery(
            { query: RankingFreezeTasksDocument, variables: { roundId, regionId } },
            (previous) => ({
              rankingFreezeTasks: [
                task,
                ...(previous?.rankingFreezeTasks ?? []).filter((t) => t.id !== task.id),
              ],
            }),
          );
        },
      });
      const task = result.data?.startRankingFreeze ?? null;
      if (task) watched.current.add(task.id);
      void refetch();
      return task;
    },
  };
}
