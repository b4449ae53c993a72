import type { MessageKey } from '../lib/i18n.ts';
import { localName } from '../lib/lookups.ts';
import {
  type Agent,
  type Category,
  type HistoryEvent,
  type Language,
  PRIORITIES,
  type Priority,
  STATUSES,
  type Team,
  type TicketStatus,
} from '../lib/types.ts';
import { kindName } from '../side-conversations/model.tsx';

/**
 * The ticket history as sentences an agent reads ("Category set to 充值提现", "Mail from … failed
 * DMARC"): names instead of ids, words instead of the stored JSON. Every kind the server records
 * has its sentence; a kind this page does not know yet still reads as words, never as JSON.
 */
export interface HistoryLookups {
  language: Language;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  agents: Agent[] | undefined;
  teams: Team[] | undefined;
  categories: Category[] | undefined;
  /** The desk's custom fields, so a custom field's change reads with its label. */
  customFields?: Array<{ key: string; labelZh: string; labelEn: string }> | undefined;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The checks a mail failed, from its verdict summary ("spf=fail dkim=none dmarc=fail arc=none"). */
export function failedChecks(summary: unknown): string {
  const failed = (str(summary) ?? '')
    .split(/\s+/)
    .map((pair) => pair.split('='))
    .filter(([name, result]) => ['spf', 'dkim', 'dmarc'].includes(name ?? '') && result !== 'pass')
    .map(([name]) => name!.toUpperCase());
  // The desk stores the mail as unverified only when DMARC did not hold, so DMARC is always named.
  return (failed.length > 0 ? failed : ['DMARC']).join(' / ');
}

export function describeHistory(e: HistoryEvent, l: HistoryLookups): string {
  const { t } = l;
  const named = (list: Array<{ id: string; nameZh: string; nameEn: string }> | undefined, id: unknown) => {
    if (typeof id !== 'string') return t('history.unknown');
    const found = list?.find((x) => x.id === id);
    return found ? localName(found, l.language) : t('history.deleted');
  };
  const agentName = (id: unknown) =>
    typeof id === 'string' ? (l.agents?.find((a) => a.id === id)?.name ?? t('history.deleted')) : '';
  const status = (v: unknown) =>
    (STATUSES as unknown[]).includes(v) ? t(`status.${v as TicketStatus}`) : t('history.unknown');
  const priority = (v: unknown) =>
    (PRIORITIES as unknown[]).includes(v) ? t(`priority.${v as Priority}`) : t('history.unknown');
  const categories = l.categories?.map((c) => ({ id: c.id, nameZh: c.nameZh, nameEn: c.nameEn }));
  const fieldLabels = (keys: string[]) => {
    const fields = [...(l.categories?.flatMap((c) => c.form.fields) ?? []), ...(l.customFields ?? [])];
    return keys
      .map((k) => {
        const f = fields.find((x) => x.key === k);
        return f ? (l.language === 'zh-CN' ? f.labelZh : f.labelEn) : k;
      })
      .join(l.language === 'zh-CN' ? '、' : ', ');
  };
  const to = obj(e.to);

  switch (e.kind) {
    case 'created':
      return t('history.created');
    case 'status':
      return t('history.status', { from: status(e.from), to: status(e.to) });
    case 'priority':
      return t('history.priority', { from: priority(e.from), to: priority(e.to) });
    case 'category':
      return e.to
        ? t('history.categorySet', { to: named(categories, e.to) })
        : t('history.categoryCleared', { from: named(categories, e.from) });
    case 'team':
      return e.to
        ? t('history.teamSet', { to: named(l.teams, e.to) })
        : t('history.teamCleared', { from: named(l.teams, e.from) });
    case 'assignee':
      return e.to
        ? t('history.assigned', { to: agentName(e.to) })
        : t('history.unassigned', { from: agentName(e.from) });
    case 'tags': {
      const tags = Array.isArray(e.to) ? e.to.map(String) : [];
      return t('history.tags', { to: tags.length ? tags.join(', ') : t('history.tagsNone') });
    }
    case 'fields': {
      const changed = Object.keys({ ...obj(e.from), ...obj(e.to) });
      return t('history.fields', { keys: fieldLabels(changed) });
    }
    case 'customer_fields': {
      const changed = Object.keys({ ...obj(e.from), ...obj(e.to) });
      return t('history.customerFields', { keys: fieldLabels(changed) });
    }
    case 'checklist': {
      const keys = Object.keys(obj(to.fields));
      return t(
        Array.isArray(to.prefilled) && to.prefilled.length > 0
          ? 'history.checklistFromApp'
          : 'history.checklist',
        {
          keys: fieldLabels(keys),
        },
      );
    }
    case 'merged': {
      const into = str(obj(to.into).number);
      if (into) return t('history.mergedInto', { number: into });
      const from = Array.isArray(to.from) ? to.from.map((f) => String(obj(f).number)) : [];
      return t('history.mergedFrom', { numbers: from.join(', ') });
    }
    case 'incident_link':
      return t(e.to ? 'history.incidentLinked' : 'history.incidentUnlinked');
    case 'csat_rating':
      return t('history.rated', { score: Number(e.to) || 0 });
    case 'csat_request':
      return t('history.ratingAsked');
    case 'transfer':
      return str(to.toAgentId)
        ? t('history.transferAgent', { agent: agentName(to.toAgentId) })
        : t('history.transferTeam', { team: named(l.teams, to.toTeamId) });
    case 'chat_state': {
      const state = str(e.to) ?? '';
      const known = ['queued', 'assigned', 'ended', 'offline', 'bot'].includes(state);
      return t('history.chatState', {
        to: known ? t(`history.chat.${state}` as MessageKey) : t('history.unknown'),
      });
    }
    case 'email_unverified':
      return t('history.mailFailed', { from: str(to.from) ?? '?', checks: failedChecks(to.summary) });
    case 'email_third_party':
      return t('history.mailThirdParty', { from: str(to.from) ?? '?' });
    case 'email_send_failed':
      return t('history.mailSendFailed', { to: str(to.to) ?? '?', error: str(to.error) ?? '' });
    case 'email_not_sent': {
      const reason = str(to.reason);
      return t('history.mailNotSent', {
        to: str(to.to) ?? '?',
        reason:
          reason === 'unsubscribed' || reason === 'failing'
            ? t(`history.mailNotSent.${reason}`)
            : (reason ?? ''),
      });
    }
    case 'channel_undeliverable':
      return t('history.channelUndeliverable', { channel: str(to.channel) ?? '?' });
    case 'channel_throttled':
      return t('history.channelThrottled', { since: str(to.since)?.slice(0, 16).replace('T', ' ') ?? '' });
    case 'channel_contact_verified':
      return t('history.channelVerified');
    case 'channel_link_offered':
      return t('history.channelLinkOffered');
    case 'channel_auto_answer':
      return t('history.channelAutoAnswer');
    case 'channel_public_redirect':
      return t('history.channelRedirect');
    case 'channel_reply_failed':
      return t('history.channelReplyFailed', {
        channel: str(to.channel) ?? '?',
        reason: str(to.detail) ?? str(to.reason) ?? '',
      });
    case 'trigger_fired':
      return t('history.triggerFired', { name: str(to.name) ?? '?' });
    case 'automation_fired':
      return t('history.automationFired', { name: str(to.name) ?? '?' });
    case 'side_conversation_started':
    case 'side_conversation_message': {
      const name = str(to.name) ?? '?';
      const targets = Array.isArray(to.to) ? to.to.map(String) : [];
      const via = str(to.via);
      if (via) {
        // Held in a group on a messaging channel: "telegram:-100…" is that group.
        const group = targets[0]?.slice(via.length + 1) ?? '?';
        const key =
          e.kind === 'side_conversation_started' ? 'history.sideStartedVia' : 'history.sideMessageVia';
        return t(key, { name, group, via: kindName(t, via) });
      }
      return t(e.kind === 'side_conversation_started' ? 'history.sideStarted' : 'history.sideMessage', {
        name,
        to: targets.length ? targets.join(', ') : '?',
      });
    }
    case 'side_conversation_reply': {
      const via = str(to.via);
      // A group's member is who the platform says: no mail authentication to pass or fail.
      if (via)
        return t('history.sideReplyVia', {
          name: str(to.name) ?? '?',
          from: str(to.from) ?? '?',
          via: kindName(t, via),
        });
      return t(to.verified === false ? 'history.sideReplyUnverified' : 'history.sideReply', {
        name: str(to.name) ?? '?',
        from: str(to.from) ?? '?',
      });
    }
    case 'side_conversation_closed':
    case 'side_conversation_reopened':
      return t(e.kind === 'side_conversation_closed' ? 'history.sideClosed' : 'history.sideReopened', {
        name: str(to.name) ?? '?',
      });
    case 'side_conversation_send_failed':
      return t(str(to.via) ? 'history.sideSendFailedVia' : 'history.sideSendFailed', {
        name: str(to.name) ?? '?',
        error: str(to.error) ?? '',
      });
    case 'automation_chain_stopped':
      return t('history.chainStopped', { limit: Number(to.limit) || 0 });
    default:
      return t('history.other', { kind: e.kind.replaceAll('_', ' ') });
  }
}

/** Who did it, in words: the agent's name, else the kind of actor. */
export function actorName(e: HistoryEvent, l: HistoryLookups): string {
  if (e.actorType === 'agent') return l.agents?.find((a) => a.id === e.actorId)?.name ?? l.t('thread.agent');
  const key = `history.by.${e.actorType}`;
  return ['customer', 'system', 'bot', 'integration'].includes(e.actorType)
    ? l.t(key as MessageKey)
    : e.actorType;
}
