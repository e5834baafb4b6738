import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { RoundsDocument } from '../../../generated/graphql';

/** The round chosen in the URL (`?round=`), defaulting to the newest round the viewer can see. */
export function useRoundParam() {
  const [params, setParams] = useSearchParams();
  const { data, loading } = useQuery(RoundsDocument, { variables: {} });
  const rounds = data?.rounds ?? [];
  const wanted = params.get('round');
  const round = rounds.find((r) => r.id === wanted) ?? rounds[0];
  const setRound = (id: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set('round', id);
      return next;
    });
  return { roundId: round?.id, round, rounds, loading: loading && !data, setRound };
}
