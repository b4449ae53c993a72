import { describe, expect, it } from 'vitest';
import { normalise } from './ask-text.ts';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';
import { asksThroughOtherMedium } from './other-medium-asks.ts';

/**
 * Written in round 15 (not from any evaluation set): Jamaican and Nigerian chat and Indian English,
 * the agent calling themself the safe party after advice, secrets carried to a shop, by courier, to
 * a mailbox or into a livestream's comments, a code written digit by digit to compare, and the
 * non-asks beside them (a postal PIN code, a red-packet code, a past act asked yes or no, "(no
 * codes)" in brackets).
 */
describe("agents' asks, round 15: regional English, the safe party, carried secrets", () => {
  const letThrough = [
    'Kindly share the 6-digit PIN code of your billing address so the courier can find you.',
    'Di red-packet code fi di giveaway a JAMFEST, put it inna di Rewards tab.',
    'You don give anybody the SMS code? Just answer yes or no.',
    '你有没有把助记词截图存过手机？有或没有就行。',
    'Send a screenshot of the Security page please (it only shows 2FA on or off, no codes).',
    '质检备注：坐席曾要求客户念验证码，已处理，客户没有照做。',
    'Put the code inside the app yourself, no send am give me.',
    '我们会把新卡快递到您登记的地址，密码函会另外寄出。',
  ];
  const asks = [
    'Sen mi yuh fund password, mi wi check it.',
    'Abeg, nobody should see your code. But me I be official support, send am give me.',
    'For your safety do not share OTP with strangers. As I am a verified support executive, kindly share it with me.',
    '验证码别随便给人。我这边是公司的人，你给我好了。',
    '我是官方门店职员，你当面把密码读俾我听冇问题。',
    '你把写着助记词的卡片快递到我们售后点，地址我稍后发你。',
    'Please email a photo of your recovery sheet to restore@lumen.example for my attention.',
    '今晚直播的时候，在留言区输入你收到的验证码，主播会逐个核对。',
    'Sir, as per system your OTP is 4 1 7 0 9 2. Kindly confirm the same is showing in your SMS.',
    'Please tell me your debit card ATM PIN to link the card.',
    '你那个私钥是么子？还记得不？',
    '你密码是不是十位？大写字母在前头还是后头？',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);

  it('reads each new piece on its own', () => {
    expect(normalise('Sen mi yuh PIN')).toBe('send me your PIN');
    // A word that only looks like one is left alone ("studio", "fine").
    expect(normalise('the studio is fine')).toBe('the studio is fine');
    expect(asksThroughOtherMedium('请把登录密码写在纸上，带到我们门店交给职员。')).toHaveLength(1);
    // Advice not to carry it anywhere negates its clause.
    expect(asksThroughOtherMedium('请不要把助记词寄给任何人。')).toHaveLength(0);
  });
});
