import { useEffect, useState } from 'react';
import { api } from '../shell/api.ts';
import { guessRegion } from '../shell/region.ts';
import { currentSession } from '../shell/session.ts';

const KEY = 'kefu.region';

/**
 * The region whose hotlines to show: the host's `?region=`, else the customer's own choice on this
 * device, else the region in the host app's identity, else a guess from the browser.
 */
export function useRegion(fromHost: string | null): [string | null, (r: string) => void] {
  const [region, setState] = useState<string | null>(
    () => fromHost?.toUpperCase() ?? localStorage.getItem(KEY) ?? null,
  );
  useEffect(() => {
    if (region) return;
    const session = currentSession();
    if (!session || session.visitor) {
      setState(guessRegion() ?? 'US');
      return;
    }
    api<{ region: string | null }>('/me', { lang: 'en' })
      .then((me) => setState(me.region ?? guessRegion() ?? 'US'))
      .catch(() => setState(guessRegion() ?? 'US'));
  }, [region]);
  const choose = (r: string) => {
    localStorage.setItem(KEY, r);
    setState(r);
  };
  return [region, choose];
}
