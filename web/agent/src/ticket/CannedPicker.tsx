import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useT } from '../lib/i18n.ts';
import type { CannedReply } from '../lib/types.ts';

/** Type a canned reply's short keyword; Enter (or a click) inserts the best match. */
export function CannedPicker({ onPick }: { onPick: (reply: CannedReply) => void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: keys.canned(q.trim()),
    queryFn: () => api<{ items: CannedReply[] }>('GET', `/canned-replies?q=${encodeURIComponent(q.trim())}`),
    enabled: q.trim().length > 0,
    staleTime: 30_000,
  });
  const items = found.data?.items.slice(0, 6) ?? [];
  const pick = (reply: CannedReply) => {
    onPick(reply);
    setQ('');
  };
  return (
    <div className="canned">
      <input
        name="canned"
        value={q}
        placeholder={t('composer.canned')}
        aria-label={t('composer.canned')}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (items[0]) pick(items[0]);
          }
          if (e.key === 'Escape') setQ('');
        }}
      />
      {q.trim() && items.length > 0 && (
        <ul className="suggestions">
          {items.map((c) => (
            <li key={c.id}>
              <button type="button" onClick={() => pick(c)}>
                <kbd>{c.shortcut}</kbd> {c.title}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
