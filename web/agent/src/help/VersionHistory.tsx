import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import type { HelpVersion } from './types.ts';

/** Earlier texts of an article, newest first: view one, or bring it back as a new version. */
export function VersionHistory({ id, onRestored }: { id: string; onRestored: (version: number) => void }) {
  const t = useT();
  const locale = useLocale();
  const client = useQueryClient();
  const [open, setOpen] = useState<number | null>(null);
  const versions = useQuery({
    queryKey: keys.helpVersions(id),
    queryFn: () => api<{ versions: HelpVersion[] }>('GET', `/help/admin/articles/${id}/versions`),
    select: (d) => d.versions,
  });
  const restore = useMutation({
    mutationFn: (version: number) => api('POST', `/help/admin/articles/${id}/versions/${version}/restore`),
    onSuccess: async (_res, version) => {
      // Wait for the article to be read again, so the form refills with the restored text.
      await client.invalidateQueries({ queryKey: keys.helpAdmin });
      onRestored(version);
    },
  });
  return (
    <section className="help-versions" data-testid="help-versions">
      <h2>{t('help.history')}</h2>
      {versions.data?.length === 0 && <p className="muted">{t('help.noHistory')}</p>}
      <table className="grid compact">
        <tbody>
          {versions.data?.map((v) => (
            <tr key={v.id}>
              <td>
                {t('help.version')} {v.version}
              </td>
              <td>{v.title}</td>
              <td>{t(`help.status.${v.status}`)}</td>
              <td>{formatTime(v.createdAt, locale)}</td>
              <td>
                <button
                  type="button"
                  className="link"
                  aria-expanded={open === v.version}
                  onClick={() => setOpen(open === v.version ? null : v.version)}
                >
                  {t('help.view')}
                </button>{' '}
                <button
                  type="button"
                  className="link"
                  disabled={restore.isPending}
                  onClick={() => {
                    if (window.confirm(t('help.restoreConfirm', { version: v.version })))
                      restore.mutate(v.version);
                  }}
                >
                  {t('help.restore')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open !== null && <pre>{versions.data?.find((v) => v.version === open)?.bodyMd}</pre>}
      {restore.error && <p className="error">{restore.error.message}</p>}
    </section>
  );
}
