import { useEffect, useState } from 'react';
import type { AttachmentRef, TimelineItem } from '../../../../shared/chat-protocol.ts';
import type { Lang } from '../shell/i18n.tsx';
import { currentSession, ensureSession } from '../shell/session.ts';
import type { Pending } from './connection.ts';
import { chatText } from './messages.ts';

/** Reads a file or blob as a data: URL (the page's CSP allows data: images, not blob:). */
export function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** Uploads one image through the attachment checks; answers its id. */
export async function uploadImage(file: File, lang: Lang): Promise<string> {
  const session = await ensureSession();
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch('/api/v1/attachments', {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}`, 'accept-language': lang },
    body: form,
  });
  const body = (await res.json()) as { id?: string; error?: { message?: string } };
  if (!res.ok || !body.id) throw new Error(body.error?.message ?? res.statusText);
  return body.id;
}

/** An attachment's thumbnail: files need the session, which an <img src> cannot send. */
function Thumbnail({ file }: { file: AttachmentRef }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const token = currentSession()?.token;
    fetch(file.thumbnailUrl ?? file.url, { headers: token ? { authorization: `Bearer ${token}` } : {} })
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
      .then(dataUrlOf)
      .then((url) => live && setSrc(url))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [file]);
  if (!file.contentType.startsWith('image/')) return <span className="chat-file">{file.fileName}</span>;
  return src ? (
    <img className="chat-thumb" src={src} alt={file.fileName} />
  ) : (
    <span className="chat-thumb chat-thumb-empty" role="img" aria-label={file.fileName} />
  );
}

function Cards({ item, lang }: { item: Extract<TimelineItem, { kind: 'message' }>; lang: Lang }) {
  if (!item.cards.length) return null;
  return (
    <ul className="chat-cards">
      {item.cards.map((c) => (
        <li key={c.id} className="chat-card">
          <a href={c.url}>
            <strong>{c.title}</strong>
          </a>
          <p className="small muted">{c.excerpt}</p>
          <a className="small" href={c.url} aria-label={`${chatText(lang, 'readArticle')}: ${c.title}`}>
            {chatText(lang, 'readArticle')} ›
          </a>
        </li>
      ))}
    </ul>
  );
}

/** One stored message. Events are not shown as bubbles: the banners say the state. */
export function Bubble({
  item,
  lang,
  read,
  onHandoff,
  canHandoff,
}: {
  item: TimelineItem;
  lang: Lang;
  read: boolean;
  onHandoff(): void;
  canHandoff: boolean;
}) {
  if (item.kind !== 'message' || item.internal) return null;
  const mine = item.authorType === 'customer';
  // The bot's text lists its articles with their paths for plain-text readers; here the cards show them.
  const body = item.cards.length
    ? item.body
        .split('\n')
        .filter((line) => !item.cards.some((c) => line.trimEnd().endsWith(c.url)))
        .join('\n')
    : item.body;
  const who =
    item.authorType === 'bot'
      ? chatText(lang, 'bot')
      : item.authorType === 'agent'
        ? (item.authorName ?? chatText(lang, 'agent'))
        : null;
  return (
    <li
      className={`chat-msg ${mine ? 'chat-mine' : `chat-theirs chat-${item.authorType}`}`}
      data-seq={item.seq}
      data-client-id={item.clientId ?? undefined}
    >
      {who && <span className="chat-who small muted">{who}</span>}
      {body && <p className="chat-body">{body}</p>}
      {item.attachments.map((a) => (
        <Thumbnail key={a.id} file={a} />
      ))}
      <Cards item={item} lang={lang} />
      {item.offerHandoff && canHandoff && (
        <button type="button" className="chat-handoff" onClick={onHandoff}>
          {chatText(lang, 'talkToPerson')}
        </button>
      )}
      {mine && read && <span className="chat-tick small muted">{chatText(lang, 'read')}</span>}
    </li>
  );
}

export function PendingBubble({ p, lang }: { p: Pending; lang: Lang }) {
  return (
    <li className="chat-msg chat-mine chat-pending" data-client-id={p.clientId}>
      {p.body && <p className="chat-body">{p.body}</p>}
      {p.previews.map((src) => (
        <img key={src.slice(-32)} className="chat-thumb" src={src} alt="" />
      ))}
      <span className="chat-tick small muted">{chatText(lang, 'sending')}…</span>
    </li>
  );
}
