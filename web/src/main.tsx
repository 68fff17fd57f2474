import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { createBrowserRouter } from 'react-router';
// The shared styles first, so a feature's own rules come later and win.
import './styles/tokens.css';
import './styles/base.css';
import './styles/ui.css';
import './styles/narrow.css';
import { createQueryClient } from './queryClient';
import { createRoutes, preloadPages } from './routes';
import { ToastProvider } from './ui/Toast';

const queryClient = createQueryClient();
const router = createBrowserRouter(createRoutes(queryClient));
preloadPages();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>
  </StrictMode>,
);
