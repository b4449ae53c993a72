import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Executor } from '../db/client.ts';
import { agentNotifications } from '../notifications/agent-schema.ts';

export type SecurityChange =
  | '2fa.enable'
  | '2fa.disable'
  | '2fa.recovery_codes'
  | '2fa.reset'
  | 'password.reset';

const TEXT: Record<SecurityChange, [en: string, zh: string]> = {
  '2fa.enable': ['Two-factor sign-in was set up with a new authenticator', '两步验证已绑定新的验证器'],
  '2fa.disable': ['Two-factor sign-in was turned off', '两步验证已关闭'],
  '2fa.recovery_codes': [
    'New two-factor recovery codes were made; the old ones no longer work',
    '已生成新的两步验证恢复码，旧的恢复码已失效',
  ],
  '2fa.reset': [
    'An administrator reset your two-factor sign-in; set it up again when you next sign in',
    '管理员已重置你的两步验证，下次登录时请重新设置',
  ],
  'password.reset': [
    'An administrator set a new password for you; ask them for it, then change it',
    '管理员为你设置了新密码，请向管理员获取后尽快修改',
  ],
};

/**
 * Tells the agent that their second factor changed, in the workspace and by mail (the mail
 * module sends rows with `email` set, channels/email/notify.ts), whatever their notification
 * preferences: someone holding their session should not be able to change it unnoticed. Carries
 * no secret: when, from which address, and what to do if it was not them.
 */
export async function notifySecurityChange(
  db: Executor,
  agent: { id: string; language: string },
  change: SecurityChange,
  request: FastifyRequest,
): Promise<void> {
  const en = agent.language === 'en';
  const [enTitle, zhTitle] = TEXT[change];
  const at = new Date().toISOString();
  await db.insert(agentNotifications).values({
    agentId: agent.id,
    ticketId: null,
    kind: 'security',
    sourceKey: `${change}:${randomUUID()}`,
    title: en ? enTitle : zhTitle,
    body: en
      ? `At ${at} from ${request.ip}. If this was not you, tell an administrator at once: they can end your sessions and reset your sign-in.`
      : `时间 ${at}，来自 ${request.ip}。如果不是你本人操作，请立即联系管理员结束你的会话并重置登录。`,
    inApp: true,
    email: true,
  });
}
