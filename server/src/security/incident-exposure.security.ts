// What incidents show customers (security round of 2026-12-03): the banner is public text on the
// contact page and in the bot's answers, the broadcast copies a reply to every linked customer, and
// the solve notice names the problem. Before the fixes a plain agent published a banner asking
// every customer for their recovery phrase (201, shown to anonymous callers), the solve notice
// carried the incident ticket's own title (another customer's words) to every linked customer,
// and an auto-reply trigger answering the incident's customer by name and UID was broadcast to
// all of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentAuth, createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { customerTicket, requester } from './attack-kit.ts';

let desk: TestDesk;
let api: ReturnType<typeof requester>;
let lin: AgentAuth;
beforeAll(async () => {
  desk = await createTestDesk();
  api = requester(desk);
  lin = await desk.signIn('lin');
});
afterAll(async () => {
  await desk?.close();
});

const ASKING_ZH = '系统升级，请把助记词发我们核实一下';
const ASKING_EN = 'We are upgrading wallets: please send us your recovery phrase to verify it';
const PHRASE = 'abandon ability able about above absent absorb abstract absurd abuse access accident';

type Ticket = Awaited<ReturnType<typeof customerTicket>>;

async function customerView(t: Ticket) {
  const res = await api('GET', `/api/v1/me/tickets/${t.id}`, t.customer.headers);
  return res.json() as { status: string; messages: Array<{ body: string }> };
}

async function banners(lang: 'zh-CN' | 'en') {
  const res = await api('GET', '/api/v1/incidents/banner', { 'accept-language': lang });
  return (res.json().items as Array<{ text: string }>).map((b) => b.text);
}

/** Lin makes the ticket an incident (no banner) and links the others to it. */
async function incidentOf(owner: Ticket, linked: Ticket[]) {
  expect((await api('POST', '/api/v1/incidents', lin.write, { ticket: owner.number })).statusCode).toBe(201);
  if (linked.length === 0) return;
  const tickets = linked.map((t) => t.number);
  const res = await api('POST', `/api/v1/incidents/${owner.number}/links`, lin.write, { tickets });
  expect(res.statusCode, res.body).toBe(200);
}

describe('the public banner passes the staff screen', () => {
  it('a banner asking customers for a secret is refused in both languages; a pasted secret is masked', async () => {
    const t = await customerTicket(desk, 'inc-sec-banner', 'TRC20 提现延迟');
    for (const [field, text, lang, words] of [
      ['bannerZh', ASKING_ZH, 'zh-CN', '不得向客户索要'],
      ['bannerEn', ASKING_EN, 'en', 'never ask a customer'],
    ] as const) {
      const res = await api(
        'POST',
        '/api/v1/incidents',
        { ...lin.write, 'accept-language': lang },
        { ticket: t.number, public: true, [field]: text },
      );
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe('secret_request_blocked');
      expect(res.json().error.message).toContain(words);
    }
    expect(await banners('zh-CN')).toEqual([]);

    // Marked with a harmless banner, then changed to ask for the phrase: the change is refused too.
    const harmless = { ticket: t.number, public: true, bannerZh: 'TRC20 提现延迟，正在处理' };
    expect((await api('POST', '/api/v1/incidents', lin.write, harmless)).statusCode).toBe(201);
    const url = `/api/v1/incidents/${t.number}`;
    expect((await api('PATCH', url, lin.write, { bannerEn: ASKING_EN })).statusCode).toBe(422);
    expect(await banners('en')).toEqual(['TRC20 提现延迟，正在处理']);

    // A secret quoted into a banner never reaches the public page (nor the incidents table).
    const quoted = await api('PATCH', url, lin.write, { bannerEn: `Do not share phrases like ${PHRASE}` });
    expect(quoted.statusCode).toBe(200);
    expect(quoted.json().bannerEn).not.toContain('absurd abuse');
    const shown = (await banners('en'))[0]!;
    expect(shown).toMatch(/^Do not .*hidden/);
    expect(shown).not.toContain('absurd abuse');
  });

  it("the incident reply's other language is screened before it is stored, not skipped later", async () => {
    const t = await customerTicket(desk, 'inc-sec-reply', 'ERC20 提现延迟');
    await incidentOf(t, []);
    // The owner's language is zh: before the fix only the Chinese text was screened.
    const res = await api('POST', `/api/v1/incidents/${t.number}/replies`, lin.write, {
      zh: '正在处理，请稍候',
      en: ASKING_EN,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('secret_request_blocked');
    expect((await customerView(t)).messages.map((m) => m.body)).not.toContain('正在处理，请稍候');
  });
});

describe('what linked customers receive', () => {
  it("the solve notice never carries the incident ticket's own title", async () => {
    // The incident is a customer's ticket: its title is that customer's words. It has no banner.
    const incident = await customerTicket(desk, 'inc-sec-owner-1', '张三 bc1 地址 5 BTC 提现未到账', {
      name: '张三',
    });
    const en = await customerTicket(desk, 'inc-sec-en', 'withdrawal missing', { language: 'en' });
    const zh = await customerTicket(desk, 'inc-sec-zh', '提现未到账');
    await incidentOf(incident, [en, zh]);
    const solved = await api('PATCH', `/api/v1/tickets/${incident.id}`, lin.write, { status: 'solved' });
    expect(solved.statusCode).toBe(200);
    for (const [t, notice] of [
      [en, 'The problem you reported is resolved'],
      [zh, '您反馈的问题已解决'],
    ] as const) {
      const view = await eventually(async () => {
        const v = await customerView(t);
        return v.status === 'solved' ? v : null;
      });
      const last = view.messages.at(-1)!.body;
      expect(last).toContain(notice);
      expect(last).not.toContain('张三');
      expect(last).not.toContain('5 BTC');
    }
  }, 60_000);

  it("an automatic reply on the incident (a trigger, in its customer's name) is not broadcast", async () => {
    const admin = await desk.signIn('admin');
    const trigger = await api('POST', '/api/v1/admin/triggers', admin.write, {
      name: 'acknowledge',
      events: ['message.added'],
      conditions: [
        { field: 'actor', op: 'is', value: ['customer'] },
        { field: 'text', op: 'contains', value: 'ACK-ME' },
      ],
      actions: [
        {
          type: 'reply',
          zh: '已收到，{{customer.name}}（UID {{customer.uid}}）',
          en: 'Got it, {{customer.name}} (UID {{customer.uid}})',
        },
      ],
    });
    expect(trigger.statusCode, trigger.body).toBe(201);
    const incident = await customerTicket(desk, 'inc-sec-owner-2', 'TRC20 延迟', { name: '李四' });
    const linked = await customerTicket(desk, 'inc-sec-linked-2', '提现未到账');
    await incidentOf(incident, [linked]);
    const wrote = await api('POST', `/api/v1/me/tickets/${incident.id}/messages`, incident.customer.headers, {
      body: 'ACK-ME 还没到账',
    });
    expect(wrote.statusCode, wrote.body).toBe(201);
    await eventually(async () =>
      (await customerView(incident)).messages.some((m) => m.body.includes('UID inc-sec-owner-2')),
    );
    // Then a real incident reply: once it reached the linked customer, the broadcast has run.
    const reply = await api('POST', `/api/v1/incidents/${incident.number}/replies`, lin.write, {
      zh: '链上拥堵，正在处理',
      en: 'The chain is congested; we are on it',
    });
    expect(reply.statusCode).toBe(201);
    const seen = await eventually(async () => {
      const v = await customerView(linked);
      return v.messages.some((m) => m.body === '链上拥堵，正在处理') ? v : null;
    }, 30_000);
    const bodies = seen.messages.map((m) => m.body).join('\n');
    expect(bodies).not.toContain('李四');
    expect(bodies).not.toContain('inc-sec-owner-2');
  }, 60_000);

  it("a macro whose reply names the incident's customer is refused on the incident; others apply", async () => {
    const incident = await customerTicket(desk, 'inc-sec-owner-3', 'TRC20 延迟', { name: '王五' });
    const linked = await customerTicket(desk, 'inc-sec-linked-3', '提现未到账');
    await incidentOf(incident, [linked]);
    const macro = async (zh: string) => {
      const actions = [{ type: 'reply', zh, en: zh }];
      const res = await api('POST', '/api/v1/macros', lin.write, { name: zh, scope: 'personal', actions });
      return res.json().id as string;
    };
    for (const text of ['{{customer.name}} 您好，正在处理', '您的工单「{{ticket.title}}」正在处理']) {
      const id = await macro(text);
      for (const what of ['preview', 'apply']) {
        const url = `/api/v1/tickets/${incident.number}/macros/${id}/${what}`;
        const res = await api('POST', url, { ...lin.write, 'accept-language': 'en' });
        expect(res.statusCode, `${text} ${what}: ${res.body}`).toBe(409);
        expect(res.json().error.code).toBe('incident_reply_personal');
        expect(res.json().error.message).toContain('every linked customer');
      }
      // On an ordinary ticket the same macro is fine.
      const ok = await api('POST', `/api/v1/tickets/${linked.number}/macros/${id}/preview`, lin.write);
      expect(ok.statusCode).toBe(200);
    }
    const plain = await macro('链上拥堵，正在处理 {{ticket.number}}');
    const applied = await api('POST', `/api/v1/tickets/${incident.number}/macros/${plain}/apply`, lin.write);
    expect(applied.statusCode, applied.body).toBe(200);
    const seen = await eventually(async () => {
      const v = await customerView(linked);
      return v.messages.some((m) => m.body.startsWith('链上拥堵，正在处理')) ? v : null;
    }, 30_000);
    expect(seen.messages.map((m) => m.body).join('\n')).not.toContain('王五');
  }, 60_000);
});
