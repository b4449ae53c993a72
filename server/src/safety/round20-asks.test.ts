import { describe } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';

/**
 * Written in round 20 (not from any evaluation set): the causes train20a's misses and false alarms
 * pointed to, in other words — Tianjin 介 / 您了 / 是嘛, Cantonese 覆我 and 我哋, Jamaican chat (wha, weh,
 * dem, jus, "yuh did", "a di"), Scots hae / sae / oot, the Filipino "po"; "we are the official side,
 * so give it to me" after a warning (是…官方, 非第三方, "this is the official channel"); formal asks
 * ("advise us of", "please state", "write me"); 回复 + a secret; a code that arrives (码来了); a
 * screen share proposed with 你开一下; a make-up question ("does your PIN contain your birth year?");
 * a secure form at a link, 我们后台会同步核查 (the agent sees what is keyed in); not asks: 用不着跟我说,
 * 一律拉黑 warnings, "nothing to send us", "need not, and must not, send", a postcode of six digits, "2FA 'On'" as a status, the keyword STOP, auto-reply labels.
 */
describe("agents' asks, round 20: official-side exceptions, formal asks, new chat words", () => {
  const letThrough = [
    '介验证码您了自己在App里头输，用不着跟我说。',
    '宝子们，谁在评论区找你要私钥、要助记词，一律拉黑，我们官方从不要。',
    'Your yearly report is a PDF locked with your birth date, so you open it yourself; there is nothing to send us.',
    'We emailed you two links this morning. You need not, and must not, send us the codes in them.',
    '请回复您的邮政编码（6位数字），我们好寄出新卡。',
    'Please send a screenshot of the Security page showing 2FA "Enabled" so we can close the ticket.',
    'Text the keyword STOP to opt out of promo SMS.',
    '【自动回复】验证码已发送到您的邮箱，请在App内输入。',
    '【快捷回覆-驗證碼】驗證碼已寄到您的信箱，請於App頁面輸入。',
    'Yuh did share di code wid anybody? Jus say yes or no, no need fi send it.',
  ];
  const asks = [
    '把介码儿发我，快点儿的。',
    '您了资金密码是嘛？',
    '你個驗證器六位數字覆我一下，我幫你解鎖。',
    'Wha di PIN fi yuh card?',
    'Open di authenticator app. Read dem numbers out fi mi now.',
    'Does your PIN contain the year you were born?',
    'Could you please advise us of the seed phrase linked to this wallet?',
    'Kindly write me your SMS code.',
    'For verification, please state the first and last characters of your trading password.',
    '请用户回复当前登录密码以完成核验。',
    '私钥别给外人。不过我是咱平台官方的，给我就中。',
    '助記詞千萬唔好俾人，但我哋係官方，俾我哋就冇問題。',
    'You should never give out your PIN. But this is the official channel, so type it in here.',
    '【提醒】密码勿外泄给第三方。本平台非第三方，请回复您的交易密码。',
    '点一下“获取验证码”，等码来了，复制到聊天框发我。',
    '你开一下腾讯会议，共享屏幕，打开钱包的助记词页面给我看看。',
    '为了领补偿，你把谷歌验证码发过来就完事儿了。',
    'Follow these steps po: open Settings, tap Show PIN, screenshot po and send here.',
    'Use our secure form forms.pellimar.example/check: Field 1 UID, Field 2 your 12 recovery words.',
    '请在“安全核验”小程序里录入您的支付密码，我们后台会实时查看核对。',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);
});
