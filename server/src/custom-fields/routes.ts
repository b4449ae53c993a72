import { Type } from '@fastify/type-provider-typebox';
import { and, eq } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { agentActor } from '../identity/present-agent.ts';
import { requireAgent, requireStaff } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import {
  CUSTOM_FIELD_ENTITIES,
  CUSTOM_FIELD_TYPES,
  type CustomFieldDefinition,
  customFieldDefinitions,
} from './schema.ts';
import { definitionsOf } from './values.ts';

const Label = Type.String({ minLength: 1, maxLength: 80 });
const Choices = Type.Array(
  Type.Object(
    { value: Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\w.:-]+$' }), zh: Label, en: Label },
    { additionalProperties: false },
  ),
  { maxItems: 100 },
);
const Entity = Type.Union(CUSTOM_FIELD_ENTITIES.map((e) => Type.Literal(e)));
const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

function present(d: CustomFieldDefinition) {
  return {
    id: d.id,
    entity: d.entity,
    key: d.key,
    type: d.type,
    labelZh: d.labelZh,
    labelEn: d.labelEn,
    choices: d.choices,
    required: d.required,
    position: d.position,
    archived: d.archivedAt !== null,
    updatedAt: d.updatedAt.toISOString(),
  };
}

function checkChoices(type: string, choices: ReadonlyArray<{ value: string }> | undefined) {
  if (type !== 'choice') return;
  if (!choices?.length)
    throw new AppError('validation_failed', { detail: 'choices: a choice field needs choices' });
  if (new Set(choices.map((c) => c.value)).size !== choices.length)
    throw new AppError('validation_failed', { detail: 'choices: each value once' });
}

/**
 * Custom fields: every agent (and a token with tickets:read) reads the definitions, admins write
 * them. Keys and types never change (stored values depend on them); archiving is the way out, and
 * keeps every value. Values are set on the ticket (PATCH /tickets/:id) and on the customer
 * (PATCH /customers/:id/custom-fields, customer-fields/).
 */
export function registerCustomFieldRoutes(app: App, { db }: Services) {
  const tags = ['custom fields'];

  app.get(
    '/custom-fields',
    {
      schema: {
        tags,
        summary: 'The custom ticket and customer fields, archived ones included (flagged)',
        querystring: Type.Object({ entity: Type.Optional(Entity) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      requireStaff(request, 'tickets:read');
      const items = await definitionsOf(db, request.query.entity ?? null);
      return { items: items.map(present) };
    },
  );

  app.post(
    '/custom-fields',
    {
      schema: {
        tags,
        summary: 'Define a custom field (admins)',
        body: Type.Object(
          {
            entity: Entity,
            key: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' }),
            type: Type.Union(CUSTOM_FIELD_TYPES.map((t) => Type.Literal(t))),
            labelZh: Label,
            labelEn: Label,
            choices: Type.Optional(Choices),
            required: Type.Optional(Type.Boolean()),
            position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const me = requireAgent(request, 'admin');
      const body = request.body;
      checkChoices(body.type, body.choices);
      const [taken] = await db
        .select({ id: customFieldDefinitions.id })
        .from(customFieldDefinitions)
        .where(and(eq(customFieldDefinitions.entity, body.entity), eq(customFieldDefinitions.key, body.key)));
      if (taken) throw new AppError('duplicate_value', { field: 'key' });
      const [row] = await db
        .insert(customFieldDefinitions)
        .values({ ...body, choices: body.type === 'choice' ? (body.choices ?? []) : [] })
        .returning();
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'custom_field.create',
        targetType: 'custom_field',
        targetId: row!.id,
        data: { entity: body.entity, key: body.key, type: body.type },
      });
      return reply.status(201).send(present(row!));
    },
  );

  app.patch(
    '/custom-fields/:id',
    {
      schema: {
        tags,
        summary: 'Change labels, choices, required, order, or archive / restore a custom field (admins)',
        params: IdParam,
        body: Type.Object(
          {
            labelZh: Type.Optional(Label),
            labelEn: Type.Optional(Label),
            choices: Type.Optional(Choices),
            required: Type.Optional(Type.Boolean()),
            position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
            archived: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const [current] = await db
        .select()
        .from(customFieldDefinitions)
        .where(eq(customFieldDefinitions.id, request.params.id));
      if (!current) throw new AppError('custom_field_not_found');
      const { archived, choices, ...rest } = request.body;
      if (choices !== undefined) checkChoices(current.type, choices);
      const [row] = await db
        .update(customFieldDefinitions)
        .set({
          ...rest,
          ...(choices !== undefined && current.type === 'choice' ? { choices } : {}),
          ...(archived === undefined
            ? {}
            : { archivedAt: archived ? (current.archivedAt ?? new Date()) : null }),
          updatedAt: new Date(),
        })
        .where(eq(customFieldDefinitions.id, current.id))
        .returning();
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'custom_field.update',
        targetType: 'custom_field',
        targetId: current.id,
        data: { key: current.key, ...request.body },
      });
      return present(row!);
    },
  );
}
