import { Type } from '@fastify/type-provider-typebox';
import { audit } from '../audit/record.ts';
import { actorOf, requireStaff } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { mergeTickets } from './merge-tickets.ts';
import { resolveTicketId } from './queries.ts';
import { TicketRef } from './schemas.ts';
import { getTicketDetail } from './ticket-detail.ts';
import { requireTicketWork } from './work-access.ts';

const Ref = Type.String({ minLength: 1, maxLength: 64 });

/**
 * Merging tickets of one customer: staff with `tickets:write` who may work every ticket named
 * (tickets/work-access.ts); the route's ticket is the one kept.
 */
export function registerMergeRoutes(app: App, { db, jobs }: Services) {
  app.post(
    '/tickets/:id/merge',
    {
      schema: {
        tags: ['tickets'],
        summary:
          'Merge other tickets of the same customer into this one (their thread and history move here; they close and point here)',
        params: TicketRef,
        body: Type.Object(
          {
            /** The tickets merged into this one: ids or numbers (KF-000123). */
            tickets: Type.Array(Ref, { minItems: 1, maxItems: 20 }),
            /** Tell the customer on this ticket's thread (default true). */
            notifyCustomer: Type.Optional(Type.Boolean()),
            /** The notice's text instead of the default one in the customer's language. */
            notice: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const who = requireStaff(request, 'tickets:write');
      const survivorId = await resolveTicketId(db, request.params.id);
      if (!survivorId) throw new AppError('ticket_not_found');
      const sourceIds: string[] = [];
      for (const ref of request.body.tickets) {
        const id = await resolveTicketId(db, ref);
        if (!id) throw new AppError('ticket_not_found');
        sourceIds.push(id);
      }
      // The desk's team rule (work-access.ts): a merge closes up to 20 tickets in one step, so an
      // agent merges only tickets they may work, as with bulk actions.
      await requireTicketWork(db, who, [survivorId, ...sourceIds]);
      const actor = actorOf(who);
      const result = await mergeTickets(
        db,
        jobs,
        {
          survivorId,
          sourceIds,
          notifyCustomer: request.body.notifyCustomer ?? true,
          ...(request.body.notice ? { notice: request.body.notice } : {}),
        },
        actor,
      );
      await audit(db, {
        actorType: who.kind === 'agent' ? 'agent' : 'integration',
        actorId: actor.actorId,
        action: 'ticket.merge',
        targetType: 'ticket',
        targetId: survivorId,
        ip: request.ip,
        data: { merged: result.merged },
      });
      return getTicketDetail(db, survivorId, 'staff');
    },
  );
}
