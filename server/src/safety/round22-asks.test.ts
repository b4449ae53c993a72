import { describe } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';

/**
 * Written in round 22 (not from any evaluation set): the causes train22a's misses and false alarms
 * pointed to, in other words — a forum's moderator or a live stream's host speaking of itself as the
 * one handed to (丟給版主, 私給版主, 私我沒關係), 丢 as "throw it over" before a recipient, Cantonese 畀
 * and 过嚟, "no need for the whole code, send the last three", a bank card's withdrawal PIN named
 * through the card (银行卡的取款密码), an exception typed without a stop (…哈不过我是官方…), bullets as
 * items, replying under this post, Taglish "ano po yung" and "pakisend", "drop it in DM", "safely
 * provide it to me"; not asks: a code said in the same sentence to be another kind (就是提现订单那个号,
 * 即係參考編號, ～是超商繳費代碼, "(the referral code …)"), 毋須透露, 免傳給我, "without disclosing
 * it", 'wag i-send, "we'll send you a new code" (the desk sends). Also asks: "copy them here" after a
 * menu path to recovery codes, Tagalog pero / okay lang / i-send dito, "the six digit code" (a code,
 * not a shape another object may own), a value to confirm by replying “对”或“不对” / "yes" or "no",
 * 把它打出来 pointing back. Not an ask: whether one password is the same as another (reuse, yes or no;
 * four authors wrote it), unlike "the same as your birthday" or "the same as Abc12345"; "then press
 * Confirm" (a button's name, not a request to confirm the code).
 */
describe("agents' asks, round 22: moderators and hosts, Cantonese 畀, Taglish, bullets, 'without disclosing'", () => {
  const letThrough = [
    '主旨：帳戶查詢　請告知閣下是否已收到我們的電郵，毋須透露任何驗證碼。',
    '請問簡訊有收到嗎？有收到說一聲，密碼免傳給我喔。',
    'Could you tell me, without disclosing it, whether you use the same password for your e-mail?',
    'Natanggap niyo na po ba yung OTP? Wag niyo na pong i-send, sabihin niyo lang kung dumating.',
    '我们会给您发送新的验证码，请您在App内自己填写。',
    '我会再给你发一次验证码，收到后在App里输入就行。',
    '把那串码发我下就是充值订单那个号',
    '你把那个“口令”念给我——就是红包口令，海报上印着的那个。',
    '將個code send畀我，即係轉數快嘅參考編號，唔係驗證碼。',
    'Paste the code here (the referral code from your invite, nothing security related).',
    '請把那個碼給我～是超商繳費代碼喔，不是驗證碼。',
    'Please send me the order number, the 8 digits on the receipt.',
    '确认一下，您的交易密码和邮箱密码是不是同一个？是的话建议都改掉。',
    '你個登入密碼同email密碼係咪一樣？答係定唔係就得。',
    'Can you tell me whether your Corvex password is the same as the one you use for your e-mail?',
    'just key the code into the app on the verify screen and then press Confirm, done',
    'Put the authenticator code into the box on the app and hit "Submit".',
  ];
  const asks = [
    '登入有問題的話，把驗證碼丟給版主，馬上幫你看。',
    '助記詞私給版主，版主幫你恢復錢包。',
    '验证码千万别给陌生人哦～但主播是官方的，私我没关系～',
    '助記詞不要給別人。但版主例外，私信丟來就好。',
    '密码你话畀我知就得，我帮你改返。',
    '唔使成個密碼，send頭四個字畀我就得。',
    '请提供您名下银行卡的支付密码，以便核查。',
    '密码不能告诉别人哈不过我是官方的你发我没事',
    '**Step 2** • Type the **six-digit code from your authenticator** here • We will verify it for you',
    '步骤：1. 点获取验证码 2. 收到短信 3. 把码回在这篇底下',
    'Ma’am, ano po yung code na dumating sa SMS niyo?',
    'Sir, pakisend po yung OTP na natanggap niyo.',
    'Never share your seed with anyone... except me, I am a mod, drop it in DM.',
    'As a rule never disclose your fund password; however, you may safely provide it to me in this instance.',
    '把你的交易密码发我，是提现订单需要的。',
    '把验证码发我，就是短信里那六位数。',
    'Security page, then Recovery codes. Copy them into this chat please.',
    'Paalala po: huwag i-share ang OTP kahit kanino. Pero kami po ang official support, kaya okay lang i-send dito.',
    '后台记录的短信验证码为 558 213，请回复“对”或“不对”。',
    'Our log shows your SMS code as 558 213, reply "yes" or "no".',
    '你的资金密码跟登录密码一样吗？一样的话把它打出来我核对。',
    '你的交易密码是不是和生日一样？',
    'Is your password the same as Abc12345?',
    'Paste the authenticator code here in the chat and then press Confirm on your side.',
    'right so the refund went through on friday and the card is in the post um can you read me the six digit code that came by text and then we are done',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);
});
