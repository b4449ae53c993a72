import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { loadBrandColours } from './shell/brand.tsx';
import { I18nProvider } from './shell/i18n.tsx';
import { adoptHostIdentity } from './shell/session.ts';
import './shell/theme.css';

// The host app may force a theme (`?theme=dark|light`); otherwise the system's choice applies.
const theme = new URLSearchParams(location.search).get('theme');
if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;

loadBrandColours();

adoptHostIdentity().finally(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider>
        <App />
      </I18nProvider>
    </StrictMode>,
  );
});
