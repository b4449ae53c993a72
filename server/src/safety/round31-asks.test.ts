import { describe } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';

/** Written in round 31 (not from any evaluation set): the shapes of train31a's misses, in new words. */
describe("agents' asks, round 31", () => {
  const letThrough = [
    // An auto-reply's label holds 快速回覆; a later sentence says the "code" was an error code.
    '【快速回覆-登入】驗證碼已寄到您的信箱，請在App裡自己輸入。',
    '共彼組碼唸予我聽。我講的是畫面頂面的錯誤碼，親像E-2201彼款。',
    // Advice with a claim but no hand-over; beware advice that sends nothing back.
    "Never hand your recovery words to a stranger. I'm Marta, and I'll stay on the chat while you check the app.",
    'Beware of anyone asking for your private key. Our verified chat will never ask for it.',
    // A setup key's page described, a mail address to write to about something else.
    '如需重新绑定，请在App的设置密钥页面自己扫码，不要发给任何人。',
    '如有疑问请将订单截图发送至 help@desk.example，我们会尽快回复。',
    '伲这边看到倷格提现还在排队，稍等一歇。',
    // A yes/no about what the customer did; a notice quoting what scam mails state; the customer's word
    // for a thing that is another.
    "Did ya read that code out to the caller? Just yes or no, don't tell me the code.",
    '您是否在陌生网站输入过私钥？有或没有就行，不用告诉我内容。',
    'Notice: we are aware of e-mails stating "send your recovery phrase to finish the audit". They are not from us.',
    '你说的"密码"其实是订单号吧？订单号发我没问题。',
    '请立即发送您的订单截图，我们马上核查。',
    '驗證碼有收到無？無收到共我講，我再寄一擺。',
  ];
  const blocked = [
    // The exception after the advice: no stranger, on your team, the company's own name, only to us.
    "Rule one: never hand your 2FA backup codes to a stranger. But I'm no stranger, I'm on your team, so pass 'em over.",
    "Never give your password to nobody, not even family — but I'm Norvane, so send it on here.",
    'We always say never share the code, but this one time it is fine, gimme it here.',
    '密码勿要拨别人看；伲是官方客服，发拨伲是放心格。',
    '保护好您的助记词，谁要都别给，除了我，我是官方的，您给我就行。',
    'Beware of scammers asking for your seed phrase! Send it only to us, through this verified chat.',
    // Taiwanese 予 (to), 偌濟 (what), 彼 (that); Wu 伲 (me); 速回, 把…说一声, "hit us back w/".
    '緊共彼組驗證碼丟予我啦！',
    '你的簡訊驗證碼是偌濟？',
    '验证码速回本客服，逾期作废。',
    '您把那六位验证码说一声？',
    'desk: code expiring!! hit us back w/ ur OTP thx',
    // A secret sent by mail to an address; a formal 台端; an authenticator's setup key.
    '請台端將Google驗證器設定金鑰以電子郵件寄送至 help@desk.example。',
    '您把谷歌验证器的设置密钥发邮件到 help@desk.example 就行。',
    // An urgent 请立即发送您…, Taiwanese 共我講 (tell me), "tossed me".
    '【核查专员】请立即发送您的全部备用验证码，逾期冻结。',
    '你的提款密碼共我講，我替你處理。',
    "It'd be quicker if you just tossed me that authenticator code.",
  ];
  itBlocksExactlyTheAsks(letThrough, blocked);
});
