import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { categories, settings, teams } from '../desk/schema.ts';
import { createAgent } from '../identity/agents.ts';
import { agents } from '../identity/schema.ts';
import { AppError } from '../platform/errors.ts';
import { normaliseChannel } from '../safety/channels.ts';
import { officialChannels } from '../safety/schema.ts';
import { slaCalendars } from '../sla/schema.ts';

/** What the first-run page asks for: enough to take a first chat, nothing more. */
export interface DeskSetup {
  desk: { name: string; nameZh: string; ticketPrefix: string };
  /** The desk's official web domains and support mailboxes: the verify page calls these official. */
  domains: string[];
  mailboxes: string[];
  admin: { email: string; name: string; password: string };
  language: 'zh-CN' | 'en';
  timeZone: string;
  /** Whether service-level clocks skip mainland China's public holidays and count its 调休 days. */
  chinaHolidays: boolean;
  team: { code: string; nameZh: string; nameEn: string };
  category: { code: string; nameZh: string; nameEn: string };
}

/** A desk needs setting up while it has no admin; once one exists the set-up page is gone for good. */
export async function setupNeeded(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(agents).where(eq(agents.role, 'admin'));
  return (row?.n ?? 0) === 0;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Sets up an empty desk in one transaction: brand, official domains and mailboxes, the first
 * admin (a member of the first team, so they can take the first chat), the default language and
 * time zone (the default business calendar follows it), the first team and category.
 * Two set-ups racing: the advisory lock makes the second see the first's admin and refuse.
 */
export async function setupDesk(db: Db, input: DeskSetup) {
  if (!isTimeZone(input.timeZone))
    throw new AppError('setup_invalid', { detail: `time zone ${input.timeZone}` });
  const domains = unique(input.domains.map((d) => normaliseChannel('domain', d)));
  const mailboxes = unique(input.mailboxes.map((m) => normaliseChannel('email', m)));
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7431002)`);
    const [admins] = await tx.select({ n: count() }).from(agents).where(eq(agents.role, 'admin'));
    if ((admins?.n ?? 0) > 0) throw new AppError('setup_done');

    const brand = {
      name: input.desk.name.trim(),
      nameZh: input.desk.nameZh.trim() || input.desk.name.trim(),
      domains,
      supportEmail: mailboxes[0] ?? input.admin.email.trim().toLowerCase(),
      ticketPrefix: input.desk.ticketPrefix,
    };
    const desk = { defaultLanguage: input.language, timeZone: input.timeZone };
    for (const [key, value] of Object.entries({ brand, desk })) {
      await tx
        .insert(settings)
        .values({ key, value })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
    }
    const official = [
      ...domains.map((value) => ({ kind: 'domain' as const, value, name: `${brand.name} website 官网` })),
      ...mailboxes.map((value) => ({ kind: 'email' as const, value, name: `${brand.name} mailbox 邮箱` })),
    ];
    if (official.length) await tx.insert(officialChannels).values(official).onConflictDoNothing();

    await tx
      .update(slaCalendars)
      .set({ timeZone: input.timeZone, holidaySource: input.chinaHolidays ? 'cn' : null })
      .where(eq(slaCalendars.isDefault, true));

    const [team] = await tx
      .insert(teams)
      .values({ code: input.team.code, nameZh: input.team.nameZh, nameEn: input.team.nameEn })
      .returning();
    const [category] = await tx
      .insert(categories)
      .values({
        code: input.category.code,
        nameZh: input.category.nameZh,
        nameEn: input.category.nameEn,
        teamId: team!.id,
      })
      .returning();
    const admin = await createAgent(tx, {
      email: input.admin.email,
      name: input.admin.name,
      password: input.admin.password,
      role: 'admin',
      language: input.language,
      teamIds: [team!.id],
    });
    await tx.update(agents).set({ timeZone: input.timeZone }).where(eq(agents.id, admin.id));
    return { adminId: admin.id, adminEmail: admin.email, teamId: team!.id, categoryId: category!.id };
  });
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
