import { useState } from 'react';

/**
 * The workspace's colour scheme. Until the agent picks one it follows the system's; the pick is
 * remembered on this browser (agents work nights on shared desks, where a glaring page is a chore).
 */
export type Theme = 'light' | 'dark';
const KEY = 'kefu.agent.theme';

function stored(): Theme | null {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null; // storage refused (private mode, a locked-down browser): follow the system
  }
}

export function currentTheme(): Theme {
  return stored() ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
}

/** Sets the scheme on <html>, where the stylesheet's variables read it; called before the first render. */
export function applyTheme(theme: Theme) {
  document.documentElement.dataset.theme = theme;
}

export function useTheme(): [Theme, (theme: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(currentTheme);
  const choose = (next: Theme) => {
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // not remembered, but still applied for this page
    }
    applyTheme(next);
    setTheme(next);
  };
  return [theme, choose];
}
