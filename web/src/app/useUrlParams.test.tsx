import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { useUrlParams, useUrlSearch } from './useUrlParams';

afterEach(cleanup);

const at =
  (url: string) =>
  ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter>
  );

describe('useUrlParams', () => {
  it('sets a parameter and drops it again when emptied, keeping the others', () => {
    const { result } = renderHook(() => ({ ...useUrlParams(), location: useLocation() }), {
      wrapper: at('/list?kind=round'),
    });
    act(() => result.current.setParam('q', 'abc'));
    expect(result.current.location.search).toBe('?kind=round&q=abc');
    act(() => result.current.setParam('kind', null));
    expect(result.current.location.search).toBe('?q=abc');
    expect(result.current.params.get('kind')).toBeNull();
  });
});

describe('useUrlSearch', () => {
  it('starts from the URL and settles on the trimmed text after the pause', async () => {
    const { result } = renderHook(() => ({ ...useUrlSearch('q', 20), location: useLocation() }), {
      wrapper: at('/list?q=first'),
    });
    expect(result.current.search).toBe('first');
    expect(result.current.settled).toBe('first');
    act(() => result.current.onSearch('  second '));
    expect(result.current.search).toBe('  second ');
    expect(result.current.location.search).toBe('?q=second');
    expect(result.current.settled).toBe('first');
    await waitFor(() => expect(result.current.settled).toBe('second'));
  });
});
