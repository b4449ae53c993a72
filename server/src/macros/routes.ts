import { Type } from '@fastify/type-provider-typebox';
import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import {
  type Action,
  ActionList,
  type ActionPlan,
  applyPlan,
  loadActionTicket,
  MACRO_ACTIONS,
  planActions,
} from '../automations/actions.ts';
import { checkFieldActions } from '../automations/field-actions.ts';
import type { Db } from '../db/client.ts';
import { agentActor } from '../identity/present-agent.ts';
import { type AgentPrincipal, requireAgent } from '../identity/principal.ts';
import { refusePersonalReplyOnIncident } from '../incidents/screen.ts';
import { AppError } from '../platform/errors.ts';
import { requestLanguage } from '../platform/http-errors.ts';
import type { App, Services } from '../platform/services.ts';
import { resolveTicketId } from '../tickets/queries.ts';
import { getTicketDetail } from '../tickets/ticket-detail.ts';
import { requireTicketWork } from '../tickets/work-access.ts';
import { macros } from './schema.ts';

const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });
const TicketMacroParams = Type.Object({
  ticket: Type.String({ minLength: 1, maxLength: 64 }),
  id: Type.String({ format: 'uuid' }),
});
const Name = Type.String({ minLength: 1, maxLength: 120 });
const Scope = Type.Union([Type.Literal('shared'), Type.Literal('personal')]);

type MacroRow = typeof macros.$inferSelect;

function present(row: MacroRow) {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    ownerId: row.ownerId,
    actions: row.actions,
    usageCount: row.usageCount,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function presentPlan(plan: ActionPlan) {
  return { reply: plan.reply, notes: plan.notes, changes: plan.diff };
}

function checkActions(actions: readonly Action[]) {
  for (const a of actions)
    if (!MACRO_ACTIONS.has(a.type)) throw new AppError('macro_action_not_allowed', { action: a.type });
}

/** A shared macro, or the asker's own personal one. */
async function visibleMacro(db: Db, me: AgentPrincipal, id: string): Promise<MacroRow> {
  const [row] = await db
    .select()
    .from(macros)
    .where(
      and(
        eq(macros.id, id),
        or(eq(macros.scope, 'shared'), and(eq(macros.scope, 'personal'), eq(macros.ownerId, me.agentId))),
      ),
    );
  if (!row) throw new AppError('macro_not_found');
  return row;
}

/** A macro the asker may change: their own personal one; a shared one if supervisor or admin. */
async function writableMacro(db: Db, me: AgentPrincipal, id: string): Promise<MacroRow> {
  const row = await visibleMacro(db, me, id);
  if (row.scope === 'shared' && me.role === 'agent') throw new AppError('forbidden');
  return row;
}

/**
 * Macros: every agent lists and applies the shared ones and their own; anyone writes personal
 * macros, supervisors and admins write shared ones. Applying previews first (nothing written),
 * then applies through the ticket commands in one transaction and counts the use.
 */
export function registerMacroRoutes(app: App, { db, jobs }: Services) {
  const tags = ['macros'];

  app.get(
    '/macros',
    { schema: { tags, summary: 'The shared macros and my own, most used first' } },
    async (request) => {
      const me = requireAgent(request);
      const rows = await db
        .select()
        .from(macros)
        .where(
          or(eq(macros.scope, 'shared'), and(eq(macros.scope, 'personal'), eq(macros.ownerId, me.agentId))),
        )
        .orderBy(desc(macros.usageCount), asc(macros.name))
        .limit(500);
      return { items: rows.map(present) };
    },
  );

  app.post(
    '/macros',
    {
      schema: {
        tags,
        summary: 'Create a macro (shared: supervisors and admins)',
        body: Type.Object({ name: Name, scope: Scope, actions: ActionList }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const me = requireAgent(request, request.body.scope === 'shared' ? 'supervisor' : 'agent');
      checkActions(request.body.actions);
      await checkFieldActions(db, request.body.actions, requestLanguage(request));
      const [row] = await db
        .insert(macros)
        .values({ ...request.body, ownerId: me.agentId })
        .returning();
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'macro.create',
        targetType: 'macro',
        targetId: row!.id,
      });
      return reply.status(201).send(present(row!));
    },
  );

  app.patch(
    '/macros/:id',
    {
      schema: {
        tags,
        summary: 'Change a macro',
        params: IdParam,
        body: Type.Object(
          { name: Type.Optional(Name), actions: Type.Optional(ActionList) },
          { additionalProperties: false, minProperties: 1 },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      await writableMacro(db, me, request.params.id);
      if (request.body.actions) {
        checkActions(request.body.actions);
        await checkFieldActions(db, request.body.actions, requestLanguage(request));
      }
      const [row] = await db
        .update(macros)
        .set({ ...request.body, updatedAt: new Date() })
        .where(eq(macros.id, request.params.id))
        .returning();
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'macro.update',
        targetType: 'macro',
        targetId: request.params.id,
      });
      return present(row!);
    },
  );

  app.delete(
    '/macros/:id',
    { schema: { tags, summary: 'Delete a macro', params: IdParam } },
    async (request) => {
      const me = requireAgent(request);
      await writableMacro(db, me, request.params.id);
      await db.delete(macros).where(eq(macros.id, request.params.id));
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'macro.delete',
        targetType: 'macro',
        targetId: request.params.id,
      });
      return { ok: true };
    },
  );

  app.post(
    '/tickets/:ticket/macros/:id/preview',
    {
      schema: {
        tags,
        summary: 'What applying the macro to the ticket would do (nothing is written)',
        params: TicketMacroParams,
      },
    },
    async (request) => {
      const me = requireAgent(request);
      const macro = await visibleMacro(db, me, request.params.id);
      const ticketId = await resolveTicketId(db, request.params.ticket);
      const ticket = ticketId ? await loadActionTicket(db, ticketId) : null;
      if (!ticket) throw new AppError('ticket_not_found');
      await requireTicketWork(db, me, [ticket.id]);
      await refusePersonalReplyOnIncident(db, ticket.id, macro.actions);
      return presentPlan(await planActions(db, ticket, macro.actions, { agentId: me.agentId }));
    },
  );

  app.post(
    '/tickets/:ticket/macros/:id/apply',
    {
      schema: {
        tags,
        summary: 'Apply the macro to the ticket; returns the ticket as it now is',
        params: TicketMacroParams,
      },
    },
    async (request) => {
      const me = requireAgent(request);
      const macro = await visibleMacro(db, me, request.params.id);
      const ticketId = await resolveTicketId(db, request.params.ticket);
      if (!ticketId) throw new AppError('ticket_not_found');
      await requireTicketWork(db, me, [ticketId]);
      await refusePersonalReplyOnIncident(db, ticketId, macro.actions);
      const actor = { actorType: 'agent' as const, actorId: me.agentId };
      // One transaction: the reply, the notes and the changes commit together or not at all.
      await db.transaction(async (tx) => {
        const ticket = await loadActionTicket(tx, ticketId);
        if (!ticket) throw new AppError('ticket_not_found');
        const plan = await planActions(tx, ticket, macro.actions, { agentId: me.agentId });
        await applyPlan(tx, jobs, ticket, plan, actor);
        await tx
          .update(macros)
          .set({ usageCount: sql`${macros.usageCount} + 1`, lastUsedAt: new Date() })
          .where(eq(macros.id, macro.id));
      });
      return getTicketDetail(db, ticketId, 'staff');
    },
  );
}
