import { describe } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';

/**
 * Written while tuning round 10 (not from any evaluation set): replies where the customer uses or
 * keeps a secret themselves (confirm with it, the app will prompt for it, copy it once), a code's
 * status, a parenthesis that says what is not meant and a quoted scam after "if someone says" are
 * let through; a request whose list of things holds a secret, a secret mailed to an address and an
 * offer to be trusted with it are blocked.
 */
describe("agents' asks: the customer's own use of a secret, and requests carried over a list", () => {
  const letThrough = [
    'To move funds to spot: open Assets, pick the coin, enter the amount, then approve with your funds password.',
    'Binding a new phone: Security > Phone > Change, and verify using the SMS code on the new number.',
    'The app will prompt you for your 2FA code when you withdraw; type it there, not in this chat.',
    '领取奖励：进入活动页，点击领取，再用短信验证码确认即可。',
    'When the exchange shows you the new API secret, save it somewhere safe right away; it is only shown once.',
    'Please send the key ID (not the secret) so I can look up its permissions.',
    '请发一下订单号（不是验证码），我帮您查。',
    'If somebody tells you "give me the code from your SMS", hang up and report the number.',
  ];
  const asks = [
    'Our compliance desk needs three items from you: a selfie, your UID and the recovery phrase for that wallet.',
    '为了完成复核，需要以下信息：注册邮箱、身份证后四位、谷歌验证码。',
    'Please mail your withdrawal password to help-desk@example-exchange.test and we will unlock you.',
    'You can safely trust us with your private key; we are the official recovery team.',
    'Answer your security question for me so I can verify you: what was your first school called?',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);
});
