import './app/csp';
import { ApolloProvider } from '@apollo/client/react';
import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createApolloClient } from './app/apollo-client';
import { I18nProvider, useI18n } from './app/i18n';
import { router } from './app/router';
import './app/styles.css';
import { ToastProvider } from './ui/Toast';

function Toasts({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return <ToastProvider closeLabel={t('common.close')}>{children}</ToastProvider>;
}

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={createApolloClient()}>
      <I18nProvider>
        <Toasts>
          <RouterProvider router={router} />
        </Toasts>
      </I18nProvider>
    </ApolloProvider>
  </StrictMode>,
);
