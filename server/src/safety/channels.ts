import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import { hostParts } from './lookalike.ts';
import { type ChannelKind, officialChannels } from './schema.ts';

/** Stores a channel in the form the verify check compares: one spelling per channel. */
export function normaliseChannel(kind: ChannelKind, raw: string): string {
  const v = raw.trim();
  switch (kind) {
    case 'domain': {
      const parts = hostParts(v.replace(/^https?:\/\//i, '').replace(/\/.*$/, ''));
      if (!parts) throw new AppError('invalid_channel', { detail: `not a domain: ${v}` });
      return parts.hostname;
    }
    case 'email':
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v))
        throw new AppError('invalid_channel', { detail: `not an email: ${v}` });
      return v.toLowerCase();
    case 'phone': {
      const digits = v.replace(/\D/g, '');
      if (digits.length < 5 || digits.length > 15)
        throw new AppError('invalid_channel', { detail: `not a phone: ${v}` });
      return `+${digits}`;
    }
    default: {
      const handle = v.replace(/^@/, '').replace(/^(?:https?:\/\/)?t\.me\//i, '');
      if (!/^[\w.\-\p{L}]{2,64}$/u.test(handle))
        throw new AppError('invalid_channel', { detail: `not a handle: ${v}` });
      return handle.toLowerCase();
    }
  }
}

export interface ChannelInput {
  kind: ChannelKind;
  value: string;
  name: string;
  note?: string;
}

export async function addChannel(db: Db, input: ChannelInput) {
  const value = normaliseChannel(input.kind, input.value);
  const [row] = await db
    .insert(officialChannels)
    .values({ kind: input.kind, value, name: input.name, note: input.note ?? '' })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('channel_exists');
  return row;
}

export function presentChannel(c: typeof officialChannels.$inferSelect) {
  return { ...c, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
}

export async function updateChannel(db: Db, id: string, change: Partial<ChannelInput>) {
  const [current] = await db.select().from(officialChannels).where(eq(officialChannels.id, id));
  if (!current) throw new AppError('official_channel_not_found');
  const kind = change.kind ?? current.kind;
  const [row] = await db
    .update(officialChannels)
    .set({
      kind,
      value:
        change.value !== undefined || change.kind
          ? normaliseChannel(kind, change.value ?? current.value)
          : current.value,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.note !== undefined ? { note: change.note } : {}),
      updatedAt: new Date(),
    })
    .where(eq(officialChannels.id, id))
    .returning();
  return row!;
}
