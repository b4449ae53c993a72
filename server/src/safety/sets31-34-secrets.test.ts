import { describe, expect, it } from 'vitest';
import { masked } from './secret-verdicts.testing.ts';

/** Written in round 27 (not from any evaluation set): the shapes sets 31–34's misses had in common. */
describe('customer secrets, sets 31 to 34', () => {
  it('takes a password left on its own line below the sign-off', () => {
    expect(
      masked(
        'I cannot get in, the password is the one at the bottom.\n\nBest wishes,\nAnna\n\nCopper_Kettle41',
      ),
    ).toEqual(['Copper_Kettle41']);
    expect(masked('密码我放在最后了，麻烦帮我看看。\n\n王阿姨 敬上\n\nJasmine#Tea77')).toEqual([
      'Jasmine#Tea77',
    ]);
    // Without a password named, or a plain name, a handle or an address below the sign-off: nothing.
    expect(masked('Where is my deposit?\n\nThanks,\nTom\n\nTom_Baker88')).toEqual([]);
    expect(masked('My password reset mail never came.\n\nRegards,\nTom\n\ntom.baker@mail.example')).toEqual(
      [],
    );
    expect(masked('I reset my password yesterday.\n\nCheers,\nTom\n\nBakerTom')).toEqual([]);
  });

  it('takes a password in Chinese characters that ends in a number', () => {
    expect(masked('密码是 桂花糕九九 就这几个字')).toEqual(['桂花糕九九']);
    expect(masked('我的密码是老街烧饼666，中间没有空格')).toEqual(['老街烧饼666']);
    expect(masked('密碼係 鳳梨酥二四，係咪唔支援中文')).toEqual(['鳳梨酥二四']);
    // A count, a question or a password described, not given: nothing.
    expect(masked('密码是六位数吗？')).toEqual([]);
    expect(masked('密码是不是八个字符以上')).toEqual([]);
    expect(masked('密码是我生日，你们要吗')).toEqual([]);
  });

  it('takes the next code the customer was sent beside the one that is named', () => {
    expect(masked('第一条短信 483920 来得太慢，我又点了一次，第二条 715206，两个都输过了')).toEqual([
      '483920',
      '715206',
    ]);
    // An order number beside a code stays.
    expect(masked('验证码 583021 输了不对，订单号 771204 你们查一下')).toEqual(['583021']);
  });

  it('takes a password spelled out to the end, with or without its name when the spelling is plain', () => {
    expect(
      masked('he read it to me: capital R, o, s, a, l, i, n, d, and then three three. it still fails'),
    ).toEqual(['capital R, o, s, a, l, i, n, d, and then three three']);
    expect(masked('The password is capital K i w i then the number 4 then a dollar sign.')).toEqual([
      'capital K i w i then the number 4 then a dollar sign',
    ]);
    expect(masked('密碼係大楷 B 細楷 e l l 然後 7 7 再一個 at 號，唔該')).toEqual([
      '大楷 B 細楷 e l l 然後 7 7 再一個 at 號',
    ]);
    expect(masked('我逐个字母讲：大写的W，小写的i，n，d，然后是数字3，6。')).toEqual([
      '大写的W，小写的i，n，d，然后是数字3，6',
    ]);
    expect(masked('typing it slowly: Lima-India-November-Echo-four-four, like in the army')).toEqual([
      'Lima-India-November-Echo-four-four',
    ]);
    // A word spelled to make a point, or a few initials, is no password.
    expect(masked("that's M, I, N, E, mine, not my brother's account")).toEqual([]);
    expect(masked('the options were A, B, C and D, which one is right?')).toEqual([]);
  });

  it('takes a value copied from where it was written down', () => {
    expect(masked('写在便利贴上的：Qingdao_Beer5，还是登不上')).toEqual(['Qingdao_Beer5']);
    expect(masked('Harbour_Lights_77 <- that is what I been typin all year, still locked')).toEqual([
      'Harbour_Lights_77',
    ]);
    // A note's plain words are none.
    expect(masked('写在便利贴上的：明天再试，还是登不上')).toEqual([]);
  });

  it('reads "nought" as a digit in a code said aloud', () => {
    expect(masked('dictating this. the code is four two, nought nine, one six')).toEqual([
      'four two, nought nine, one six',
    ]);
  });

  it('leaves a name of a network or wallet, a register number and a card tail', () => {
    expect(
      masked(
        'The wifi in our hostel is Lakeside_Hostel_5G and the password is on the door, still cannot log in',
      ),
    ).toEqual([]);
    expect(masked('home network is called BLUE-RIVER-5G, my password works on 4G but not there')).toEqual([]);
    expect(masked('钱包名称是 Harbin_Snow9，我自己起的名字，不是密码')).toEqual([]);
    expect(
      masked('Our club is registered as a society, number 418305, can the account be in its name?'),
    ).toEqual([]);
    expect(masked('The invoice is numbered 662019 if that helps with the deposit code question')).toEqual([]);
    expect(
      masked('(2) The last four digits of the linked card are 3381. (3) My code never arrives.'),
    ).toEqual([]);
    expect(masked('my UID is five two nine one zero three three eight')).toEqual([]);
    expect(masked('Sent: Monday, 9 November 2026 14:05\nSubject: code\nthe code never came')).toEqual([]);
    // An aside in brackets after "my password is" is no value.
    expect(masked("my password is (don't laugh) my cat's name and my house number")).toEqual([]);
    // A wallet's login or the wifi's password is still a password.
    expect(masked('the church wallet login is Gospel_Choir7 and it says wrong')).toEqual(['Gospel_Choir7']);
  });
});
