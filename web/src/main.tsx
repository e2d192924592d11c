import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { ShopperProvider } from './i18n/context.tsx';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ShopperProvider>
      <App />
    </ShopperProvider>
  </StrictMode>,
);
