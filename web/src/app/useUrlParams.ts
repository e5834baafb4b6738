import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDebounced } from '../ui/useDebounced';

/**
 * The page's URL search parameters (filters live in the URL) and a setter that replaces the
 * history entry, removing a parameter whose value is empty.
 */
export function useUrlParams() {
  const [params, setParams] = useSearchParams();
  const setParam = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  return { params, setParam };
}

/**
 * Search as you type, kept in the URL parameter `key`: `search` is what the box shows, `settled`
 * the trimmed text once typing has paused for `delay` ms (what a query should use).
 */
export function useUrlSearch(key = 'q', delay = 300) {
  const { params, setParam } = useUrlParams();
  const [search, setSearch] = useState(params.get(key) ?? '');
  const settled = useDebounced(search.trim(), delay);
  const onSearch = (value: string) => {
    setSearch(value);
    setParam(key, value.trim() || null);
  };
  return { search, settled, onSearch };
}
