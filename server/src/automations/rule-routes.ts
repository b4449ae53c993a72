import { type TSchema, Type } from '@fastify/type-provider-typebox';
import { audit } from '../audit/record.ts';
import { agentActor } from '../identity/present-agent.ts';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import { requestLanguage } from '../platform/http-errors.ts';
import type { App, Services } from '../platform/services.ts';
import { type Action, ActionList } from './actions.ts';
import type { Condition } from './conditions.ts';
import { ConditionList } from './conditions.ts';
import { checkFieldActions } from './field-actions.ts';

export const RuleIdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** The fields a trigger and a time rule share; each adds what starts it (`events` or `when`). */
export const RuleFields = {
  name: Type.String({ minLength: 1, maxLength: 120 }),
  active: Type.Boolean(),
  position: Type.Integer({ minimum: 0, maximum: 10_000 }),
  match: Type.Union([Type.Literal('all'), Type.Literal('any')]),
  conditions: ConditionList,
  actions: Type.Array(ActionList.items, { minItems: 1, maxItems: 20 }),
};

/** What both kinds of rule store (the schema's shared columns). */
export interface RuleRow {
  id: string;
  name: string;
  active: boolean;
  position: number;
  match: 'all' | 'any';
  conditions: Condition[];
  actions: Action[];
  fireCount: number;
  lastFiredAt: Date | null;
  updatedAt: Date;
}

/** The values a create or change writes: the shared fields and the kind's own. */
export type RuleValues = Partial<Omit<RuleRow, 'id' | 'fireCount' | 'lastFiredAt' | 'updatedAt'>> &
  Record<string, unknown>;

/**
 * One kind of rule, as its routes need it: where it lives, what starts it, how its rows are read
 * and written (each kind against its own table), and what to refuse or forget around a write.
 */
export interface RuleKind<Row extends RuleRow> {
  path: string;
  /** Audit action prefix and target type (`trigger`, `time_rule`). */
  auditName: string;
  notFound: 'trigger_not_found' | 'time_rule_not_found';
  summaries: { list: string; create: string; update: string; remove: string };
  /** The field that says what starts the rule, and its schema. */
  startField: { name: string; schema: TSchema };
  list(): Promise<Row[]>;
  insert(values: RuleValues & { createdBy: string }): Promise<Row>;
  update(id: string, values: RuleValues & { updatedAt: Date }): Promise<Row | undefined>;
  remove(id: string): Promise<boolean>;
  /** Refuses actions this kind cannot run (throws a validation error). */
  checkActions?(actions: readonly Action[] | undefined): void;
  /** Runs after every committed write, e.g. to drop the node's copy of the rules. */
  afterWrite?(): void;
}

export function presentRule<Row extends RuleRow>(row: Row, startField: string) {
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    position: row.position,
    [startField]: (row as unknown as Record<string, unknown>)[startField],
    match: row.match,
    conditions: row.conditions,
    actions: row.actions,
    fireCount: row.fireCount,
    lastFiredAt: row.lastFiredAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Admins list, create, change (and order, with `position`) and delete one kind of rule. */
export function registerRuleCrud<Row extends RuleRow>(app: App, { db }: Services, kind: RuleKind<Row>) {
  const tags = ['automations'];
  const start = kind.startField.name;
  const present = (row: Row) => presentRule(row, start);
  const fields = { ...RuleFields, [start]: kind.startField.schema };
  const check = async (
    actions: readonly Action[] | undefined,
    language: ReturnType<typeof requestLanguage>,
  ) => {
    kind.checkActions?.(actions);
    if (actions) await checkFieldActions(db, actions, language);
  };
  const record = (
    me: { agentId: string },
    request: Parameters<typeof agentActor>[1],
    verb: string,
    id: string,
  ) =>
    audit(db, {
      ...agentActor(me.agentId, request),
      action: `${kind.auditName}.${verb}`,
      targetType: kind.auditName,
      targetId: id,
    });

  app.get(kind.path, { schema: { tags, summary: kind.summaries.list } }, async (request) => {
    requireAgent(request, 'admin');
    return { items: (await kind.list()).map(present) };
  });

  app.post(
    kind.path,
    {
      schema: {
        tags,
        summary: kind.summaries.create,
        body: Type.Object(
          {
            name: RuleFields.name,
            active: Type.Optional(RuleFields.active),
            position: Type.Optional(RuleFields.position),
            [start]: kind.startField.schema,
            match: Type.Optional(RuleFields.match),
            conditions: Type.Optional(RuleFields.conditions),
            actions: RuleFields.actions,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const me = requireAgent(request, 'admin');
      const body = request.body as RuleValues & { actions: Action[] };
      await check(body.actions, requestLanguage(request));
      const row = await kind.insert({ ...body, createdBy: me.agentId });
      kind.afterWrite?.();
      await record(me, request, 'create', row.id);
      return reply.status(201).send(present(row));
    },
  );

  app.patch(
    `${kind.path}/:id`,
    {
      schema: {
        tags,
        summary: kind.summaries.update,
        params: RuleIdParam,
        body: Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 }),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const body = request.body as RuleValues;
      await check(body.actions, requestLanguage(request));
      const row = await kind.update(request.params.id, { ...body, updatedAt: new Date() });
      if (!row) throw new AppError(kind.notFound);
      kind.afterWrite?.();
      await record(me, request, 'update', row.id);
      return present(row);
    },
  );

  app.delete(
    `${kind.path}/:id`,
    { schema: { tags, summary: kind.summaries.remove, params: RuleIdParam } },
    async (request) => {
      const me = requireAgent(request, 'admin');
      if (!(await kind.remove(request.params.id))) throw new AppError(kind.notFound);
      kind.afterWrite?.();
      await record(me, request, 'delete', request.params.id);
      return { ok: true };
    },
  );
}
