import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useT } from '../lib/i18n.ts';
import type { SavedFilter } from '../lib/types.ts';
import { fromSaved, type InboxFilters, toSaved } from './filters.ts';

/** The agent's saved filters (GET/POST/DELETE /me/saved-filters), applied with one click. */
export function SavedFilters({
  filters,
  onApply,
}: {
  filters: InboxFilters;
  onApply: (f: InboxFilters) => void;
}) {
  const t = useT();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const saved = useQuery({
    queryKey: keys.savedFilters,
    queryFn: () => api<{ items: SavedFilter[] }>('GET', '/me/saved-filters'),
  });
  const save = useMutation({
    mutationFn: () => api('POST', '/me/saved-filters', { name: name.trim(), filters: toSaved(filters) }),
    onSuccess: () => {
      setName('');
      return client.invalidateQueries({ queryKey: keys.savedFilters });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE', `/me/saved-filters/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.savedFilters }),
  });
  return (
    <div className="saved">
      <h3>{t('inbox.saved')}</h3>
      {saved.data?.items.map((f) => (
        <div key={f.id} className="saved-row">
          <button type="button" className="link" onClick={() => onApply(fromSaved(f.filters))}>
            {f.name}
          </button>
          <button
            type="button"
            className="link muted"
            aria-label={t('common.delete')}
            onClick={() => remove.mutate(f.id)}
          >
            ×
          </button>
        </div>
      ))}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) save.mutate();
        }}
      >
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('inbox.saveAs')}
          aria-label={t('inbox.saveAs')}
          maxLength={60}
        />
      </form>
    </div>
  );
}
