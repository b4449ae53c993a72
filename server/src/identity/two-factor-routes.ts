import { Type } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { verifyPassword } from './passwords.ts';
import { agentActor } from './present-agent.ts';
import { requireAgent } from './principal.ts';
import { agents, recoveryCodes } from './schema.ts';
import { acceptSecondFactor } from './second-factor.ts';
import { revokeOtherSessions } from './sessions.ts';
import { newRecoveryCodes, newTotpSecret, provisioningUri, verifyTotp } from './totp.ts';

/** Two-factor sign-in (TOTP): enrol, confirm with recovery codes shown once, turn off. */
export function registerTwoFactorRoutes(app: App, { db }: Services) {
  const tags = ['auth'];

  app.post(
    '/auth/2fa/enrol',
    { schema: { tags, summary: 'Start two-factor enrolment' } },
    async (request) => {
      const me = requireAgent(request);
      const secret = newTotpSecret();
      const [agent] = await db
        .update(agents)
        .set({ totpPendingSecret: secret })
        .where(eq(agents.id, me.agentId))
        .returning();
      return { secret, uri: provisioningUri(secret, agent!.email, 'Kefu') };
    },
  );

  app.post(
    '/auth/2fa/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm enrolment with a code; returns ten recovery codes, shown once',
        body: Type.Object(
          { code: Type.String({ minLength: 6, maxLength: 10 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      const [agent] = await db.select().from(agents).where(eq(agents.id, me.agentId));
      if (!agent?.totpPendingSecret) throw new AppError('conflict', { detail: 'no enrolment in progress' });
      const step = verifyTotp(agent.totpPendingSecret, request.body.code);
      if (step === null) throw new AppError('invalid_totp');
      const { codes, hashes } = newRecoveryCodes();
      await db.transaction(async (tx) => {
        await tx
          .update(agents)
          .set({ totpSecret: agent.totpPendingSecret, totpPendingSecret: null, totpLastStep: step })
          .where(eq(agents.id, agent.id));
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.agentId, agent.id));
        await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ agentId: agent.id, codeHash })));
      });
      await revokeOtherSessions(db, me.agentId, me.sessionId);
      await audit(db, { ...agentActor(me.agentId, request), action: '2fa.enable' });
      return { recoveryCodes: codes };
    },
  );

  app.post(
    '/auth/2fa/disable',
    {
      schema: {
        tags,
        summary: 'Turn two-factor off (needs the password and a current code)',
        body: Type.Object(
          {
            password: Type.String({ minLength: 1, maxLength: 1024 }),
            code: Type.String({ minLength: 6, maxLength: 20 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      const [agent] = await db.select().from(agents).where(eq(agents.id, me.agentId));
      if (!agent?.totpSecret) throw new AppError('conflict', { detail: 'two-factor is not on' });
      if (!(await verifyPassword(agent.passwordHash, request.body.password)))
        throw new AppError('invalid_credentials');
      if (!(await acceptSecondFactor(db, agent, request.body.code))) throw new AppError('invalid_totp');
      await db.update(agents).set({ totpSecret: null, totpLastStep: null }).where(eq(agents.id, agent.id));
      await db.delete(recoveryCodes).where(eq(recoveryCodes.agentId, agent.id));
      await audit(db, { ...agentActor(me.agentId, request), action: '2fa.disable' });
      return { ok: true };
    },
  );
}
