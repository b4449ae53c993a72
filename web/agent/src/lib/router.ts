import { useEffect, useState } from 'react';

/** The workspace's routes live under /agent/; this is the part after it ("/", "/tickets/KF-000001"…). */
const BASE = '/agent';

function currentPath() {
  const path = window.location.pathname.startsWith(BASE)
    ? window.location.pathname.slice(BASE.length)
    : window.location.pathname;
  return path || '/';
}

export function navigate(path: string, options: { replace?: boolean } = {}) {
  if (options.replace) window.history.replaceState(null, '', `${BASE}${path}`);
  else window.history.pushState(null, '', `${BASE}${path}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return path;
}

/** A link that changes the route without reloading the page. */
export function linkHandler(path: string) {
  return (event: { preventDefault(): void; metaKey?: boolean; ctrlKey?: boolean }) => {
    if (event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    navigate(path);
  };
}

export const href = (path: string) => `${BASE}${path}`;
