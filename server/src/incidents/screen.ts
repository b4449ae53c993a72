import { eq } from 'drizzle-orm';
import type { Action } from '../automations/actions.ts';
import type { Db, Executor } from '../db/client.ts';
import { actorOf, type StaffPrincipal } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import { screenStaffText } from '../safety/screen.ts';
import type { IncidentSettings } from './commands.ts';
import { incidents } from './schema.ts';

/**
 * An incident's words reach customers outside any one ticket's thread: the banner is public (the
 * contact page, the bot's answers, no sign-in), a reply's translations are copied to every linked
 * customer. So each text passes the staff screen of a public reply before it is stored: a request
 * for a customer's secret is refused (422 `secret_request_blocked`, audited) and a secret quoted
 * in is masked. Screened at the route, before the command: nothing is half-written.
 */
async function screened(db: Db, who: StaffPrincipal, ticketId: string, text: string): Promise<string> {
  if (!text.trim()) return text;
  const s = await screenStaffText(db, {
    ...actorOf(who),
    ticketId,
    visibility: 'public',
    body: text,
  });
  return s.body;
}

/** The settings with their banners screened (the others as sent). */
export async function screenedBanners(
  db: Db,
  who: StaffPrincipal,
  ticketId: string,
  settings: IncidentSettings,
): Promise<IncidentSettings> {
  const out = { ...settings };
  if (out.bannerZh !== undefined) out.bannerZh = await screened(db, who, ticketId, out.bannerZh);
  if (out.bannerEn !== undefined) out.bannerEn = await screened(db, who, ticketId, out.bannerEn);
  return out;
}

/** Both texts of an incident reply, screened: the one not sent on the incident's own thread too. */
export async function screenedReply(
  db: Db,
  who: StaffPrincipal,
  ticketId: string,
  texts: { zh: string; en: string },
): Promise<{ zh: string; en: string }> {
  return {
    zh: await screened(db, who, ticketId, texts.zh),
    en: await screened(db, who, ticketId, texts.en),
  };
}

/** Variables that name the ticket's own customer (or repeat their words, the title). */
const PERSONAL = /\{\{\s*(customer\.[a-z]+|ticket\.title)\s*\}\}/;

/**
 * A macro's reply is rendered for the ticket's customer; on an incident every public reply is
 * copied to each linked customer, so one naming the incident's customer (or quoting its title)
 * would tell all of them who that is. Refused (409 `incident_reply_personal`) before anything is
 * written; the incident reply (one text for everyone) is the way to write to them.
 */
export async function refusePersonalReplyOnIncident(
  ex: Executor,
  ticketId: string,
  actions: readonly Action[],
): Promise<void> {
  const personal = actions.some((a) => a.type === 'reply' && (PERSONAL.test(a.zh) || PERSONAL.test(a.en)));
  if (!personal) return;
  const [incident] = await ex
    .select({ id: incidents.ticketId })
    .from(incidents)
    .where(eq(incidents.ticketId, ticketId));
  if (incident) throw new AppError('incident_reply_personal');
}
