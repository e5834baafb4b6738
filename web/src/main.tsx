import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createApolloClient } from './app/apollo-client';
import { I18nProvider } from './app/i18n';
import { router } from './app/router';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={createApolloClient()}>
      <I18nProvider>
        <RouterProvider router={router} />
      </I18nProvider>
    </ApolloProvider>
  </StrictMode>,
);
