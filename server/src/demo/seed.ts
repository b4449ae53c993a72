import { count, eq } from 'drizzle-orm';
import { upsertCustomerByUid } from '../customers/repository.ts';
import type { CategoryForm } from '../desk/category-form.ts';
import { categories, settings, teams } from '../desk/schema.ts';
import { createAgent } from '../identity/agents.ts';
import { agents } from '../identity/schema.ts';
import type { Services } from '../platform/services.ts';
import { slaCalendars } from '../sla/schema.ts';
import { addMessage } from '../tickets/add-message.ts';
import { createTicket } from '../tickets/create-ticket.ts';
import type { Priority, TicketStatus } from '../tickets/model.ts';
import { updateTicket } from '../tickets/update-ticket.ts';
import { DEMO_BRAND } from './brand.ts';
import { seedDemoHelpCenter } from './help-center.ts';
import { seedDemoHotlines } from './hotlines.ts';
import { seedOfficialChannels } from './official-channels.ts';
import { DEMO_TICKETS } from './tickets.ts';

/** Printed by `npm start` so a newcomer can sign in at once. Demo only. */
export const DEMO_SIGN_IN = { email: 'admin@lumen-exchange.example', password: 'kefu-demo-admin' } as const;

const TEAMS = [
  { code: 'account', nameZh: '账户组', nameEn: 'Account', skills: ['account', 'kyc'] },
  { code: 'trading', nameZh: '交易组', nameEn: 'Trading', skills: ['spot', 'futures'] },
  { code: 'funds', nameZh: '充提组', nameEn: 'Deposits & withdrawals', skills: ['deposit', 'withdrawal'] },
  { code: 'security', nameZh: '安全组', nameEn: 'Security', skills: ['security', 'fraud'] },
  { code: 'general', nameZh: '综合组', nameEn: 'General', skills: ['general'] },
] as const;

const common = (zhWhat: string, enWhat: string): CategoryForm['fields'] => [
  { key: 'uid', type: 'uid', labelZh: 'UID', labelEn: 'UID', required: false },
  { key: 'occurredAt', type: 'datetime', labelZh: '发生时间', labelEn: 'When it happened', required: false },
  { key: 'steps', type: 'textarea', labelZh: zhWhat, labelEn: enWhat, required: false, maxLength: 2000 },
  {
    key: 'errorText',
    type: 'text',
    labelZh: '错误提示原文',
    labelEn: 'Exact error message',
    required: false,
    maxLength: 500,
  },
];

const NETWORKS = ['BTC', 'ERC20', 'TRC20', 'BEP20', 'SOL', 'Arbitrum One', 'Polygon', 'Other'];

const CATEGORIES: Array<{
  code: string;
  nameZh: string;
  nameEn: string;
  team: (typeof TEAMS)[number]['code'];
  defaultPriority: Priority;
  form: CategoryForm;
}> = [
  {
    code: 'account',
    nameZh: '账户问题',
    nameEn: 'Account',
    team: 'account',
    defaultPriority: 'normal',
    form: { fields: common('你做了哪些操作', 'What you did') },
  },
  {
    code: 'trading',
    nameZh: '交易问题',
    nameEn: 'Trading',
    team: 'trading',
    defaultPriority: 'normal',
    form: {
      fields: [
        ...common('你做了哪些操作', 'What you did'),
        {
          key: 'orderId',
          type: 'text',
          labelZh: '订单号',
          labelEn: 'Order ID',
          required: false,
          maxLength: 64,
          pattern: '\\d{8,20}',
          example: '88231940127',
        },
        {
          key: 'pair',
          type: 'text',
          labelZh: '交易对',
          labelEn: 'Trading pair',
          required: false,
          maxLength: 30,
        },
      ],
    },
  },
  {
    code: 'deposit_withdrawal',
    nameZh: '充值提现',
    nameEn: 'Deposits & withdrawals',
    team: 'funds',
    defaultPriority: 'high',
    form: {
      fields: [
        ...common('你做了哪些操作', 'What you did'),
        { key: 'coin', type: 'text', labelZh: '币种', labelEn: 'Coin', required: true, maxLength: 20 },
        {
          key: 'network',
          type: 'select',
          labelZh: '网络',
          labelEn: 'Network',
          required: true,
          options: NETWORKS,
        },
        { key: 'amount', type: 'amount', labelZh: '数量', labelEn: 'Amount', required: false },
        {
          key: 'txid',
          type: 'txid',
          labelZh: '交易哈希 (TXID)',
          labelEn: 'Transaction hash (TXID)',
          required: false,
        },
        {
          key: 'address',
          type: 'address',
          labelZh: '充值或提现地址',
          labelEn: 'Deposit or withdrawal address',
          required: false,
        },
        {
          key: 'withdrawalId',
          type: 'text',
          labelZh: '提现单号',
          labelEn: 'Withdrawal ID',
          required: false,
          maxLength: 64,
          pattern: 'W\\d{12}',
          example: 'W202611240016',
        },
      ],
    },
  },
  {
    code: 'security',
    nameZh: '账户安全',
    nameEn: 'Account security',
    team: 'security',
    defaultPriority: 'urgent',
    form: { fields: common('发生了什么', 'What happened') },
  },
  {
    code: 'general',
    nameZh: '功能咨询/其他',
    nameEn: 'Questions & other',
    team: 'general',
    defaultPriority: 'low',
    form: { fields: common('你的问题', 'Your question') },
  },
];

const AGENTS = [
  {
    ...DEMO_SIGN_IN,
    name: '管理员 Admin',
    role: 'admin' as const,
    teams: [] as string[],
    language: 'zh-CN' as const,
  },
  {
    email: 'supervisor@lumen-exchange.example',
    password: 'kefu-demo-supervisor',
    name: '周主管 Zhou',
    role: 'supervisor' as const,
    teams: ['account', 'funds', 'security'],
    language: 'zh-CN' as const,
  },
  {
    email: 'lin@lumen-exchange.example',
    password: 'kefu-demo-agent',
    name: '林晓 Lin Xiao',
    role: 'agent' as const,
    teams: ['funds'],
    language: 'zh-CN' as const,
  },
  {
    email: 'chen@lumen-exchange.example',
    password: 'kefu-demo-agent',
    name: '陈卓 Chen Zhuo',
    role: 'agent' as const,
    teams: ['account', 'security'],
    language: 'zh-CN' as const,
  },
  {
    email: 'maya@lumen-exchange.example',
    password: 'kefu-demo-agent',
    name: 'Maya Tan',
    role: 'agent' as const,
    teams: ['trading', 'general'],
    language: 'en' as const,
  },
  {
    email: 'omar@lumen-exchange.example',
    password: 'kefu-demo-agent',
    name: 'Omar Haddad',
    role: 'agent' as const,
    teams: ['funds', 'trading'],
    language: 'en' as const,
  },
];

export const DEMO_CUSTOMERS = [
  { uid: '10000001', name: '王伟', email: 'wang.wei@mail.example', language: 'zh-CN' as const, region: 'CN' },
  { uid: '10000002', name: '李娜', email: 'li.na@mail.example', language: 'zh-CN' as const, region: 'HK' },
  {
    uid: '10000003',
    name: 'Daniel Okafor',
    email: 'daniel.o@mail.example',
    language: 'en' as const,
    region: 'NG',
  },
  {
    uid: '10000004',
    name: 'Sofia Marin',
    email: 'sofia.m@mail.example',
    language: 'en' as const,
    region: 'ES',
  },
  {
    uid: '10000005',
    name: '陈思远',
    email: 'chen.sy@mail.example',
    language: 'zh-CN' as const,
    region: 'SG',
  },
  {
    uid: '10000006',
    name: 'Nguyen Van An',
    email: 'an.nguyen@mail.example',
    language: 'en' as const,
    region: 'VN',
  },
];

/**
 * Seeds the demo desk of a fictional exchange: its brand settings, teams, categories with their
 * checklists, agents, customers and a dozen tickets in both languages. Returns false when the
 * database already has agents and `onlyIfEmpty` is set.
 */
export async function seedDemoDesk(
  { db, jobs, storage, config }: Pick<Services, 'db' | 'jobs' | 'storage' | 'config'>,
  options: { onlyIfEmpty: boolean },
) {
  const [existing] = await db.select({ n: count() }).from(agents);
  if (options.onlyIfEmpty && (existing?.n ?? 0) > 0) return false;

  await db.insert(settings).values({ key: 'brand', value: DEMO_BRAND }).onConflictDoNothing();
  await seedOfficialChannels(db);
  const teamIds = new Map<string, string>();
  for (const t of TEAMS) {
    const [row] = await db
      .insert(teams)
      .values({ ...t, skills: [...t.skills] })
      .onConflictDoNothing()
      .returning();
    const id =
      row?.id ?? (await db.select({ id: teams.id }).from(teams).where(eq(teams.code, t.code)))[0]!.id;
    teamIds.set(t.code, id);
  }
  await seedChatHours(db, teamIds.get('security')!);
  const categoryIds = new Map<string, string>();
  for (const [position, c] of CATEGORIES.entries()) {
    const [row] = await db
      .insert(categories)
      .values({
        code: c.code,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        teamId: teamIds.get(c.team)!,
        defaultPriority: c.defaultPriority,
        form: c.form,
        position,
      })
      .onConflictDoNothing()
      .returning();
    const id =
      row?.id ??
      (await db.select({ id: categories.id }).from(categories).where(eq(categories.code, c.code)))[0]!.id;
    categoryIds.set(c.code, id);
  }
  const agentIds = new Map<string, string>();
  for (const a of AGENTS) {
    const agent = await createAgent(db, { ...a, teamIds: a.teams.map((t) => teamIds.get(t)!) });
    agentIds.set(a.email.split('@')[0]!, agent.id);
  }
  const customerIds = new Map<string, string>();
  for (const c of DEMO_CUSTOMERS) customerIds.set(c.uid, (await upsertCustomerByUid(db, c)).id);

  for (const [index, t] of DEMO_TICKETS.entries()) {
    const customerId = customerIds.get(t.customerUid)!;
    const { id } = await createTicket(db, jobs, {
      customerId,
      title: t.title,
      description: t.description,
      categoryId: categoryIds.get(t.category)!,
      priority: null,
      priorityFromStaff: false,
      fields: t.fields ?? {},
      attachmentIds: [],
      channel: t.channel,
      idempotencyKey: `demo-${index}`,
      actor: { actorType: 'customer', actorId: customerId },
      uploader: { uploaderType: 'customer', uploaderId: customerId },
    });
    const assigneeId = t.assignee ? agentIds.get(t.assignee)! : null;
    if (assigneeId)
      await updateTicket(db, jobs, id, { assigneeId }, { actorType: 'agent', actorId: assigneeId });
    for (const step of t.thread ?? []) {
      const isAgent = step.from !== 'customer';
      const authorId = isAgent ? agentIds.get(step.from)! : customerId;
      await addMessage(db, jobs, {
        ticketId: id,
        authorType: isAgent ? 'agent' : 'customer',
        authorId,
        visibility: step.note ? 'internal' : 'public',
        body: step.body,
        clientId: null,
        attachmentIds: [],
        uploader: { uploaderType: isAgent ? 'agent' : 'customer', uploaderId: authorId },
        ...(step.thenStatus ? { thenStatus: step.thenStatus as TicketStatus } : {}),
      });
    }
    if (t.tags) await updateTicket(db, jobs, id, { tags: t.tags }, { actorType: 'system', actorId: null });
  }
  await seedDemoHotlines(db);
  await seedDemoHelpCenter(db, { storage, limitBytes: config.maxUploadBytes });
  return true;
}

/**
 * The security team is reachable on chat in office hours only (Beijing time, mainland holidays
 * and 调休 included); outside them its chats are "leave a message". Every other team stays 24/7.
 */
async function seedChatHours(db: Services['db'], securityTeamId: string) {
  const day = [['09:00', '21:00']] as Array<[string, string]>;
  const weekend = [['10:00', '18:00']] as Array<[string, string]>;
  const [calendar] = await db
    .insert(slaCalendars)
    .values({
      code: 'security-chat',
      name: '安全组在线时间 Security team chat hours',
      timeZone: 'Asia/Shanghai',
      weekly: { '1': day, '2': day, '3': day, '4': day, '5': day, '6': weekend, '7': weekend },
      holidaySource: 'cn',
    })
    .onConflictDoNothing()
    .returning({ id: slaCalendars.id });
  if (calendar) {
    await db.update(teams).set({ chatCalendarId: calendar.id }).where(eq(teams.id, securityTeamId));
  }
}
