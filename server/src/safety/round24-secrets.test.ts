import { describe, expect, it } from 'vitest';
import { masked } from './secret-verdicts.testing.ts';

/** Written in round 23 (not from any evaluation set): the shapes dev24's misses had in common. */
describe('customer secrets, set 24', () => {
  it('reads a code written with an underscore or a narrow space between its halves', () => {
    expect(masked('the code is 481_306, I added the underscore myself')).toEqual(['481_306']);
    expect(masked('验证码是 570\u202f219，复制过来中间有个窄空格')).toEqual(['570\u202f219']);
    expect(masked('SMS code: 930\u2009114')).toEqual(['930\u2009114']);
    // A handle or a file name with an underscore is not split into a code.
    expect(masked('my username is trader_204511, the code never came')).toEqual([]);
  });

  it("takes a noun's own number as that noun's, not a code", () => {
    expect(masked('My library number is 204733, the verification page asks for ID, is that ok?')).toEqual([]);
    expect(masked('the van number is 5120448 if that helps with the verification')).toEqual([]);
    // A code's own number stays a code.
    expect(masked('The verification number is 204733 but the app says expired')).toEqual(['204733']);
  });

  it('reads numerals read out with fillers between them as one code', () => {
    expect(masked('验证码是嗯三八，嗯，零二，七一')).toEqual(['三八，嗯，零二，七一']);
    expect(masked('驗證碼係…呃…六四…二二…九零')).toEqual(['六四…二二…九零']);
  });

  it('reads a password someone else set or wrote down, named before its value', () => {
    expect(masked('The password my daughter wrote on the fridge is Ravens1987! and it fails')).toEqual([
      'Ravens1987!',
    ]);
    expect(masked('The password she gave me is not working')).toEqual([]);
  });

  it('reads a plain first part when the other part looks made up, and numbered messages as parts', () => {
    expect(masked('密码前面是 chaoshan，后面应该是 _gongfu8')).toEqual(['chaoshan', '_gongfu8']);
    expect(masked('密码分两条发\n第一条：Dongting\n第二条：#Lake2021')).toEqual(['Dongting', '#Lake2021']);
    expect(masked('[09:12] my pw first part is river_stone\n[09:12] then 44!! at the end')).toEqual([
      'river_stone',
      '44!!',
    ]);
    // A plain word alone is no part: "前面是 chaoshan" with nothing made up after it.
    expect(masked('密码前面是 chaoshan，后面我忘了')).toEqual([]);
  });
});

describe('customer secrets, set 25', () => {
  it("reads a sender's prefix, then the code, then its name, as the code's digits", () => {
    expect(masked("Text says 'KX-518204 is your code'. I typed KX too.")).toEqual(['518204']);
    expect(masked('短信说 AB-730915 是我的验证码，输了不行')).toEqual(['730915']);
    // A ticket's number with a prefix, named as a ticket, is not a code.
    expect(masked('My ticket is KF-500117, the code never came')).toEqual([]);
  });

  it('reads what a text message says, in English, as the code', () => {
    expect(
      masked('Madam the SMS arrived in Tamil and English both, the English part says 620418. Is it genuine?'),
    ).toEqual(['620418']);
    expect(masked('The email says 12,000 rupees were received')).toEqual([]);
  });

  it("reads a code's halves named as the first and last three digits", () => {
    expect(masked('[10:01] 验证码前三位 735\n[10:01] 后三位 208')).toEqual(['735', '208']);
    expect(masked('code: first three 914, last three 260')).toEqual(['914', '260']);
  });

  it('reads an MPIN as a PIN, and a hint question as no password', () => {
    expect(masked('My GCash MPIN is 4471 and it got blocked')).toEqual(['4471']);
    expect(masked('密码提示问题是“最喜欢的城市”，我答了还是不对')).toEqual([]);
  });
});

describe('customer secrets, set 26', () => {
  it("reads a config or environment line's password, not a word with 'pass' inside it", () => {
    expect(masked('config:\nAPP_USER=li.na\nAPP_PASS=Qw_7h2k!z\nit worked yesterday')).toEqual(['Qw_7h2k!z']);
    expect(masked('db_password: "Hx9!pl2q" in the yaml, still 401')).toEqual(['Hx9!pl2q']);
    expect(masked('BYPASS=true is set, password reset still fails')).toEqual([]);
  });

  it('reads a 64-hex value after key= in a log line as a private key, not as a query parameter', () => {
    const key = 'b7e4c21f9a0d35e86f1c4b29d07a3e5c8f62b1d94e0a7c3f5b18d26e9c40a7f1';
    expect(masked(`[ERROR] wallet.restore key=${key} result=failed`)).toEqual([key]);
    expect(masked(`see https://scan.example/tx?hash=${key} for the deposit`)).toEqual([]);
  });

  it('takes error codes, merchant codes, a number at a workplace, hints and network names as no secret', () => {
    expect(masked('报错码 200417，帮忙查下这个报错码是什么意思')).toEqual([]);
    expect(masked('Our shop merchant code is 318 226, can we receive from you?')).toEqual([]);
    expect(masked('my staff number at the clinic is 550193, KYC asks employer ID, which one?')).toEqual([]);
    expect(masked('密码提示写的是“小时候住的那条街”，我想不起来了')).toEqual([]);
    expect(masked('我家WiFi名字叫 home_net_5G 不是密码，App连WiFi登不上')).toEqual([]);
  });

  it('reads an "8 digit" code and halves named 头一段 / 后一段', () => {
    expect(masked('A bot sent me an 8 digit confirmation, 51730284, and wants it back')).toEqual([
      '51730284',
    ]);
    expect(masked('[20:01] 密码头一段 Xiangjiang\n[20:01] 后一段 _river3')).toEqual([
      'Xiangjiang',
      '_river3',
    ]);
  });
});
