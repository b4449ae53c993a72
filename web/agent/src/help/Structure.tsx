import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useLocale, useT } from '../lib/i18n.ts';
import { type HelpCategory, type HelpSection, titleOf } from './types.ts';
import { useHelpStructure } from './useStructure.ts';

type Titles = { slug: string; titleZh: string; titleEn: string };

/** The list with one item moved one place up or down, as ids. */
function moved(ids: string[], index: number, by: -1 | 1): string[] {
  const next = [...ids];
  const [item] = next.splice(index, 1);
  next.splice(index + by, 0, item!);
  return next;
}

/** Sections and their categories: create, rename, move up / down (buttons, so no mouse is needed). */
export function Structure() {
  const t = useT();
  const { language } = useLocale();
  const client = useQueryClient();
  const structure = useHelpStructure();
  const [editing, setEditing] = useState<string | null>(null);
  const write = useMutation({
    mutationFn: ({ method, path, body }: { method: string; path: string; body: unknown }) =>
      api(method, `/help/admin${path}`, body),
    onSuccess: () => {
      setEditing(null);
      client.invalidateQueries({ queryKey: keys.helpAdmin });
    },
  });
  const sections = structure.data ?? [];
  const mover = (kind: 'sections' | 'categories', list: { id: string }[], index: number) => (
    <>
      <button
        type="button"
        className="link"
        disabled={index === 0 || write.isPending}
        onClick={() =>
          write.mutate({
            method: 'POST',
            path: `/${kind}/reorder`,
            body: {
              ids: moved(
                list.map((x) => x.id),
                index,
                -1,
              ),
            },
          })
        }
      >
        {t('help.moveUp')}
      </button>
      <button
        type="button"
        className="link"
        disabled={index === list.length - 1 || write.isPending}
        onClick={() =>
          write.mutate({
            method: 'POST',
            path: `/${kind}/reorder`,
            body: {
              ids: moved(
                list.map((x) => x.id),
                index,
                1,
              ),
            },
          })
        }
      >
        {t('help.moveDown')}
      </button>
    </>
  );
  const renameOrShow = (kind: 'sections' | 'categories', item: HelpSection | HelpCategory) =>
    editing === item.id ? (
      <TitlesForm
        initial={item}
        withSlug={false}
        onSubmit={(v) =>
          write.mutate({
            method: 'PATCH',
            path: `/${kind}/${item.id}`,
            body: { titleZh: v.titleZh, titleEn: v.titleEn },
          })
        }
        onCancel={() => setEditing(null)}
      />
    ) : (
      <>
        <strong>{titleOf(item, language)}</strong> <span className="muted">{item.slug}</span>{' '}
        <button type="button" className="link" onClick={() => setEditing(item.id)}>
          {t('help.rename')}
        </button>
      </>
    );
  return (
    <section className="panel help-structure" data-testid="help-structure">
      {write.error && <p className="error">{write.error.message}</p>}
      <ul>
        {sections.map((s, i) => (
          <li key={s.id}>
            {renameOrShow('sections', s)} {mover('sections', sections, i)}
            <ul>
              {s.categories.map((c, j) => (
                <li key={c.id}>
                  {renameOrShow('categories', c)} {mover('categories', s.categories, j)}
                </li>
              ))}
              <li>
                {editing === `new-${s.id}` ? (
                  <TitlesForm
                    withSlug
                    onSubmit={(v) =>
                      write.mutate({
                        method: 'POST',
                        path: '/categories',
                        body: { ...v, sectionId: s.id, position: s.categories.length },
                      })
                    }
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <button type="button" className="link" onClick={() => setEditing(`new-${s.id}`)}>
                    + {t('help.addCategory')}
                  </button>
                )}
              </li>
            </ul>
          </li>
        ))}
      </ul>
      {editing === 'new-section' ? (
        <TitlesForm
          withSlug
          onSubmit={(v) =>
            write.mutate({ method: 'POST', path: '/sections', body: { ...v, position: sections.length } })
          }
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button type="button" onClick={() => setEditing('new-section')}>
          {t('help.addSection')}
        </button>
      )}
    </section>
  );
}

function TitlesForm(props: {
  initial?: Titles;
  withSlug: boolean;
  onSubmit: (v: Titles) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [v, setV] = useState<Titles>(props.initial ?? { slug: '', titleZh: '', titleEn: '' });
  // The form opens where the admin was: put the cursor in its first field.
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit({ slug: v.slug.trim(), titleZh: v.titleZh.trim(), titleEn: v.titleEn.trim() });
  };
  return (
    <form className="row" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      {props.withSlug && (
        <label>
          {t('help.slug')}{' '}
          <input
            required
            pattern="[a-z0-9][a-z0-9\-]{0,99}"
            value={v.slug}
            onChange={(e) => setV({ ...v, slug: e.target.value })}
          />
        </label>
      )}
      <label>
        {t('help.titleZh')}{' '}
        <input
          required
          ref={first}
          value={v.titleZh}
          onChange={(e) => setV({ ...v, titleZh: e.target.value })}
        />
      </label>
      <label>
        {t('help.titleEn')}{' '}
        <input required value={v.titleEn} onChange={(e) => setV({ ...v, titleEn: e.target.value })} />
      </label>
      <button type="submit" className="primary">
        {t('common.save')}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
