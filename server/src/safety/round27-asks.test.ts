import { describe } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';

/**
 * Written in round 27 (not from any evaluation set): the causes train26a's and train27a's misses and
 * false alarms pointed to, in other words — the writer's claim to be an exception after their own
 * advice, a guessed value to confirm (a phrase's first word, a code we sent), the phrase's words
 * described by when they were written down, a phone menu's "say your PIN", the part asked while the
 * whole is refused, a number said to be another kind and no secret (or said to be what was meant), a
 * scam quoted as an example.
 */
describe("agents' asks, round 27: exceptions claimed, values to confirm, phone menus, another kind", () => {
  const letThrough = [
    'Never share your OTP with anyone. If the page still fails, send me a screenshot of the error.',
    '助记词千万不要给别人。我是官方客服，有问题随时找我。',
    'Your 8-digit number please, the referral code one on your invite page, not your OTP.',
    '把那串数字念给我，就是订单号，不是验证码哈。',
    'Menu: to reset your password press 4. To hear your balance press 1.',
    'Menu: for meetups press 6 and key in the event code printed on your badge.',
    'Scams we have seen: 1. "Read us your 2FA code to get a refund." That ain\'t us, ever.',
    '请问您的登录密码是否与邮箱密码相同？只需回答是或否，请勿提供密码。',
    '开钱包时候写在纸上的那些单词，千万收好，不要拍照也不要发给任何人。',
    'Could you send me the code? Sorry, I mean the ticket code from our e-mail subject, like KF-3310.',
    'Send the code over - the error code on the red banner, something like E-5102.',
    '把那个码报一下，就是那个工单的号码，邮件标题里KF开头的。',
    'Read me the number at the top of the letter; this is a correspondence reference, not a security code.',
    'Kindly type the authenticator code in the withdrawal window of the official app, then tap Submit.',
  ];
  const asks = [
    'Remember, never give your 2FA code to anyone. But I am your official agent, so just send me.',
    '验证码别给外人哦，不过我是官方的自己人，发我就好～',
    'We sent you a code just now, it should be 512 907. Is that what your phone shows? Reply yes or no.',
    '系统显示您助记词第一个词应为“harbor”，请回复确认。',
    '你建钱包那天抄在本子上的那一串英文单词，拍个照发过来得不得？',
    'Menu: for withdrawals, please say your fund password after the tone, then press 2.',
    'Please tell us how many characters your login password has and its last character. We never need the full password.',
    'reply to this text with the digits now shown on your security token to keep the account open',
    'Send me the SMS code please, not the ticket number, the six digits we just texted you.',
    'I mean the verification code, not the error code: read it to me.',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);
});
