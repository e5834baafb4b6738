import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { Layout } from './Layout';
import { NOT_FOUND_ROUTE } from './navigation/page-access';
import { NotFoundPage } from './navigation/NotFoundPage';
import { RouteErrorPage } from './navigation/RouteErrorPage';

// Route-level code splitting: each page is its own chunk.
const HomePage = lazy(() => import('../pages/home/HomePage'));
const SelfCheckPage = lazy(() => import('../pages/self-check/SelfCheckPage'));
const SignInPage = lazy(() => import('../pages/signin/SignInPage'));
const ImportPage = lazy(() => import('../pages/import/ImportPage'));
const SubmissionPage = lazy(() => import('../pages/submission/SubmissionPage'));
const ReviewQueuePage = lazy(() => import('../pages/review/ReviewQueuePage'));
const ReviewSubmissionPage = lazy(() => import('../pages/review/ReviewSubmissionPage'));
const OrganizationPage = lazy(() => import('../pages/organization/OrganizationPage'));
const RankingPage = lazy(() => import('../pages/ranking/RankingPage'));
const SystemPage = lazy(() => import('../pages/admin/SystemPage'));
const StaffingPage = lazy(() => import('../pages/staffing/StaffingPage'));
const OrganizationsPage = lazy(() => import('../pages/admin/OrganizationsPage'));
const PostsPage = lazy(() => import('../pages/admin/PostsPage'));
const RoundsPage = lazy(() => import('../pages/admin/RoundsPage'));
const AuditPage = lazy(() => import('../pages/admin/AuditPage'));
const AccountsPage = lazy(() => import('../pages/admin/AccountsPage'));
const PasswordPage = lazy(() => import('../pages/account/PasswordPage'));
const InboxPage = lazy(() => import('../pages/inbox/InboxPage'));
const NotificationSettingsPage = lazy(() => import('../pages/account/NotificationSettingsPage'));
const RollupPage = lazy(() => import('../pages/rollup/RollupPage'));

// Who may open which page is one table (navigation/page-access.ts), checked by the route guard in
// the layout: a new page needs its route here and, unless any signed-in user may open it, a line
// there.
export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: (
      <Layout>
        <RouteErrorPage />
      </Layout>
    ),
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/signin', element: <SignInPage /> },
      { path: '/check', element: <SelfCheckPage /> },
      { path: '/submissions/:id', element: <SubmissionPage /> },
      { path: '/review', element: <ReviewQueuePage /> },
      { path: '/review/:id', element: <ReviewSubmissionPage /> },
      { path: '/organizations/:id', element: <OrganizationPage /> },
      { path: '/ranking', element: <RankingPage /> },
      { path: '/admin/system', element: <SystemPage /> },
      { path: '/staffing', element: <StaffingPage /> },
      { path: '/admin/accounts', element: <AccountsPage /> },
      { path: '/account/password', element: <PasswordPage /> },
      { path: '/admin/organizations', element: <OrganizationsPage /> },
      { path: '/admin/posts', element: <PostsPage /> },
      { path: '/admin/rounds', element: <RoundsPage /> },
      { path: '/admin/audit', element: <AuditPage /> },
      { path: '/inbox', element: <InboxPage /> },
      { path: '/account/notifications', element: <NotificationSettingsPage /> },
      { path: '/rollup/:organizationId', element: <RollupPage /> },
      { path: '/import', element: <ImportPage /> },
      // an address no route knows: the app's 404, for anyone (NOT_FOUND_ROUTE skips the guard)
      { path: '*', element: <NotFoundPage />, handle: NOT_FOUND_ROUTE },
    ],
  },
]);
