import { useState } from 'react';
import { useI18n } from '../shell/i18n.tsx';
import { useT } from '../shell/use-t.ts';
import { TICKET_MESSAGES } from './messages.ts';
import { type Uploaded, uploadFile } from './upload.ts';

interface Item {
  key: string;
  file: File;
  progress: number;
  done: Uploaded | null;
  error: string | null;
}

/**
 * Files or a camera photo, uploaded at once with progress; a failed one can be retried. The
 * ticket's evidence, or a checklist's attachments field (its label as the legend, at most `max`
 * files, its problem under it).
 */
export function Attachments({
  onChange,
  legend,
  max,
  problem,
  name,
}: {
  onChange(ids: Uploaded[]): void;
  legend?: string;
  max?: number;
  problem?: string | null;
  /** The checklist field's key, for the page's tests and labels. */
  name?: string;
}) {
  const t = useT(TICKET_MESSAGES);
  const { lang } = useI18n();
  const [items, setItems] = useState<Item[]>([]);

  const update = (key: string, change: Partial<Item>) =>
    setItems((list) => {
      const next = list.map((i) => (i.key === key ? { ...i, ...change } : i));
      onChange(next.flatMap((i) => (i.done ? [i.done] : [])));
      return next;
    });

  const start = (item: Item) => {
    update(item.key, { progress: 0, error: null });
    uploadFile(item.file, lang, (p) => update(item.key, { progress: p }))
      .then((done) => update(item.key, { done, progress: 1 }))
      .catch((e: Error) => update(item.key, { error: e.message }));
  };

  const room = max === undefined ? Number.POSITIVE_INFINITY : Math.max(max - items.length, 0);
  const add = (files: FileList | null) => {
    // A field's limit is kept by not uploading past it (the server refuses more in any case).
    const added = [...(files ?? [])].slice(0, room).map((file) => ({
      key: `${file.name}-${file.size}-${Math.random()}`,
      file,
      progress: 0,
      done: null,
      error: null,
    }));
    setItems((list) => [...list, ...added]);
    for (const item of added) start(item);
  };

  const remove = (key: string) =>
    setItems((list) => {
      const next = list.filter((i) => i.key !== key);
      onChange(next.flatMap((i) => (i.done ? [i.done] : [])));
      return next;
    });

  return (
    <fieldset className="field" data-files-field={name} aria-invalid={problem ? true : undefined}>
      <legend>{legend ?? t('attachments')}</legend>
      {max !== undefined && <p className="small">{t('filesUpTo', { n: max })}</p>}
      <label>
        <span className="sr-only">{t('addFiles')}</span>
        <input
          type="file"
          name={name}
          multiple={max === undefined || max > 1}
          disabled={room === 0}
          accept="image/*,application/pdf,.txt,.csv"
          onChange={(e) => add(e.target.files)}
          aria-label={legend ? `${legend}: ${t('addFiles')}` : t('addFiles')}
        />
      </label>
      <label className="small">
        {t('takePhoto')}{' '}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          disabled={room === 0}
          onChange={(e) => add(e.target.files)}
          aria-label={legend ? `${legend}: ${t('takePhoto')}` : t('takePhoto')}
        />
      </label>
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
      <ul className="plain" aria-live="polite">
        {items.map((i) => (
          <li key={i.key}>
            {i.done ? (
              <span>{t('uploaded', { name: i.file.name })}</span>
            ) : i.error ? (
              <span role="alert">
                {t('uploadFailed', { name: i.file.name, message: i.error })}{' '}
                <button type="button" onClick={() => start(i)}>
                  {t('retryUpload')}
                </button>
              </span>
            ) : (
              <>
                <span>{t('uploading', { name: i.file.name })}</span>
                <progress value={i.progress} max={1} aria-label={t('uploading', { name: i.file.name })} />
              </>
            )}{' '}
            <button type="button" onClick={() => remove(i.key)}>
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
