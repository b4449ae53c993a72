import { useEffect, useState } from 'react';
import { ApiError, api } from './api.ts';
import { useI18n } from './i18n.tsx';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
}

/** GETs `path` in the current language, again whenever the path or the language changes. */
export function useApi<T>(path: string | null): Loaded<T> & { retry(): void } {
  const { lang } = useI18n();
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: Boolean(path) });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is how retry() asks for a new fetch
  useEffect(() => {
    if (!path) return;
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    api<T>(path, { lang, signal: ctl.signal })
      .then((data) => setState({ data, error: null, loading: false }))
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return;
        const error = e instanceof ApiError ? e : new ApiError(0, 'network', String(e));
        setState({ data: null, error, loading: false });
      });
    return () => ctl.abort();
  }, [path, lang, attempt]);
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}
