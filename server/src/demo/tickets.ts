import type { Channel } from '../tickets/model.ts';

interface DemoStep {
  /** 'customer', or an agent's key (the part of the demo agent's email before @). */
  from: string;
  body: string;
  note?: boolean;
  thenStatus?: string;
}

interface DemoTicket {
  customerUid: string;
  category: string;
  title: string;
  description: string;
  channel: Channel;
  fields?: Record<string, string | number>;
  assignee?: string;
  thread?: DemoStep[];
  tags?: string[];
}

/** A dozen tickets of the kinds an exchange's desk sees every day, in Chinese and English. */
export const DEMO_TICKETS: DemoTicket[] = [
  {
    customerUid: '10000001',
    category: 'deposit_withdrawal',
    title: 'USDT 充值 2 小时未到账',
    description:
      '我从另一个平台提了 500 USDT 到你们的充值地址，选的是 TRC20 网络，对方平台显示已完成，但我这边余额一直没有变化。',
    channel: 'web',
    fields: {
      coin: 'USDT',
      network: 'TRC20',
      amount: '500',
      txid: 'a3f1c9e87b2d4f6a9c0e1b2d3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a',
    },
    assignee: 'lin',
    thread: [
      { from: 'lin', body: '内部：链上已 19 个确认，入账服务队列有积压，已找钱包组确认。', note: true },
      {
        from: 'lin',
        body: '您好，我们查到这笔充值在链上已确认，因网络拥堵入账稍有延迟，预计 30 分钟内到账，请耐心等待。',
        thenStatus: 'pending',
      },
    ],
    tags: ['deposit-delay'],
  },
  {
    customerUid: '10000003',
    category: 'deposit_withdrawal',
    title: 'Withdrawal stuck in "processing" for 6 hours',
    description:
      'I withdrew 0.25 BTC to my hardware wallet this morning. The status still says processing and there is no TXID yet.',
    channel: 'web',
    fields: { coin: 'BTC', network: 'BTC', amount: '0.25', withdrawalId: 'W202611240016' },
    assignee: 'omar',
    thread: [
      {
        from: 'omar',
        body: 'Hello Daniel, your withdrawal is in a manual security review because it is the first one to this address. We will update you within 4 hours.',
      },
      { from: 'customer', body: 'OK, thank you. Is there anything I need to do?' },
    ],
  },
  {
    customerUid: '10000002',
    category: 'security',
    title: '收到自称客服的电话，要我提供验证码',
    description:
      '今天有人打电话说是你们的客服，说我的账户有风险，让我把短信验证码告诉他。我没有给，想确认一下是不是官方的。',
    channel: 'web',
    assignee: 'chen',
    thread: [
      {
        from: 'chen',
        body: '您好，那不是我们的客服。官方客服绝不会索要密码、验证码、私钥或助记词。您做得很对，建议修改密码并检查两步验证设置。',
        thenStatus: 'solved',
      },
    ],
    tags: ['scam-report'],
  },
  {
    customerUid: '10000004',
    category: 'account',
    title: 'Identity verification rejected twice',
    description:
      'My KYC was rejected twice with "document not clear". I used my passport both times in good light. What exactly is wrong?',
    channel: 'email',
    assignee: 'chen',
  },
  {
    customerUid: '10000005',
    category: 'trading',
    title: '限价单未成交但价格已经到了',
    description: '我挂了 ETH/USDT 3,100 的限价买单，K 线显示最低到过 3,098，但订单一直没有成交。',
    channel: 'chat',
    fields: { orderId: '88231940127', pair: 'ETH/USDT' },
    assignee: 'maya',
    thread: [
      {
        from: 'maya',
        body: '您好，K 线的最低价可能来自很小的成交量，同价位排在您之前的挂单会先成交。我们已核对订单簿，您的订单排队位置靠后，所以未成交。',
        thenStatus: 'solved',
      },
      { from: 'customer', body: '那为什么别人能成交我不能？这不合理。' },
    ],
  },
  {
    customerUid: '10000006',
    category: 'account',
    title: 'Lost my phone, cannot get 2FA codes',
    description:
      'My phone was stolen and I cannot log in because of Google Authenticator. How do I reset 2FA?',
    channel: 'web',
  },
  {
    customerUid: '10000001',
    category: 'general',
    title: '合约手续费怎么计算？',
    description: '想了解 U 本位合约开仓和平仓的手续费计算方式，VIP 等级是否有折扣？',
    channel: 'web',
    assignee: 'maya',
    thread: [
      {
        from: 'maya',
        body: '您好，手续费 = 成交金额 × 费率，挂单与吃单费率不同，VIP 等级越高费率越低，详见帮助中心「费率说明」。',
        thenStatus: 'solved',
      },
    ],
  },
  {
    customerUid: '10000003',
    category: 'account',
    title: 'Account frozen after password change',
    description: 'I changed my password and now withdrawals are disabled for 24 hours. Is this normal?',
    channel: 'web',
  },
  {
    customerUid: '10000002',
    category: 'deposit_withdrawal',
    title: '充值 ETH 选错网络怎么办',
    description: '我把 ETH 通过 Arbitrum One 网络转到了只支持 ERC20 的地址，现在查不到，能找回吗？',
    channel: 'web',
    fields: {
      coin: 'ETH',
      network: 'Arbitrum One',
      amount: '1.2',
      txid: '0x5e2b8c1d9a7f3e6b4c2d1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d',
    },
    assignee: 'lin',
    thread: [
      {
        from: 'supervisor',
        body: '内部：跨链误充，走找回流程，需收取找回手续费，先确认金额是否达标。',
        note: true,
      },
    ],
    tags: ['wrong-network'],
  },
  {
    customerUid: '10000004',
    category: 'trading',
    title: 'Futures position liquidated during the spike',
    description:
      'My BTC long was liquidated at 03:12 UTC even though mark price on the chart never reached my liquidation price.',
    channel: 'web',
    fields: { orderId: '55012983311', pair: 'BTCUSDT-PERP', occurredAt: '2026-11-23T03:12:00Z' },
  },
  {
    customerUid: '10000005',
    category: 'security',
    title: '发现陌生设备登录',
    description: '收到邮件提醒有一台 Windows 设备在新加坡登录了我的账户，不是我本人，请立即帮我冻结账户。',
    channel: 'email',
    assignee: 'chen',
    thread: [
      {
        from: 'chen',
        body: '您好，已为您临时冻结账户的提现与交易功能。请通过 App 重置密码并重新绑定两步验证，完成后联系我们解冻。',
        thenStatus: 'pending',
      },
    ],
    tags: ['account-takeover'],
  },
  {
    customerUid: '10000006',
    category: 'general',
    title: 'Is there a phone number I can call in Vietnam?',
    description: 'I prefer to talk on the phone. Do you have a hotline for Vietnam, and what are the hours?',
    channel: 'web',
  },
];
