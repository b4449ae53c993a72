import { useEffect, useMemo, useRef, useState } from 'react';
import type { ChecklistBlock } from '../../../../shared/chat-protocol.ts';
import type { FormField } from '../contact/types.ts';
import { api } from '../shell/api.ts';
import { type Lang, useI18n } from '../shell/i18n.tsx';
import { Layout, Status } from '../shell/Layout.tsx';
import { formatOpening } from '../shell/opening-time.ts';
import { Link, navigate } from '../shell/router.tsx';
import { useApi } from '../shell/use-api.ts';
import { answersForServer, fieldProblem } from '../tickets/validate.ts';
import { ChatChecklist } from './ChatChecklist.tsx';
import { ChatEnded, rememberEndedChat, rememberedEndedChat } from './ChatEnded.tsx';
import { ChatConnection, type ChatView } from './connection.ts';
import { followChat } from './follow.ts';
import { chatText } from './messages.ts';
import { Bubble, dataUrlOf, PendingBubble, uploadImage } from './parts.tsx';
import './chat.css';

interface Category {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  form: { fields: FormField[] };
}

/** The host app's facts in the URL (?txid=…&coin=…): the checklist keys of the category, as given. */
function factsOf(query: URLSearchParams, form: FormField[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of form) {
    // The host app passes facts, never files.
    if (f.type === 'attachments') continue;
    const v = query.get(f.key)?.trim();
    if (v) out[f.key] = v.slice(0, f.maxLength ?? 5000);
  }
  return out;
}

/** The facts that pass the form's checks as the customer would type them. */
function validFacts(form: FormField[], facts: Record<string, string>) {
  const ok: Record<string, string> = {};
  for (const f of form) if (facts[f.key] && !fieldProblem(f, facts[f.key]!, facts)) ok[f.key] = facts[f.key]!;
  return answersForServer(form, ok);
}

/** Tells the host app (iframe parent or React Native webview) that the chat is over. */
function postChatEnded(ticketId: string) {
  const message = JSON.stringify({ type: 'chat_ended', ticketId });
  if (window.parent !== window) window.parent.postMessage(message, '*');
  const native = (window as { ReactNativeWebView?: { postMessage(m: string): void } }).ReactNativeWebView;
  native?.postMessage(message);
}

/**
 * "Try again" after the desk said it is busy: usable once the server's wait has passed (plus a
 * jitter of up to half of it), so customers told at the same moment do not all come back together.
 */
function BusyRetry(props: { lang: Lang; retryAfterMs: number; onRetry(): void }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    setReady(false);
    const t = setTimeout(() => setReady(true), props.retryAfterMs * (1 + Math.random() / 2));
    return () => clearTimeout(t);
  }, [props.retryAfterMs]);
  return (
    <button type="button" disabled={!ready} onClick={props.onRetry}>
      {chatText(props.lang, 'tryAgain')}
    </button>
  );
}

function NeverAsk({ lang }: { lang: Lang }) {
  return (
    <p className="chat-never small" role="note">
      {chatText(lang, 'neverAsk')}
    </p>
  );
}

/** /chat: pick the problem type (or take ?category=, an id or a code), then chat. */
export function ChatPage({ category, query }: { category: string | null; query?: URLSearchParams }) {
  const { lang } = useI18n();
  const cats = useApi<{ items: Category[] }>('/categories');
  const chosen = cats.data?.items.find((c) => c.id === category || c.code === category) ?? null;
  const [generation, setGeneration] = useState(0);
  const name = (c: Category) => (lang === 'zh-CN' ? c.nameZh : c.nameEn);
  // The whole form, files too: a checklist's files go into the conversation when it is sent.
  const chatFields = chosen?.form?.fields ?? [];
  if (chosen)
    return (
      <ChatRoom
        key={`${chosen.id}:${generation}`}
        categoryId={chosen.id}
        categoryName={name(chosen)}
        form={chatFields}
        facts={factsOf(query ?? new URLSearchParams(), chatFields)}
        onNewChat={() => {
          rememberEndedChat(chosen.id, null);
          setGeneration((g) => g + 1);
        }}
      />
    );
  return (
    <Layout title={chatText(lang, 'title')}>
      <NeverAsk lang={lang} />
      <h1>{chatText(lang, 'pickCategory')}</h1>
      <p className="muted">{chatText(lang, 'pickCategoryHint')}</p>
      <Status state={cats} retry={cats.retry} />
      <ul className="chat-categories">
        {cats.data?.items.map((c) => (
          <li key={c.id}>
            <button type="button" onClick={() => navigate(`/chat?category=${encodeURIComponent(c.code)}`)}>
              {name(c)}
            </button>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function ChatRoom({
  categoryId,
  categoryName,
  form,
  facts,
  onNewChat,
}: {
  categoryId: string;
  categoryName: string;
  form: FormField[];
  facts: Record<string, string>;
  onNewChat(): void;
}) {
  const { lang } = useI18n();
  const [view, setView] = useState<ChatView | null>(null);
  const [text, setText] = useState('');
  const [uploading, setUploading] = useState<string | null>(null);
  const [ticketNumber, setTicketNumber] = useState<string | null>(null);
  const conn = useRef<ChatConnection | null>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // The chat's language is the one it was opened in; switching only changes the page's words.
  const openedIn = useRef(lang);
  // The host app's facts go with the start, those that pass the checks the customer gets too (a
  // bad one is shown in the checklist, flagged, for the customer to fix).
  const startFacts = useRef(validFacts(form, facts));
  useEffect(() => {
    const c = new ChatConnection({
      categoryId,
      lang: openedIn.current,
      facts: startFacts.current,
      onChange: setView,
      onEnded: () => postChatEnded(c.ticketId ?? ''),
      resumeTicketId: rememberedEndedChat(categoryId),
    });
    conn.current = c;
    return () => c.close();
  }, [categoryId]);

  const chat = view?.chat ?? null;
  useEffect(() => {
    if (chat?.state === 'ended') rememberEndedChat(categoryId, chat.ticketId);
  }, [chat?.state, chat?.ticketId, categoryId]);
  const count = (view?.items.length ?? 0) + (view?.pending.length ?? 0);
  const notices = view?.safetyNotices.length ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the end of the chat whenever it grows
  useEffect(() => {
    followChat();
    if (document.visibilityState === 'visible') conn.current?.markRead();
  }, [count, view?.agentTyping, view?.chat?.state, view?.queue?.position, view?.link, notices]);

  // A "leave a message" chat is a ticket: show its number so the customer can find it in /tickets.
  useEffect(() => {
    if (chat?.state !== 'offline' || ticketNumber) return;
    api<{ number: number | string }>(`/me/tickets/${chat.ticketId}`, { lang })
      .then((t) =>
        setTicketNumber(typeof t.number === 'number' ? `KF-${String(t.number).padStart(6, '0')}` : t.number),
      )
      .catch(() => undefined);
  }, [chat?.state, chat?.ticketId, ticketNumber, lang]);

  const onType = (value: string) => {
    setText(value);
    if (!typingTimer.current) conn.current?.typing(true);
    else clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => {
      conn.current?.typing(false);
      typingTimer.current = null;
    }, 3000);
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body = text.trim();
    if (!body) return;
    if (typingTimer.current) clearTimeout(typingTimer.current);
    typingTimer.current = null;
    conn.current?.send(body);
    setText('');
  };
  const sendImage = async (file: File | undefined) => {
    if (!file) return;
    setUploading(chatText(lang, 'uploading'));
    try {
      const id = await uploadImage(file, lang);
      const preview = file.size < 400_000 ? [await dataUrlOf(file)] : [];
      conn.current?.send('', [id], preview);
      setUploading(null);
    } catch (err) {
      setUploading(chatText(lang, 'uploadFailed', { reason: (err as Error).message }));
    }
  };

  const state = chat?.state ?? null;
  const canHandoff = state === 'bot';
  // The newest checklist block of the timeline (the app's at the start, the customer's after).
  const latestChecklist = useMemo(() => {
    for (const i of [...(view?.items ?? [])].reverse())
      if (i.kind === 'event' && i.event === 'checklist') return i.to as ChecklistBlock;
    return null;
  }, [view?.items]);
  const askChecklist = form.length > 0 && (state === 'queued' || state === 'assigned' || state === 'offline');
  const ended = state === 'ended';
  const agentRead = view?.agentReadSeq ?? 0;
  const items = view?.items ?? [];
  // "Read" under the newest of the customer's messages the agent has seen, not under each one.
  const lastReadMine = items.reduce(
    (at, i) => (i.kind === 'message' && i.authorType === 'customer' && i.seq <= agentRead ? i.seq : at),
    0,
  );
  // The ticket's opening line ("在线咨询：账户问题") was written by the server, not typed here.
  const opening = items.find((i) => i.kind === 'message');
  const openingSeq =
    opening?.kind === 'message' && opening.authorType === 'customer' && !opening.clientId ? opening.seq : 0;
  const back = (
    <Link className="back" href="/chat" aria-label={chatText(lang, 'changeCategory')}>
      ‹
    </Link>
  );
  return (
    <Layout title={`${chatText(lang, 'title')} · ${categoryName}`} back={back}>
      <div className="chat">
        <NeverAsk lang={lang} />
        {/* New messages announce themselves (a screen reader, or a customer busy in the checklist). */}
        <ol
          className="chat-log"
          aria-label={chatText(lang, 'title')}
          aria-live="polite"
          aria-relevant="additions"
        >
          {items
            .filter((item) => item.seq !== openingSeq)
            .map((item) => (
              <Bubble
                key={item.seq}
                item={item}
                lang={lang}
                read={item.seq === lastReadMine}
                canHandoff={canHandoff}
                onHandoff={() => conn.current?.handoff()}
              />
            ))}
          {view?.pending.map((p) => (
            <PendingBubble key={p.clientId} p={p} lang={lang} />
          ))}
        </ol>
        <div aria-live="polite" className="chat-banners">
          {view?.link === 'connecting' && !chat && (
            <p className="muted small">{chatText(lang, 'connecting')}</p>
          )}
          {view?.link === 'offline' && (
            <p className="chat-banner chat-warn">{chatText(lang, 'offlineLink')}</p>
          )}
          {state === 'queued' && view?.queue && (
            <p className="chat-banner chat-queue">
              {chatText(lang, 'queued', { position: view.queue.position, ahead: view.queue.position - 1 })}
              <br />
              <span className="small">
                {view.queue.estimatedWaitSeconds === null
                  ? chatText(lang, 'waitUnknown')
                  : chatText(lang, 'wait', {
                      minutes: Math.max(1, Math.round(view.queue.estimatedWaitSeconds / 60)),
                      agents: view.queue.agentsOnShift,
                    })}
              </span>
            </p>
          )}
          {view?.unavailable && view.link === 'online' && (
            <p className="chat-banner chat-warn">{chatText(lang, 'unavailable')}</p>
          )}
          {state === 'bot' && view?.busy && (
            <div className="chat-banner chat-warn" data-testid="chat-busy">
              <p>
                {view.busy.estimatedWaitSeconds === null
                  ? chatText(lang, 'busyUnknown')
                  : chatText(lang, 'busy', {
                      queue: view.busy.queueLength,
                      minutes: Math.max(1, Math.round(view.busy.estimatedWaitSeconds / 60)),
                    })}
              </p>
              <p>
                <button type="button" className="primary" onClick={() => conn.current?.leaveMessage()}>
                  {chatText(lang, 'leaveMessage')}
                </button>{' '}
                <BusyRetry
                  lang={lang}
                  retryAfterMs={view.busy.retryAfterMs}
                  onRetry={() => conn.current?.handoff()}
                />
              </p>
            </div>
          )}
          {state === 'assigned' && chat?.agent && (
            <p className="chat-banner">{chatText(lang, 'assigned', { name: chat.agent.name })}</p>
          )}
          {state === 'offline' && (
            <div className="chat-banner chat-warn" data-testid="chat-leave-message">
              <p>
                {chat?.opensAt
                  ? chatText(lang, 'closed', { when: formatOpening(chat.opensAt, lang) })
                  : chatText(lang, 'offline')}
              </p>
              {ticketNumber && (
                <p>
                  {chatText(lang, 'ticketNumber')}{' '}
                  <strong className="chat-ticket-number">{ticketNumber}</strong> ·{' '}
                  <Link href="/tickets">{chatText(lang, 'myTickets')}</Link>
                </p>
              )}
            </div>
          )}
          {askChecklist && chat && (
            <ChatChecklist
              ticketId={chat.ticketId}
              form={form}
              latest={latestChecklist}
              facts={facts}
              result={view?.checklist ?? { status: 'idle' }}
              lang={lang}
              onSend={(fields) => conn.current?.sendChecklist(fields) ?? false}
            />
          )}
          {view?.safetyNotices.map((n) => (
            <div key={n.message + n.advice.join()} role="alert" className="chat-banner chat-safety">
              <strong>{chatText(lang, 'safetyTitle')}</strong>
              <p>{n.message}</p>
              {n.advice.map((a) => (
                <p key={a}>{a}</p>
              ))}
            </div>
          ))}
          {view?.error && (
            <p role="alert" className="error">
              {view.error}
            </p>
          )}
        </div>
        {view?.agentTyping && (
          <p className="chat-typing small muted" aria-live="polite">
            {chatText(lang, 'typing')}
          </p>
        )}
        {ended && chat ? (
          <ChatEnded lang={lang} ticketId={chat.ticketId} items={items} onNewChat={onNewChat} />
        ) : (
          <>
            <div className="chat-actions">
              {canHandoff && (
                <button type="button" onClick={() => conn.current?.handoff()}>
                  {chatText(lang, 'talkToPerson')}
                </button>
              )}
              {chat && (
                <button type="button" className="chat-end" onClick={() => conn.current?.end()}>
                  {chatText(lang, 'endChat')}
                </button>
              )}
            </div>
            {uploading && <p className="small muted">{uploading}</p>}
            <form className="chat-compose" onSubmit={submit}>
              <label className="chat-attach" aria-label={chatText(lang, 'attachImage')}>
                ＋
                <input
                  type="file"
                  accept="image/*"
                  className="sr-only"
                  onChange={(e) => {
                    void sendImage(e.target.files?.[0]);
                    e.target.value = '';
                  }}
                />
              </label>
              <textarea
                rows={1}
                value={text}
                maxLength={4000}
                aria-label={chatText(lang, 'placeholder')}
                placeholder={chatText(lang, state === 'offline' ? 'placeholderOffline' : 'placeholder')}
                onChange={(e) => onType(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) submit(e);
                }}
              />
              <button type="submit">{chatText(lang, 'send')}</button>
            </form>
          </>
        )}
      </div>
    </Layout>
  );
}
