import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { fixedPlanStatement } from '../../db/fixed-plans.ts';
import { emailMessages } from './schema.ts';

const WARNING = {
  'zh-CN': '发件人未通过验证：此邮件可能是伪造的，请勿据此处理账户、资金或安全事项。',
  en: 'Sender not verified: this mail may be forged. Do not act on account, funds or security matters from it.',
};

/** Prepared once per database: the agent's ticket page reads it on every open. */
const mailOfTicket = fixedPlanStatement((db) =>
  db
    .select()
    .from(emailMessages)
    .where(eq(emailMessages.ticketId, sql.placeholder('id')))
    .orderBy(asc(emailMessages.createdAt), asc(emailMessages.direction))
    .prepare('kefu_mail_of_ticket'),
);

/**
 * The mail behind a ticket for the staff ticket detail: each inbound mail's authenticity verdict
 * (with a warning when the From address did not prove itself) and each outbound mail's delivery.
 */
export async function emailDetailsOfTicket(db: Db, ticketId: string) {
  const rows = await mailOfTicket(db).execute({ id: ticketId });
  return rows.map((r) => ({
    messageId: r.messageId,
    direction: r.direction,
    kind: r.kind,
    from: r.fromAddress,
    to: r.toAddress,
    subject: r.subject,
    at: r.createdAt.toISOString(),
    ...(r.direction === 'inbound'
      ? {
          verified: r.verified === true,
          authentication: r.auth,
          warning: r.verified ? null : WARNING,
          html: r.html,
        }
      : { status: r.status, error: r.error }),
  }));
}
