import { useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
import { api } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';

/**
 * Uploads a picture through the help image API (the attachment checks run there) and hands back
 * the Markdown to insert. The file input is hidden behind a real button, so it is keyboard usable.
 */
export function ImageButton({ onUploaded }: { onUploaded: (markdown: string) => void }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api<{ markdown: string }>('POST', '/help/admin/images', form);
    },
    onSuccess: (res) => onUploaded(res.markdown),
  });
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} disabled={upload.isPending}>
        {upload.isPending ? t('help.uploading') : t('help.insertImage')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="help-image-input"
        accept="image/png,image/jpeg,image/gif,image/webp"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate(file);
          e.target.value = '';
        }}
      />
      <span className="muted">{t('help.imageHint')}</span>
      {upload.error && (
        <span className="error" role="alert">
          {upload.error.message}
        </span>
      )}
    </>
  );
}
