import { defineJob, MAIL_JOB_EXPIRE_SECONDS } from '../platform/jobs.ts';

/** One outbound mail of a side conversation; retried like the ticket's own mail. */
export const sideConversationSend = defineJob<{ messageId: string }>({
  name: 'side-conversation.send',
  retryLimit: 8,
  retryDelaySeconds: 8,
  expireInSeconds: MAIL_JOB_EXPIRE_SECONDS,
});
