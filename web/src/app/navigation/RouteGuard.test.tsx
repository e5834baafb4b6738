import { cleanup, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n';
import { NotFoundPage } from './NotFoundPage';
import { NOT_FOUND_ROUTE } from './page-access';
import { RouteErrorPage } from './RouteErrorPage';
import { RouteGuard } from './RouteGuard';

const viewer = vi.hoisted(() => ({ current: null as null | { permissions: string[] } }));
vi.mock('../../modules/auth/hooks/useViewer', () => ({
  useViewer: () => ({ viewer: viewer.current, loading: false }),
}));

function Where() {
  const { pathname, search } = useLocation();
  return <p data-testid="where">{`${pathname}${search}`}</p>;
}

function Boom(): never {
  throw new Error('render failed');
}

const show = (path: string) =>
  render(
    <I18nProvider locale="zh-CN">
      <RouterProvider
        router={createMemoryRouter(
          [
            {
              element: <RouteGuard />,
              errorElement: <RouteErrorPage />,
              children: [
                { path: '/', element: <Where /> },
                { path: '/signin', element: <Where /> },
                { path: '/ranking', element: <p>ranking page</p> },
                { path: '/account/password', element: <p>password page</p> },
                { path: '/staffing', element: <Boom /> },
                { path: '*', element: <NotFoundPage />, handle: NOT_FOUND_ROUTE },
              ],
            },
          ],
          { initialEntries: [path] },
        )}
      />
    </I18nProvider>,
  );

describe(RouteGuard.name, () => {
  afterEach(() => {
    cleanup();
    viewer.current = null;
  });

  it('sends a signed-out visitor of a protected page to sign in, with the page to come back to', async () => {
    show('/ranking?peer=x');
    expect((await screen.findByTestId('where')).textContent).toBe(
      '/signin?next=%2Franking%3Fpeer%3Dx',
    );
  });

  it('tells a user without the page’s permission why, in Chinese', async () => {
    viewer.current = { permissions: ['submission.read'] };
    show('/ranking');
    expect((await screen.findByTestId('access-denied')).textContent).toContain(
      '您的账号没有查看排名的权限',
    );
    expect(screen.queryByText('ranking page')).toBeNull();
  });

  it('opens the page for a user holding the permission, and signed-in pages for anyone signed in', async () => {
    viewer.current = { permissions: ['ranking.read'] };
    show('/ranking');
    expect(await screen.findByText('ranking page')).toBeTruthy();
    cleanup();
    show('/account/password');
    expect(await screen.findByText('password page')).toBeTruthy();
  });

  it('shows the app’s 404 for an unknown address, signed out too', async () => {
    show('/no-such-page');
    expect((await screen.findByTestId('not-found')).textContent).toContain('找不到这个页面');
  });

  it('shows the app’s error page with a retry when a page throws', async () => {
    viewer.current = { permissions: ['staffing.read'] };
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    show('/staffing');
    const page = await screen.findByTestId('route-error');
    expect(page.textContent).toContain('页面出错了');
    expect(page.textContent).toContain('重试');
    expect(page.textContent).not.toContain('render failed');
    quiet.mockRestore();
  });
});
