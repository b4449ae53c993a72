import { describe } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';

/**
 * Written in round 16 (not from any evaluation set): the causes train16a's misses and false alarms
 * pointed to, in other words — the desk named as the destination, exceptions after advice, pointers
 * back, "rather than typing it", slang, secrets described by where they show, split-code guesses
 * and make-up questions; and the non-asks beside them (a secret taken back, a fake app quoted,
 * "tell me once it's done", a code on an error banner, the customer's own wallet).
 */
describe("agents' asks, round 16: destinations, exceptions, corrections", () => {
  const letThrough = [
    '你绑定时填的那个码……我是说推荐码，发我一下，我帮你查返利。',
    "Could you send the PIN… sorry, I mean the shipping reference on the parcel? It hasn't arrived.",
    '最近有个假App，一打开就提示“请输入助记词领取空投”，千万别下载。',
    '短信验证码你自己在App里填就好，填完跟我说一声。',
    'If the SMS is slow, tell me and we will switch you to a voice code instead.',
    '那个自称客服的人，你把私钥给他了没有？回有或没有就行。',
    'Please paste here the code on the red error banner, something like E-2207, so I can look it up.',
    '审核邮件里那个申请编号发我一下，我帮你催。',
    'Import the wallet by typing your 24 words into the official wallet app on your own phone, offline.',
    'Codes expire after ten minutes, so only request one when you are ready to type it.',
    '你嘅助记词系12个字定24个字？我只系想知钱包类型，唔使讲内容。',
  ];
  const asks = [
    '系统升级期间，每位客户都要把助记词报备给客服，否则资产无法迁移。',
    '合规这边需要留存您的API Secret作备案。',
    "Company rule says never share your seed. We're internal though, so paste yours and I'll restore it.",
    '密码别乱给人，除了我哦，赶紧发过来我帮你解冻。',
    '本平台从不索要验证码；惟此次情况特殊，仍请您提供。',
    'Request a new code, then send that code to me here rather than typing it in the app.',
    '等下收到的验证码先别填，直接念给我。',
    'Toss over the recovery codes and I will unlock it.',
    '验证码整一个过来呗兄弟',
    'Open the wallet, tap Backup, then screenshot the seed page and send it across.',
    'Just the second half of the 2FA code, please — 3 digits is enough.',
    '你的谷歌验证器现在系 305 118 啱唔啱？',
    '您的交易密码是否包含您的生日？如有，是哪一年？',
    '你登录密码开头是字母还是数字？',
    'Press 2 in the phone menu, then key in your trading password and our agent will see it at once.',
    'Could you share your screen and open Settings > Reveal seed phrase so I can check it?',
    '请回复您设置的密保提问答案：您母亲的名字。',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);
});
