import type { HostParts, LookalikeWhy } from './lookalike.ts';

/** The verdict explained in plain words, in both languages (the route picks the caller's). */
export interface Reason {
  'zh-CN': string;
  en: string;
}
interface Named {
  value: string;
  name: string;
}

const PLATFORM_NAMES: Record<string, string> = {
  telegram: 'Telegram',
  x: 'X',
  weibo: 'Weibo',
  wechat: 'WeChat',
};

const r = (zh: string, en: string): Reason => ({ 'zh-CN': zh, en });
const WARN_ZH = '不要在那里输入密码、助记词或验证码，也不要转账。';
const WARN_EN = 'Do not enter passwords, recovery phrases or codes there, and do not send money.';

const WHY: Record<LookalikeWhy, (o: Named, p: HostParts) => Reason> = {
  confusable: (o, p) =>
    r(
      `「${p.display}」用外形相似的字符${p.punycode ? '（国际化域名 xn--）' : ''}冒充我们的官方域名 ${o.value}。`,
      `"${p.display}" imitates our official domain ${o.value} with look-alike characters${p.punycode ? ' (an internationalised xn-- domain)' : ''}.`,
    ),
  other_suffix: (o, p) =>
    r(
      `「${p.hostname}」和我们的 ${o.value} 名字相同但后缀不同，不是我们的网站。`,
      `"${p.hostname}" has our name on a different ending than ${o.value}; it is not ours.`,
    ),
  typo: (o, p) =>
    r(
      `「${p.display}」和我们的 ${o.value} 只差一两个字母，是仿冒域名。`,
      `"${p.display}" differs from our ${o.value} by a letter or two: a look-alike.`,
    ),
  combo: (o, p) =>
    r(
      `「${p.hostname}」在我们的品牌名上加了别的词，它不是我们的域名（我们的是 ${o.value}）。`,
      `"${p.hostname}" adds words to our brand name; it is not ours (ours is ${o.value}).`,
    ),
  subdomain: (o, p) =>
    r(
      `「${p.hostname}」把我们的名字放在别人的域名 ${p.domain} 前面，真正的网站是 ${p.domain}，不是我们（我们的是 ${o.value}）。`,
      `"${p.hostname}" puts our name in front of someone else's domain, ${p.domain}; that site is not ours (ours is ${o.value}).`,
    ),
};

export const reasons = {
  officialChannel: (o: Named) =>
    r(
      `这是我们的官方渠道：${o.name}（${o.value}）。`,
      `This is our official channel: ${o.name} (${o.value}).`,
    ),
  officialDomain: (o: Named, host: string) =>
    r(
      `「${host}」属于我们的官方域名 ${o.value}（${o.name}）。`,
      `"${host}" belongs to our official domain ${o.value} (${o.name}).`,
    ),
  officialNational: (o: Named) =>
    r(
      `这是我们的官方号码：${o.name}（${o.value}），写法省略了国家代码。`,
      `This is our official number: ${o.name} (${o.value}), written without its country code.`,
    ),
  notOurHost: (p: HostParts, o: Named) =>
    r(
      `「${p.hostname}」虽然在我们的域名 ${p.domain} 下，但不是我们公布的网址，不是我们的（我们的网址是 ${o.value} 等）。不要在那里登录或输入验证码。`,
      `"${p.hostname}" is under our domain ${p.domain} but is not one of the addresses we publish: not one of ours (ours include ${o.value}). Do not sign in or enter codes there.`,
    ),
  subdomainLookalike: (o: Named, p: HostParts) =>
    r(
      `「${p.display}」模仿我们的网址 ${o.value}，但不是它。${WARN_ZH}`,
      `"${p.display}" imitates our address ${o.value} but is not it. ${WARN_EN}`,
    ),
  malformedLookalike: (o: Named) =>
    r(
      `这个地址拼得和我们的 ${o.value} 很像，但不是它。${WARN_ZH}`,
      `This address is spelt almost like our ${o.value}, but it is not it. ${WARN_EN}`,
    ),
  mailboxLookalike: (o: Named) =>
    r(
      `这个邮箱模仿我们的官方邮箱 ${o.value}，但不是它。${WARN_ZH}`,
      `This mailbox imitates our official ${o.value} but is not it. ${WARN_EN}`,
    ),
  notOurMailbox: (domain: string) =>
    r(
      `这个邮箱虽然在 ${domain} 上，但不是我们公布的客服邮箱，不是我们的官方渠道。如果它以我们的名义向你要密码、验证码或转账，请当作诈骗处理。`,
      `This address is on ${domain} but is not one of the mailboxes we publish: not one of our channels. If it asks you in our name for passwords, codes or money, treat it as a scam.`,
    ),
  nameInLink: (host: string) =>
    r(
      `这个链接里写着我们的名字，但真正打开的网站是 ${host}，不是我们的。${WARN_ZH}`,
      `This link shows our name, but the site it opens is ${host}, which is not ours. ${WARN_EN}`,
    ),
  disguised: (value: string) =>
    r(
      `它看起来像我们的 ${value}，但用了全角或其他文字中外形相似的字符，不是同一个地址。${WARN_ZH}`,
      `It looks like our ${value} but is written with full-width or look-alike characters from another script: not the same address. ${WARN_EN}`,
    ),
  otherPlatform: (o: Named & { kind: string }, platform: string) =>
    r(
      `我们在 ${PLATFORM_NAMES[platform] ?? platform} 上没有叫这个名字的账号（@${o.value} 是我们在 ${PLATFORM_NAMES[o.kind] ?? o.kind} 上的账号）。${WARN_ZH}`,
      `We have no account of this name on ${PLATFORM_NAMES[platform] ?? platform} (@${o.value} is ours on ${PLATFORM_NAMES[o.kind] ?? o.kind}). ${WARN_EN}`,
    ),
  domainLookalike: (o: Named, why: LookalikeWhy, p: HostParts) => {
    const base = WHY[why](o, p);
    return r(`${base['zh-CN']}${WARN_ZH}`, `${base.en} ${WARN_EN}`);
  },
  phoneLookalike: (o: Named) =>
    r(
      `这个号码和我们的官方号码 ${o.value} 很像，但不是同一个。${WARN_ZH}`,
      `This number looks like our official ${o.value} but is not it. ${WARN_EN}`,
    ),
  handleLookalike: (o: Named) =>
    r(
      `这个账号模仿我们的官方账号 @${o.value}，不是我们。${WARN_ZH}`,
      `This account imitates our official @${o.value}; it is not us. ${WARN_EN}`,
    ),
  brandInName: () =>
    r(
      `这个账号用了我们的品牌名，但不在官方渠道名单上。${WARN_ZH}`,
      `This account uses our brand name but is not on our list of official channels. ${WARN_EN}`,
    ),
  brandInMailbox: (domain: string) =>
    r(
      `这个邮箱用了我们的品牌名，但它在 ${domain} 上，不是我们的邮箱。${WARN_ZH}`,
      `This mailbox uses our brand name but is on ${domain}, which is not ours. ${WARN_EN}`,
    ),
  notListed: () =>
    r(
      '它不在我们的官方渠道名单上。如果有人以我们的名义通过它联系你，请当作诈骗处理。',
      'It is not on our list of official channels. If someone contacts you through it in our name, treat it as a scam.',
    ),
  unreadable: () =>
    r('无法识别这个地址，请检查后重试。', 'This address cannot be read; check it and try again.'),
  codeFound: (at: Date) =>
    r(
      `这个验证码来自我们于 ${at.toISOString()} 发出的邮件。`,
      `This code is from an email we sent at ${at.toISOString()}.`,
    ),
  codeNotFound: () =>
    r(
      '我们没有发出过这个验证码，这封邮件不是我们发的。',
      'We never sent this code: the email did not come from us.',
    ),
  codesUnavailable: () =>
    r(
      '这里暂时无法核对邮件验证码，请在工单中联系我们确认。',
      'Email codes cannot be checked here yet; ask us in a ticket to confirm.',
    ),
};
