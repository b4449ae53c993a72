import { describe, expect, it } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';
import { masked } from './secret-verdicts.testing.ts';

/** Written in round 28 (not from any evaluation set): the shapes sets 35–36's and train28a's misses had in common. */
describe('customer secrets, round 28', () => {
  it('takes a token shaped only as a password is, with no password named', () => {
    expect(masked('I keep it on a card in my tool box — Harbour#Lights42. It says wrong now.')).toEqual([
      'Harbour#Lights42',
    ]);
    expect(masked('Either Saltmarsh_Reed9 or saltmarsh_reed9, I forget the capital.')).toEqual([
      'Saltmarsh_Reed9',
      'saltmarsh_reed9',
    ]);
    expect(masked('Tried so far:\n- Kestrel.Moor77\n- the reset link (never came)')).toEqual([
      'Kestrel.Moor77',
    ]);
    expect(masked('呃，应该是 Tanghulu_Beijing8 吧，我一直这么打的')).toEqual(['Tanghulu_Beijing8']);
  });

  it('leaves a network’s, a wallet’s or a user’s name of the same shape alone, and addresses', () => {
    expect(masked('Our shop Wi-Fi is called Corner_Cafe_5G, could that block the app?')).toEqual([]);
    expect(masked('屋企 Wi-Fi 名係 Lamma_Home_2.4G，係咪連唔到')).toEqual([]);
    expect(masked('My username is Harbour_Pilot77, can other traders see it?')).toEqual([]);
    expect(masked('我的钱包叫 Xihu_Boat_3，只是个名字，帮我查入金')).toEqual([]);
    expect(masked('A text told me to log in at Lumen-Secure.Help and I did not.')).toEqual([]);
    expect(masked('The statement shows the holder as Jiang****8, is that right?')).toEqual([]);
  });

  it('reads "the password for our business account is …" as a password named', () => {
    expect(masked('The password for our company account is quarry_stone8; it worked last week.')).toEqual([
      'quarry_stone8',
    ]);
    expect(masked('pw for the joint wallet is lanternfish99, the page keeps spinning')).toEqual([
      'lanternfish99',
    ]);
  });

  it('takes a code’s halves named as "前面三个数 … 后面三个数"', () => {
    expect(masked('验证码我分开发：前面三个数是 428。后面三个数是 906。')).toEqual(['428', '906']);
  });
});

describe("agents' asks, round 28: asked back through a safe channel, a caveat as a label, a part of the whole", () => {
  const letThrough = [
    'Never share your code with anyone. If you are unsure, reply to this official message and we will call you back.',
    'We will never ask for your password. For your safety, please reset it yourself in the official app.',
    'Never share your password with anyone. It is safe to reply to us here with your UID.',
    '验证码不要告诉任何人。官方客服只会让您在App里自己输入，放心。',
    // A template's old wording quoted as what an edit removes, and a scam reported in the third person.
    '【内部】提现模板已更新：删去旧的“请回复验证码”一句，换成“请在App内自行输入”。',
    'Template change: remove the line "reply with your SMS code" from the deposit notice.',
    'Heads up: scammers are texting from look-alike numbers and asking customers to read out their 2FA codes. We never do.',
    '提醒：诈骗分子冒充客服，诱导用户把验证码念出来，我们不会这样做。',
    // A caveat quoted as a label, inside advice, and a whole refused with nothing asked.
    '助记词是“切勿外传”的东西，请妥善保管，不要发给任何人。',
    '唔使成個密碼畀我，我哋唔會問。',
  ];
  const blocked = [
    'Never give your OTP to strangers. Reply to this verified message with it so we can finish the check.',
    'We will never ask for your PIN by e-mail. On this secure call, please tell me your PIN now.',
    '密码千万不要告诉别人。我们是官方客服，可以放心发给我们。',
    '助記詞千萬不要給別人看。不過這是官方安全專線，在電話裡講是安全的。',
    // The caveat the screen shows, quoted as the words' label; a part asked once the whole is refused.
    '麻烦把备份页面写着“切勿截图”的那组单词逐个回复给我。',
    "Don't send the entire password. Just tell me how many characters it has.",
    '唔使成個密碼，淨係講我知最後一個字母係咩。',
    // Scammers named, then the writer's own ask: still an ask.
    'Scammers ask customers to share codes, so be careful. Now please send me your code so I can check.',
  ];
  itBlocksExactlyTheAsks(letThrough, blocked);
});
