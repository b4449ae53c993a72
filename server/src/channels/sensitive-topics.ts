/**
 * Does a message touch a person's account, an order, funds or identity? In a public place such a
 * message gets only a general answer and a way to a private, verified channel. Deliberately broad:
 * a false alarm costs one polite redirect, a miss can cost someone their money.
 */
const TOPICS: { topic: SensitiveTopic; zh: RegExp; en: RegExp }[] = [
  {
    topic: 'account',
    zh: /账户|账号|帐号|帐户|登录|登陆|冻结|解冻|封号|密码|谷歌验证|二次验证|手机号|绑定/,
    en: /\b(account|log ?in|sign ?in|password|2fa|frozen|freeze|locked|banned|suspended|my email|phone number)\b/i,
  },
  {
    topic: 'order',
    zh: /订单|委托|成交|挂单|撤单|强平|爆仓|合约/,
    en: /\b(order|trade|fill|liquidat\w*|position|margin call)\b/i,
  },
  {
    topic: 'funds',
    zh: /充值|充币|提现|提币|到账|转账|余额|资金|钱包地址|退款|丢失|被盗|少了|不见了|txid|哈希/i,
    en: /\b(deposit|withdraw\w*|balance|funds?|refund|transfer|missing|stolen|txid|tx hash|transaction id|wallet address)\b/i,
  },
  {
    topic: 'identity',
    zh: /实名|身份证|护照|人脸|认证|KYC/i,
    en: /\b(kyc|identity|passport|id card|verification|verify my|selfie)\b/i,
  },
];

export type SensitiveTopic = 'account' | 'order' | 'funds' | 'identity';

export function sensitiveTopics(text: string): SensitiveTopic[] {
  return TOPICS.filter((t) => t.zh.test(text) || t.en.test(text)).map((t) => t.topic);
}
