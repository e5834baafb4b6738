import { matchPath } from 'react-router';
import type { MessageKey } from '../i18n';

/** Who may open a page: anyone, anyone signed in, or a user holding a permission. */
export type PageAccess =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  | {
      kind: 'permission';
      permission: string;
      /** What the page lets one do, for the sentence shown to users without the permission. */
      what: MessageKey;
    };

/**
 * The one table of pages and what opening them needs; the route guard, the navigation and the
 * admin menu read it. A path missing here needs a signed-in user. Patterns as in the router.
 */
export const PAGE_ACCESS: readonly (readonly [pattern: string, access: PageAccess])[] = [
  ['/', { kind: 'public' }],
  ['/check', { kind: 'public' }],
  ['/signin', { kind: 'public' }],
  [
    '/submissions/:id',
    { kind: 'permission', permission: 'submission.read', what: 'access.what.submission' },
  ],
  ['/review', { kind: 'permission', permission: 'review.read', what: 'access.what.review' }],
  ['/review/:id', { kind: 'permission', permission: 'review.read', what: 'access.what.review' }],
  [
    '/organizations/:id',
    { kind: 'permission', permission: 'organization.read', what: 'access.what.organization' },
  ],
  ['/ranking', { kind: 'permission', permission: 'ranking.read', what: 'access.what.ranking' }],
  ['/staffing', { kind: 'permission', permission: 'staffing.read', what: 'access.what.staffing' }],
  ['/admin/system', { kind: 'permission', permission: 'system.read', what: 'access.what.system' }],
  [
    '/admin/accounts',
    { kind: 'permission', permission: 'user.manage', what: 'access.what.accounts' },
  ],
  [
    '/admin/organizations',
    { kind: 'permission', permission: 'organization.manage', what: 'access.what.organizations' },
  ],
  [
    '/admin/posts',
    { kind: 'permission', permission: 'staffing.configure', what: 'access.what.posts' },
  ],
  ['/account/password', { kind: 'signedIn' }],
  ['/admin/rounds', { kind: 'permission', permission: 'round.manage', what: 'access.what.rounds' }],
  ['/admin/audit', { kind: 'permission', permission: 'review.read', what: 'access.what.audit' }],
  [
    '/rollup/:organizationId',
    { kind: 'permission', permission: 'rollup.read', what: 'access.what.rollup' },
  ],
  ['/import', { kind: 'permission', permission: 'import.batch', what: 'access.what.importBatch' }],
];

/** The `handle` of the catch-all route: its 404 page is shown to anyone, signed in or not. */
export const NOT_FOUND_ROUTE = { notFound: true } as const;

export function isNotFoundRoute(handle: unknown): boolean {
  return (handle as { notFound?: unknown } | undefined)?.notFound === true;
}

/** What opening `pathname` needs (a signed-in user when the table does not name it). */
export function pageAccess(pathname: string): PageAccess {
  for (const [pattern, access] of PAGE_ACCESS)
    if (matchPath({ path: pattern, end: true }, pathname)) return access;
  return { kind: 'signedIn' };
}

/** Whether a viewer (null when signed out) may open `pathname`. */
export function mayOpen(
  pathname: string,
  viewer: { permissions: readonly string[] } | null,
): 'yes' | 'signIn' | 'denied' {
  const access = pageAccess(pathname);
  if (access.kind === 'public') return 'yes';
  if (!viewer) return 'signIn';
  if (access.kind === 'signedIn') return 'yes';
  return viewer.permissions.includes(access.permission) ? 'yes' : 'denied';
}
