import { describe } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';

/**
 * Written in round 25 (not from any evaluation set): the causes train25a's misses and false alarms
 * pointed to, in other words — the writer's exception to their own advice ("never share it with
 * anyone, but to me can"), the agent looking into why something fails ("我帮您查一下为什么…") is
 * no question about the circumstance, the digits tapped to open the app, Malay and Scots negation,
 * "no passwords" / "no codes", digits said to be a UID, and a mail's words reported with 称.
 */
describe("agents' asks, round 25: exceptions to advice, negation in other words, UIDs", () => {
  const letThrough = [
    '我们是官方客服，请不要把助记词给任何人，客服也不例外。',
    "Never share your seed phrase with anyone, except in the official app's own backup screen.",
    '除官方渠道外，不要把验证码告诉任何人。',
    'OTP tu you key in sendiri dalam app, tak perlu bagi saya.',
    'Nae agent will ever want yer password, ken, so keep it tae yersel.',
    'Just the order ID and a screenshot of the error, no passwords or codes needed.',
    '个人中心顶部那8个数字是UID哈，发我没问题',
    'The 8 digits under your name are your UID, you can paste that here.',
    '经核实，您转来的短信称“请于钓鱼网站输入密码”，该网站并非本平台所有。',
    '请把我们邮件里的"核验码"KC-2207回复过来，这个是工单编号不是验证码。',
  ];
  const asks = [
    "Never give your password to anyone, it's risky. But to me can, I'm the official support.",
    '私钥切勿告诉他人，不过本公司例外，请直接发给我们。',
    '台端不得向他人透露助记词；惟本行为官方机构，不在此限，请即提供。',
    '您把手机的锁屏密码告诉我一下我帮您查查为什么登录不上',
    'Tell me the six numbers you tap in to open it every morning and I will sort it out.',
    '你把登录密码说一哈嘛，我帮你查下是不是被锁了。',
    '资金密码不用全说，把前三位告诉我就行。',
    '请把验证码发给我，这个是最快的办法。',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);
});
