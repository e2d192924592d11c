import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { ShopperProvider } from './i18n/context.tsx';
import { queryClient } from './query.ts';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ShopperProvider>
        <App />
      </ShopperProvider>
    </QueryClientProvider>
  </StrictMode>,
);
