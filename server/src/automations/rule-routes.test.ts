// Both kinds of rule (triggers and time rules) are written through one set of admin routes:
// create, list in order, change, delete, 404 for an unknown id, each write audited, and what one
// kind refuses is refused for it only.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema.ts';
import { type AgentAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
let admin: AgentAuth;
beforeAll(async () => {
  desk = await createTestDesk();
  admin = await desk.signIn('admin');
});
afterAll(async () => {
  await desk?.close();
});

const KINDS = [
  {
    path: '/api/v1/admin/triggers',
    auditName: 'trigger',
    start: { events: ['ticket.created'] },
    notFound: 'Trigger not found',
    code: 'trigger_not_found',
  },
  {
    path: '/api/v1/admin/time-rules',
    auditName: 'time_rule',
    start: { when: { type: 'status_for', status: 'pending', amount: 3, unit: 'business_days' } },
    notFound: 'Time rule not found',
    code: 'time_rule_not_found',
  },
] as const;

describe.each(KINDS)('admin routes of $auditName', (kind) => {
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    desk.app.inject({
      method,
      url,
      headers: { ...(method === 'GET' ? admin.read : admin.write), 'accept-language': 'en' },
      ...(payload ? { payload } : {}),
    });
  const tag = { type: 'add_tags', tags: ['rule-crud'] };

  it('create, list in order, change, delete; each write audited; unknown ids are 404', async () => {
    const late = await api('POST', kind.path, {
      name: `${kind.auditName} late`,
      position: 90,
      ...kind.start,
      actions: [tag],
    });
    expect(late.statusCode, late.body).toBe(201);
    const early = await api('POST', kind.path, {
      name: `${kind.auditName} early`,
      position: 10,
      ...kind.start,
      actions: [tag],
    });
    expect(early.statusCode).toBe(201);
    expect(early.json()).toMatchObject({
      active: true,
      match: 'all',
      conditions: [],
      fireCount: 0,
      ...kind.start,
    });
    const names = () =>
      api('GET', kind.path).then((r) =>
        (r.json().items as Array<{ name: string }>)
          .map((i) => i.name)
          .filter((n) => n.startsWith(kind.auditName)),
      );
    expect(await names()).toEqual([`${kind.auditName} early`, `${kind.auditName} late`]);

    const moved = await api('PATCH', `${kind.path}/${late.json().id}`, { position: 0, active: false });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ position: 0, active: false });
    expect(await names()).toEqual([`${kind.auditName} late`, `${kind.auditName} early`]);
    expect((await api('PATCH', `${kind.path}/${late.json().id}`, {})).statusCode).toBe(400);

    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await api('PATCH', `${kind.path}/${unknown}`, { active: true });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: kind.code, message: kind.notFound });
    expect((await api('DELETE', `${kind.path}/${unknown}`)).statusCode).toBe(404);

    expect((await api('DELETE', `${kind.path}/${late.json().id}`)).statusCode).toBe(200);
    expect(await names()).toEqual([`${kind.auditName} early`]);

    const audited = await desk.services.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, kind.auditName), eq(auditLog.targetId, late.json().id)));
    expect(audited.map((a) => a.action).sort()).toEqual(
      ['create', 'delete', 'update'].map((v) => `${kind.auditName}.${v}`),
    );
  });

  it('refuses a body with fields of the other kind, and agents who are not admins', async () => {
    const other =
      kind.auditName === 'trigger' ? { when: KINDS[1].start.when } : { events: ['ticket.created'] };
    const wrong = await api('POST', kind.path, { name: 'mixed', ...kind.start, ...other, actions: [tag] });
    expect(wrong.statusCode).toBe(400);
    const lin = await desk.signIn('lin');
    const refused = await desk.app.inject({
      method: 'POST',
      url: kind.path,
      headers: lin.write,
      payload: { name: 'by an agent', ...kind.start, actions: [tag] },
    });
    expect(refused.statusCode).toBe(403);
  });
});
