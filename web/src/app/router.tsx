import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { Layout } from './Layout';

// Route-level code splitting: each page is its own chunk.
const HomePage = lazy(() => import('../pages/home/HomePage'));
const SelfCheckPage = lazy(() => import('../pages/self-check/SelfCheckPage'));

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/check', element: <SelfCheckPage /> },
    ],
  },
]);
