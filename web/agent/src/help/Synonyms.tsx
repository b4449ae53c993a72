import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { keys, putSaved } from '../lib/cache.ts';
import { useT } from '../lib/i18n.ts';

type Groups = { groups: { id: string; terms: string[] }[] };
const asText = (d: Groups) => d.groups.map((g) => g.terms.join(', ')).join('\n');
/** One group per line; Chinese or Latin commas both separate words. */
const parse = (text: string) =>
  text
    .split('\n')
    .map((line) =>
      line
        .split(/[,，、]/)
        .map((w) => w.trim())
        .filter(Boolean),
    )
    .filter((g) => g.length > 1);

/** The search's synonym groups (the defaults a desk starts with, then the admins' edits). */
export function Synonyms() {
  const t = useT();
  const client = useQueryClient();
  const groups = useQuery({
    queryKey: keys.helpSynonyms,
    queryFn: () => api<Groups>('GET', '/help/admin/synonyms'),
    refetchInterval: false,
    refetchOnWindowFocus: false,
  });
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (text === null && groups.data) setText(asText(groups.data));
  }, [text, groups.data]);
  const save = useMutation({
    mutationFn: () => api<Groups>('PUT', '/help/admin/synonyms', { groups: parse(text ?? '') }),
    onSuccess: async (d) => {
      await putSaved(client, keys.helpSynonyms, d);
      setText(asText(d));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="panel help-synonyms" data-testid="help-synonyms" onSubmit={submit}>
      <label>
        <span className="muted">{t('help.synonymsHint')}</span>
        <textarea value={text ?? ''} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending || text === null}>
          {t('common.save')}
        </button>
        {save.error && <span className="error">{save.error.message}</span>}
        {save.data && !save.error && (
          <output className="muted">{t('help.synonymsSaved', { count: save.data.groups.length })}</output>
        )}
      </div>
    </form>
  );
}
