import { Button } from './Button';

type Props = {
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => unknown;
  label: string;
};

/** The "load more" button under a cursor-paged list; nothing once every page is shown. */
export function LoadMore({ hasMore, loading, onLoadMore, label }: Props) {
  if (!hasMore) return null;
  return (
    <div className="toolbar">
      <Button busy={loading} onClick={() => void onLoadMore()}>
        {label}
      </Button>
    </div>
  );
}
