import { describe, expect, it } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';
import { masked } from './secret-verdicts.testing.ts';

/** Written in round 29 (not from any evaluation set): the shapes sets 35–38's and train29a's misses had in common. */
describe('customer secrets, round 29', () => {
  it('takes a code that came short, its length said and matching', () => {
    expect(masked('The text only had 5 digits, 48213, and the app wants six.')).toEqual(['48213']);
    expect(masked('my sms gave 4 numbers only: 9051. what now')).toEqual(['9051']);
    expect(masked('短信只有四位 6274，可是要填六位')).toEqual(['6274']);
    // The count is not the digits' own length, or the digits are an amount: not a code.
    expect(masked('The text said only 4 numbers were needed, 2 for the day and 2 for the month.')).toEqual(
      [],
    );
    expect(masked('The message said only 4 numbers, 2025 年 is the year on it.')).toEqual([]);
  });

  it("takes a bot's code, and not its amount", () => {
    expect(masked('The Discord bot sent me 55120934 to link the account, is that right?')).toEqual([
      '55120934',
    ]);
    expect(masked('The bot gave me 250000 USDT in the demo, is that real?')).toEqual([]);
  });

  it('takes halves labelled as halves, of a code or of a password with no name', () => {
    expect(masked('[09:14] code first bit 5 2 7\n[09:15] rest is 1 9 0')).toEqual(['5 2 7', '1 9 0']);
    expect(masked('first half: Ferry_Deck_\nsecond half: Lantern88\nsorry, boarding')).toEqual([
      'Ferry_Deck_',
      'Lantern88',
    ]);
    expect(masked('密碼頭一半 Tramway_\n尾一半 Peak42')).toEqual(['Tramway_', 'Peak42']);
    expect(masked('個 app 將我個密碼分咗兩行：\nHarbour_View\nCity2023')).toEqual([
      'Harbour_View',
      'City2023',
    ]);
    // Halves of a report, plain words: nothing.
    expect(masked('first half of the month: fine\nsecond half: withdrawals slow')).toEqual([]);
  });

  it('reads a letter O typed for a zero in a code', () => {
    expect(masked('Code from the SMS: 3O8 117, sorry, that is a zero')).toEqual(['3O8 117']);
    expect(masked('验证码 O52 964，是照着短信打的')).toEqual(['O52 964']);
    expect(masked('The code is fine, my order OB2024 is late')).toEqual([]);
  });

  it('takes a found password split by one space as its other spelling', () => {
    expect(masked('my password is Bluebird42 but the box shows Blue bird42, autocorrect')).toEqual([
      'Bluebird42',
      'Blue bird42',
    ]);
    expect(masked('my password is Bluebird42 and my bird is a Blue bird')).toEqual(['Bluebird42']);
  });

  it('takes the made-up items of a list of what was tried, and two spellings offered as either/or', () => {
    expect(
      masked('what I tried:\n1. Harbour2019x\n2. harbour2019X\n3. the reset e-mail (never came)'),
    ).toEqual(['Harbour2019x', 'harbour2019X']);
    expect(masked('Things I tried:\n- restarting the app\n- reinstalling it')).toEqual([]);
    expect(masked("It's either Tuesday4Ever or Tuesday4ever, I can't remember which")).toEqual([
      'Tuesday4Ever',
      'Tuesday4ever',
    ]);
    expect(masked('Is my order ORD2024A or ORD2024B? which one shipped')).toEqual([]);
  });

  it('takes a password of Latin letters and Han characters after its name, and a spelling read to its end', () => {
    expect(masked('我個密碼係 Taipa海灘7。有中文字得唔得？')).toEqual(['Taipa海灘7']);
    expect(masked('密码念给你：大写的K，小写的e，y，然后数字八八，再加个井号')).toEqual([
      '大写的K，小写的e，y，然后数字八八，再加个井号',
    ]);
    expect(masked('Spelling it: capital K, i, w, i, then the number 3 twice, then exclamation.')).toEqual([
      'capital K, i, w, i, then the number 3 twice, then exclamation',
    ]);
  });
});

describe('customer secrets, round 30', () => {
  it('reads I or l typed for a one, and finds the code again where letters stand for its digits', () => {
    expect(masked('Typed the code as 3l7 59l, should be 317 591. Still invalid.')).toEqual([
      '3l7 59l',
      '317 591',
    ]);
    expect(masked('Withdrawal ID WDl1I7-0932 — is that an L or an I?')).toEqual([]);
  });

  it('reads 码 counted as a number’s tail, and a user’s name named as such, as no secret', () => {
    expect(masked('卡號末四碼 5821，轉帳是到這張')).toEqual([]);
    expect(masked('My login name is tidewater_jo77, does that help find the deposit?')).toEqual([]);
    expect(masked('验证码后六位 480213')).toEqual(['480213']);
  });

  it("takes a Chinese bot's code", () => {
    expect(masked('机器人发了个 6 位的 402913，是这个吗')).toEqual(['402913']);
  });
});

describe("agents' asks, round 29", () => {
  const letThrough = [
    // Regional spellings of advice: Geordie, Sichuan/Guizhou 莫 before 打.
    'Naebody from the desk will ask for yer password. Divvent send it to anyone.',
    'PIN码在卡机上自己按，莫打在聊天里。',
    // Pinning a chat, digits said to be part of an identifier.
    'Pin this chat so you can find us again. [Pin] [Later]',
    'Could you send the last six digits? The last six of the TXID, so I can look it up.',
    '麻烦发一下那4位数字，就是订单号最后4位，我查一下。',
    'Send me the API key ID, not the secret.',
    // A keyword typed back as quoted; a yes/no with the content refused; Wu 阿曾 (did you ever).
    '请回复“密码”二字，获取修改密码的教程。',
    'Please type the words "I agree to the new fee schedule" below.',
    '您的登录密码和资金密码一样吗？是/否就行，不用告诉我内容。',
    '倷阿曾拿密码告诉过别人？只要讲“有”或者“呒没”，覅讲码。',
    '验证码你自己在App里输，额不要，嫑发过来。',
    '您的提现金额这边显示为500，额度不足，请先充值。',
    'Leave your name and number after the beep; we never ask for codes.',
    'Why not send me a screenshot of the error page?',
    'Thank you for calling. Please enter the code in the app yourself; we never ask for it on this line.',
  ];
  const blocked = [
    // Suzhou Wu: 倷 (you), 拨倪 (to me).
    '倷拿短信验证码报拨倪，倪帮倷查。',
    '倷个资金密码甩拨倪好哉。',
    // Hawaiian Pidgin: "wat … stay?", "send um".
    'Brah, wat your fund password stay? Gotta check um.',
    'Never give nobody your backup code. But dis one time, send um to me.',
    // The exception in the advice's own sentence after a "but", and 惟本次…例外.
    "I always say don't share your 2FA codes with anyone, but could you send me one here, just this once? Thanks!",
    '請勿向他人透露私鑰；惟本次安全檢查例外，請於回覆中提供。',
    '倷私钥覅给别人看，勿过倪是官方客服，发拨倪是安全个。',
    // A card's PIN described by where it is keyed in; a code by its changing.
    'Please read back to us the 4 digits you key in at the cash machine.',
    "Can ye read me the numbers that keep changin' on yer authenticator?",
    // Round 30: Xi'an 额 (me), Taiwanese 阮 (we) and the exception after advice not to type it.
    '动态码给额发一哈，快些。',
    '密碼毋通給別人喔。但阮是官方客服，給阮免驚啦。',
    'Never type your PIN outside the app. Exception: this verified chat, so enter it here now.',
    // A voicemail's "leave … after the beep", a "why not" suggestion, a setup key described by when it showed.
    'You have reached the desk after hours. Leave your name and the code from the app after the beep.',
    'Why not just send me your backup code, mate?',
    '侬把短信里向的码子拨阿拉报一报。',
    'Thanks for calling the desk. On your keypad, enter the code from your authenticator, followed by the hash key.',
    'Please send us the long string you saw when you set up two-factor, the one under the QR code.',
  ];
  itBlocksExactlyTheAsks(letThrough, blocked);
});
