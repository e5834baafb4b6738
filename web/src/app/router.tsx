import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { Layout } from './Layout';

// Route-level code splitting: each page is its own chunk.
const HomePage = lazy(() => import('../pages/home/HomePage'));
const SelfCheckPage = lazy(() => import('../pages/self-check/SelfCheckPage'));
const SignInPage = lazy(() => import('../pages/signin/SignInPage'));
const SubmissionPage = lazy(() => import('../pages/submission/SubmissionPage'));
const ReviewQueuePage = lazy(() => import('../pages/review/ReviewQueuePage'));
const ReviewSubmissionPage = lazy(() => import('../pages/review/ReviewSubmissionPage'));
const OrganizationPage = lazy(() => import('../pages/organization/OrganizationPage'));
const RankingPage = lazy(() => import('../pages/ranking/RankingPage'));
const SystemPage = lazy(() => import('../pages/admin/SystemPage'));
const StaffingPage = lazy(() => import('../pages/staffing/StaffingPage'));
const AccountsPage = lazy(() => import('../pages/admin/AccountsPage'));
const PasswordPage = lazy(() => import('../pages/account/PasswordPage'));

export const router = createBrowserRouter([
  {
    element: <Layout />,
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
    ],
  },
]);
