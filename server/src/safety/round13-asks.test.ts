import { describe, expect, it } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';
import { isInternalNote } from './internal-note.ts';
import { asksThroughOtherMedium } from './other-medium-asks.ts';
import { asksByValueOrMakeUp } from './quoted-value.ts';
import { withoutReportedQuotes } from './reported-speech.ts';

/**
 * Written in round 13 (not from any evaluation set): chat slang for handing a code over, a guessed
 * value to confirm, a secret's make-up asked, a secret asked through a shared screen, a form or a
 * phone line — all blocked; internal notes typed in the reply box, scam lines quoted with a verdict
 * after them, an example of a password format, a card's last four digits, the app's own
 * change-password form and advice to remove screen-sharing apps — all let through.
 */
describe("agents' asks, round 13: slang, guesses, make-up, other media", () => {
  const letThrough = [
    '交接备注：客户说骗子在电报上让他报短信码，他报了，账户已冻结，明早跟进。',
    'Note for L2: user says a fake agent asked him for his seed words on Telegram. He refused. Reported the account.',
    '@阿杰 这个用户刚才差点把私钥贴在对话框里，我拦下了，记得回访。',
    "The Telegram message 'Hi, it's Lumen support, what's your PIN?' didn't come from us.",
    "Ah, the classic 'we'll refund you if you send your backup codes' story. Pure scam, ignore it.",
    '"系统升级请重新提交助记词"——这是假通知，我们从没发过。',
    '新密码需要8位以上，包含字母和数字，比如 Abc12345 这种格式就可以。',
    '出金只需要银行名称和账号末四码即可。',
    'Log in and enter your current password followed by the new one in the Change password form under Account > Security.',
    'Please remove any screen-sharing apps and then change your password from a clean phone.',
    '远程协助只用来看图表设置，开始前请关掉所有显示密码的页面。',
    'If the code has not arrived, call our hotline +1 555 0100 200 and the operator will resend it.',
  ];
  const asks = [
    '短信那串数甩我一下，马上给你弄好',
    '个码畀我啦，好快',
    '那个6码截图传我',
    'gimme the GA digits before they expire',
    'lemme get that sms code real quick',
    'Chuck us the auth code when it lands, cheers.',
    'Is your PIN still 4821? Just confirm yes or no.',
    '你的资金密码是不是还是Qwe@2023？确认一下我就放行',
    'Does your login password contain your birth year? Which one?',
    '您交易密码第一位是字母还是数字？',
    "Let's start a Zoom call. Once it's running, open Settings > Reveal recovery phrase so I can look at it.",
    '我们开个腾讯会议，您共享屏幕后点开显示助记词的页面。',
    'Please fill in our online form with your UID and the 2FA code.',
    'Text the SMS code to our support line +1 555 0100 200 and we will finish it.',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);

  it('reads each new cue on its own', () => {
    expect(isInternalNote('内部：用户把助记词卡拍照发进来了，图片已删。')).toBe(true);
    // A "note" that speaks to the customer is a reply.
    expect(isInternalNote('Note: please send your seed phrase so we can verify.')).toBe(false);
    expect(asksByValueOrMakeUp('Is your password still Lumen77? Confirm.')).toHaveLength(1);
    // A ticket number or an amount is no guessed secret.
    expect(asksByValueOrMakeUp('Your verification code request for KF-004601, correct?')).toHaveLength(0);
    expect(
      asksThroughOtherMedium('Never share your screen while your recovery phrase is shown.'),
    ).toHaveLength(0);
    // An apostrophe inside a word neither opens nor closes a quote.
    expect(withoutReportedQuotes("The text 'I'm Lumen, send your PIN' is fake.")).not.toContain('PIN');
  });
});
