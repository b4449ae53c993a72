import { useState } from 'react';
import { ApiError, uploadAttachment } from '../lib/api.ts';
import { type MessageKey, useT } from '../lib/i18n.ts';
import type { Attachment } from '../lib/types.ts';

export interface SideMessage {
  id: string;
  direction: 'outbound' | 'inbound';
  authorName: string | null;
  from: string;
  to: string[];
  body: string;
  status: 'queued' | 'sent' | 'failed' | 'received';
  error: string | null;
  verified: boolean | null;
  fromParticipant: boolean | null;
  createdAt: string;
  attachments: Attachment[];
}

/** A messaging channel (a Telegram group the desk's bot shares with the partner) instead of mail. */
export interface SideChannelRoute {
  /** Null (with the name) once the channel is deleted: the conversation keeps its chat. */
  id: string | null;
  kind: string | null;
  name: string | null;
  chatId: string;
}

export interface SideConversation {
  id: string;
  subject: string;
  /** Mail: the third party's addresses; a channel: `["<kind>:<chatId>"]`. */
  participants: string[];
  channel: SideChannelRoute | null;
  status: 'open' | 'closed';
  messages: SideMessage[];
}

/** A channel that can carry a side conversation (`GET /side-conversations/channels`). */
export interface SideChannel {
  id: string;
  kind: 'telegram' | 'wechat' | 'weibo' | 'webhook';
  name: string;
}

export const sideKey = (ticketId: string) => ['side-conversations', ticketId] as const;
export const sideChannelsKey = ['side-conversations', 'channels'] as const;
export const errorText = (err: unknown, fallback: string) =>
  err instanceof ApiError ? err.message : fallback;

const kinds = new Set(['telegram', 'wechat', 'weibo', 'webhook']);

/** The platform's name in the agent's language ("Telegram", "微信"); an unknown kind as sent. */
export function kindName(t: (key: MessageKey) => string, kind: string): string {
  return kinds.has(kind) ? t(`side.kind.${kind}` as MessageKey) : kind;
}

export function useKindLabel() {
  const t = useT();
  return (kind: string | null) => (kind ? kindName(t, kind) : kind);
}

/** Files chosen in a form, uploaded at once to the attachments store (its checks and limits). */
export function useUploads() {
  const [files, setFiles] = useState<Attachment[]>([]);
  const [error, setError] = useState<string | null>(null);
  async function add(list: FileList | null) {
    for (const file of Array.from(list ?? [])) {
      try {
        const saved = await uploadAttachment(file);
        setFiles((f) => [...f, saved]);
      } catch (err) {
        setError(errorText(err, ''));
      }
    }
  }
  return { files, error, add, clear: () => setFiles([]) };
}

export function FilePicker({
  name,
  uploads,
  accept,
}: {
  name: string;
  uploads: ReturnType<typeof useUploads>;
  accept?: string;
}) {
  const t = useT();
  return (
    <>
      <label className="side-attach">
        {t('side.attach')}
        <input
          type="file"
          name={name}
          multiple
          accept={accept}
          onChange={(e) => void uploads.add(e.target.files).then(() => (e.target.value = ''))}
        />
      </label>
      {uploads.files.length > 0 && (
        <ul className="side-files">
          {uploads.files.map((f) => (
            <li key={f.id}>{f.fileName}</li>
          ))}
        </ul>
      )}
      {uploads.error && <p className="error">{uploads.error}</p>}
    </>
  );
}
