import { describe, expect, it } from 'vitest';
import { masked } from './secret-verdicts.testing.ts';

/** Written in round 31 (not from any evaluation set): shapes from sets 37–40's dev halves, in new words. */
describe('customer secrets, round 31', () => {
  it("takes a bank's OTP as a code, but not a bank code", () => {
    expect(masked('Paid from my card and the bank OTP for the payment was 551902, then nothing')).toEqual([
      '551902',
    ]);
    expect(masked('The bank code for the transfer was 402911 on the slip')).toEqual([]);
  });

  it('reads a zero pair said as two words', () => {
    expect(masked('the code over the phone: thirty-two, oh-four, seventy-one')).toEqual([
      'thirty-two, oh-four, seventy-one',
    ]);
  });

  it('finds a code again in the other digits, either way round', () => {
    expect(masked('音箱读的验证码是“三零七二九一”，我输了307291还是不行')).toEqual([
      '三零七二九一',
      '307291',
    ]);
    expect(masked('验证码 584103，我妈念成五八四一零三')).toEqual(['584103', '五八四一零三']);
    // A different number in digits is not the code.
    expect(masked('验证码是“三零七二九一”，订单金额 307 元')).toEqual(['三零七二九一']);
  });

  it('reads pairs joined by bare commas and digits mixed with Chinese numerals after a code name', () => {
    expect(masked('校验码：61,09,33 分开写的')).toEqual(['61,09,33']);
    expect(masked('动态码是 7四0九2一 我照着输的')).toEqual(['7四0九2一']);
    expect(masked('the verification code was 12,500 I think')).toEqual([]);
  });

  it('takes both spellings when caps lock changed one', () => {
    expect(masked('caps lock was on so it went in as HOLLOW_PINE9 instead of hollow_pine9')).toEqual([
      'HOLLOW_PINE9',
      'hollow_pine9',
    ]);
    // No caps lock named, or the same spelling twice: nothing.
    expect(masked('The tracking labels say PARCEL_77A and parcel_77a, odd')).toEqual([]);
  });

  it('takes either/or spellings when neither went through', () => {
    expect(masked('not sure if it ends 7 or 1: Lanternfish7 or Lanternfish1. Neither goes through.')).toEqual(
      ['Lanternfish7', 'Lanternfish1'],
    );
  });

  it('takes the password column of a pasted export, and no other column', () => {
    expect(masked('site\tlogin\tpassword\nexchange\tmira.k\tOchre#Tide51\nforum\tmira.k\t********')).toEqual([
      'Ochre#Tide51',
    ]);
    expect(masked('name,url,username\nexchange,x.example,mira.k')).toEqual([]);
  });

  it("reads a password's name in the customer's other language", () => {
    expect(masked('Mein Passwort is Bergsee_2207, it worked yesterday')).toEqual(['Bergsee_2207']);
  });

  it('takes a password told by what it is made of, given in brackets', () => {
    expect(masked("It's my grandmother's village plus the year she was born (Kilbride1931).")).toEqual([
      'Kilbride1931',
    ]);
    expect(masked('密码就是我们小区名字加门牌号（Huayuan88）')).toEqual(['Huayuan88']);
    // A bracketed id after a description of something else is no password.
    expect(masked('The name of the event and the date are on the ticket (EVT2024).')).toEqual([]);
  });

  it('does not take a quoted reason for a password or a number named by its noun', () => {
    expect(masked('a caller wanted my password "for security reasons only", I hung up')).toEqual([]);
    expect(masked('Our stall is number 204417 at the market, if you need it')).toEqual([]);
  });

  it('reads the digits pilots and soldiers say, in two groups too', () => {
    expect(masked('验证码我照部队的念法记的：拐洞两 幺勾三，输了不对')).toEqual(['拐洞两 幺勾三']);
  });

  it('takes a code read twice with one digit misheard or lost', () => {
    expect(masked('验证码听着像 417?92，我看了短信是 417392')).toEqual(['417?92', '417392']);
    expect(masked('我爸念的验证码是八二六一五零，其实最后一位是三，826153')).toEqual([
      '八二六一五零',
      '826153',
    ]);
    // A number two digits apart from the code is something else.
    expect(masked('验证码是 417392，订单号 417315')).toEqual(['417392']);
  });

  it('takes a dictated password up to where the dictation moves on', () => {
    expect(masked('语音输入的 密码是 shan hu 嗯 七七 然后 验证码还没收到')).toEqual(['shan hu 嗯 七七']);
    expect(masked('密码是 bei hai 2019 中间没空格的')).toEqual(['bei hai 2019']);
    // No dictation and no remark about spaces: the words after 密码是 are left to the other rules.
    expect(masked('密码是 在设置里 改的 上周')).toEqual([]);
  });

  it('takes a password typed one character at a time', () => {
    expect(masked('I typed the password like this: k e s t r e l 5 5')).toEqual(['k e s t r e l 5 5']);
    expect(masked("Code's 4 1 9 0 2 7, typed it twice")).toEqual(['4 1 9 0 2 7']);
  });

  it('takes a password pointed to on the next line', () => {
    expect(masked('password is below:\nGrey_Heron_44\nthanks')).toEqual(['Grey_Heron_44']);
    expect(masked('密碼如下：\nLaam_Tin_88\n麻煩你')).toEqual(['Laam_Tin_88']);
  });

  it('takes both passwords of a change, an either/or with 要么, and a tried list on one line', () => {
    expect(masked('密码从 Qiao_Tou_8 改成 Qiao_Tou_9 以后就登不进去了')).toEqual([
      'Qiao_Tou_8',
      'Qiao_Tou_9',
    ]);
    expect(masked('要么是 Dongting_lake 要么是 Dongting_Lake1，记不清了')).toEqual([
      'Dongting_lake',
      'Dongting_Lake1',
    ]);
    expect(masked('Tried: 1) Marram_Grass7 2) marram_grass7 and nothing')).toEqual([
      'Marram_Grass7',
      'marram_grass7',
    ]);
    // A network changed from one to another is no password.
    expect(masked('我把提币网络从 USDT_TRC20 改成 USDT_ERC20 了，到账了吗')).toEqual([]);
  });

  it("takes a spelled password's letters written together", () => {
    expect(masked('password in radio letters: Kilo, Echo, Lima, Papa, 4, 4 — so kelp44 all small')).toEqual([
      'Kilo, Echo, Lima, Papa, 4, 4',
      'kelp44',
    ]);
  });

  it('takes no coordinate for a password', () => {
    expect(masked('登录提醒说在外地，我测的点坐标是 N30°12′ E114°05′，密码没改过')).toEqual([]);
  });

  it('takes an English password with spaces when the customer says they are in it', () => {
    expect(masked('the password has a space: Mossy Gate 42 <- is that allowed?')).toEqual(['Mossy Gate 42']);
    expect(masked("It is 'Blue Lantern 1990' with the spaces, as my son set it.")).toEqual([
      'Blue Lantern 1990',
    ]);
    expect(masked('password is harbour wall 1 9 8 8 I said it to my phone, no luck')).toEqual([
      'harbour wall 1 9 8 8',
    ]);
    // Spaces named, but the words after the name are a sentence, not a value.
    expect(masked('The password field has a space at the end of the box, is that a bug?')).toEqual([]);
  });
});
