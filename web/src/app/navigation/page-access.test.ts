import { describe, expect, it } from 'vitest';
import { zhCN } from '../messages.zh-CN';
import { isNotFoundRoute, mayOpen, NOT_FOUND_ROUTE, PAGE_ACCESS, pageAccess } from './page-access';
import { ADMIN_MENU } from './admin-menu';

// what the server grants each role (server/src/common/permissions.ts), as the `me` query returns it
const BUREAU = [
  'organization.read',
  'round.read',
  'submission.read',
  'audit.read',
  'staffing.read',
  'submission.edit',
];
const SUPERVISOR = [
  ...BUREAU.filter((p) => p !== 'submission.edit'),
  'review.read',
  'ranking.read',
];

describe(pageAccess.name, () => {
  it.each([
    ['/', 'public'],
    ['/check', 'public'],
    ['/signin', 'public'],
    ['/staffing', 'permission'],
    ['/submissions/abc', 'permission'],
    ['/account/password', 'signedIn'],
  ])('%s is %s', (path, kind) => {
    expect(pageAccess(path).kind).toBe(kind);
  });

  it('names the permission of a page, parameters and trailing slash included', () => {
    expect(pageAccess('/ranking')).toMatchObject({ permission: 'ranking.read' });
    expect(pageAccess('/ranking/')).toMatchObject({ permission: 'ranking.read' });
    expect(pageAccess('/review/123')).toMatchObject({ permission: 'review.read' });
    expect(pageAccess('/admin/system')).toMatchObject({ permission: 'system.read' });
  });

  it('has a Chinese sentence part for every permission page', () => {
    for (const [, access] of PAGE_ACCESS)
      if (access.kind === 'permission') expect(zhCN[access.what]).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe(mayOpen.name, () => {
  it('sends a signed-out visitor to sign in for every page that is not public', () => {
    expect(mayOpen('/ranking', null)).toBe('signIn');
    expect(mayOpen('/account/password', null)).toBe('signIn');
    expect(mayOpen('/check', null)).toBe('yes');
  });

  it('refuses a page the role lacks the permission for and opens the others', () => {
    expect(mayOpen('/ranking', { permissions: BUREAU })).toBe('denied');
    expect(mayOpen('/review', { permissions: BUREAU })).toBe('denied');
    expect(mayOpen('/staffing', { permissions: BUREAU })).toBe('yes');
    expect(mayOpen('/ranking', { permissions: SUPERVISOR })).toBe('yes');
    expect(mayOpen('/admin/system', { permissions: SUPERVISOR })).toBe('denied');
  });

  it('lists in the admin menu only pages the access table guards', () => {
    for (const entry of ADMIN_MENU) expect(pageAccess(entry.to).kind).toBe('permission');
  });
});

describe(isNotFoundRoute.name, () => {
  it('recognises only the catch-all route’s handle', () => {
    expect(isNotFoundRoute(NOT_FOUND_ROUTE)).toBe(true);
    expect(isNotFoundRoute(undefined)).toBe(false);
    expect(isNotFoundRoute({ notFound: 'yes' })).toBe(false);
  });
});
