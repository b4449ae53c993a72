import { Type } from '@fastify/type-provider-typebox';
import { asc, eq } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { teams } from '../desk/schema.ts';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { slaCalendars } from '../sla/schema.ts';
import { type ChatHours, teamChatHours } from './hours.ts';

function presentHours(h: ChatHours) {
  return {
    calendarId: h.calendarId,
    timeZone: h.timeZone,
    openNow: h.open,
    opensAt: h.opensAt?.toISOString() ?? null,
    closesAt: h.closesAt?.toISOString() ?? null,
  };
}

/**
 * Teams' chat opening hours. A team names one of the SLA business calendars (hours per weekday in
 * a time zone, holidays, 调休) or none (around the clock); outside it a chat is "leave a message".
 */
export function registerChatHoursRoutes(app: App, { db }: Services) {
  app.get(
    '/chat/hours',
    { schema: { tags: ['chat'], summary: "Every team's chat hours: open now, next opening or closing" } },
    async (request) => {
      requireAgent(request);
      const rows = await db
        .select({ id: teams.id, code: teams.code, nameZh: teams.nameZh, nameEn: teams.nameEn })
        .from(teams)
        .orderBy(asc(teams.code));
      const now = Date.now();
      const items = [];
      for (const t of rows)
        items.push({ teamId: t.id, ...t, ...presentHours(await teamChatHours(db, t.id, now)) });
      return { items };
    },
  );

  app.put(
    '/admin/teams/:id/chat-hours',
    {
      schema: {
        tags: ['admin', 'chat'],
        summary: "Set a team's chat hours: a business calendar's id, or null for around the clock",
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          { calendarId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const { calendarId } = request.body;
      if (calendarId) {
        const [calendar] = await db
          .select({ id: slaCalendars.id })
          .from(slaCalendars)
          .where(eq(slaCalendars.id, calendarId));
        if (!calendar) throw new AppError('validation_failed', { detail: 'calendarId: no such calendar' });
      }
      const [before] = await db
        .select({ calendarId: teams.chatCalendarId })
        .from(teams)
        .where(eq(teams.id, request.params.id));
      if (!before) throw new AppError('not_found');
      await db.transaction(async (tx) => {
        await tx.update(teams).set({ chatCalendarId: calendarId }).where(eq(teams.id, request.params.id));
        await audit(tx, {
          actorType: 'agent',
          actorId: me.agentId,
          action: 'team.chat_hours',
          targetType: 'team',
          targetId: request.params.id,
          data: { from: before.calendarId, to: calendarId },
        });
      });
      // Chats waiting in the team's queue when its new hours say "closed" are told by the next sweep.
      return { teamId: request.params.id, ...presentHours(await teamChatHours(db, request.params.id)) };
    },
  );
}
