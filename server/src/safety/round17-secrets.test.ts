import { describe, expect, it } from 'vitest';
import { masked } from './secret-verdicts.testing.ts';

/** Written in round 17 (not from any evaluation set): customers' messages round 16 left open. */
describe('customer secrets, round 17', () => {
  it('reads a date near a password as when something happened, unless the password is that date', () => {
    expect(masked('I changed my password last week, it was 2024-11-03')).toEqual([]);
    expect(masked('I reset my password, it was on 2024-11-03 I think')).toEqual([]);
    expect(masked('密码上周改的，改的时候是2024-11-03')).toEqual([]);
    // Labelled right before, or a birthday: the date is the password.
    expect(masked('my password: 1990-03-12')).toEqual(['1990-03-12']);
    expect(masked('My password is my birthday, 1990-03-12')).toEqual(['1990-03-12']);
    expect(masked('密码是我生日 1990-03-12')).toEqual(['1990-03-12']);
  });

  it('reads both values a customer says they tried, without the word "password"', () => {
    expect(masked('I tried both Tiger#12 and Tiger#21 and neither works')).toEqual(['Tiger#12', 'Tiger#21']);
    expect(masked('I tried both 2 and 3 times, nothing')).toEqual([]);
  });

  it('reads a password spelled out letter by letter, with its spoken case and sign words', () => {
    expect(masked('my pw is m a r y then 8 8, all lowercase')).toEqual(['m a r y then 8 8']);
    expect(masked('password: capital T o m at sign 7 7 hash please check')).toEqual([
      'capital T o m at sign 7 7 hash',
    ]);
    expect(masked('密码是 大写的Q 小写的w 然后 星号 再 2020')).toEqual(['大写的Q 小写的w 然后 星号 再 2020']);
    expect(masked('我個密碼係 大楷 M 細楷 y 跟住 井字 再 88')).toEqual(['大楷 M 細楷 y 跟住 井字 再 88']);
    // Rules about a password, letters of a country, spelling without a password named: left alone.
    expect(masked('Password must include a capital letter, a number and a symbol like ! or #')).toEqual([]);
    expect(masked('The password rules: 8 characters, 1 upper case, 1 lower case, 1 number')).toEqual([]);
    expect(masked('I typed the password on the U S version of the app')).toEqual([]);
    expect(masked('my name is spelled j o h n s o n, capital J')).toEqual([]);
  });

  it('reads a dictated Chinese code, an apostrophe, a value before its name and labelled look-alikes (dev18)', () => {
    expect(masked('媽媽念給我的 是 四七二 九一零 這個對嗎')).toEqual(['四七二 九一零']);
    expect(masked('我电话是幺三八 一二三四 五六七八')).toEqual([]);
    expect(masked("my password's not working, but it's definitely Wombat#42 I swear")).toEqual(['Wombat#42']);
    expect(masked('zxc!qwe@asd——这就是我的登录密码')).toEqual(['zxc!qwe@asd']);
    expect(masked("hotel wifi name is 'Hilton_Guest_24' and the login page is locked")).toEqual([]);
    expect(masked('推荐码就是 QW7K2M，朋友注册的时候填了')).toEqual([]);
    expect(masked('我的銀行帳號末四碼是 5521，轉帳備註寫 KF')).toEqual([]);
    expect(masked('密碼寫咗喺本簿度：菠蘿Pine-apple7')).toEqual(['菠蘿Pine-apple7']);
    expect(masked('密码提示：请输入Abc12345')).toEqual(['Abc12345']);
  });

  it('reads the radio alphabet and digits said as such in a spelled password', () => {
    expect(masked('I set my password to Hotel Echo Lima Lima Oscar two two')).toEqual([
      'Hotel Echo Lima Lima Oscar two two',
    ]);
    expect(masked('密码是小写的m小写的q数字三数字八井号')).toEqual(['小写的m小写的q数字三数字八井号']);
    expect(masked('password reset: I stayed at the Hotel Sierra in Lima, Mike booked it')).toEqual([]);
  });

  it('reads one plain word given as the password, not a word about it', () => {
    expect(masked('my pw was dragon, now it says wrong')).toEqual(['dragon']);
    expect(masked('the password is literally pancake (yes really) and it fails')).toEqual(['pancake']);
    for (const text of [
      'my password is compromised, help',
      'my password is wrong and the code never came',
      'the password is there.',
      'My password is different, is that ok?',
      'our password is required, but where?',
    ])
      expect(masked(text), text).toEqual([]);
  });

  it('takes a password whole when the customer says it has Chinese characters or spaces in it (dev19)', () => {
    expect(masked('My password has Chinese characters in it, 龙猫Totoro77, is that the problem?')).toEqual([
      '龙猫Totoro77',
    ]);
    expect(masked('我密码是 xiaowu520_宿舍 ，是不是不能用中文字符')).toEqual(['xiaowu520_宿舍']);
    expect(masked('密码是Abc12345登录不了，是不是不能有中文')).toEqual(['Abc12345']);
    expect(masked('My password has spaces in it: red kite 42 moor — is that allowed?')).toEqual([
      'red kite 42 moor',
    ]);
    expect(masked('密码是 ping an xi le 6 中间有空格')).toEqual(['ping an xi le 6']);
    // The English sentence going on is not part of it.
    expect(masked('password: Tiger#22 and 3 tries later it locked, is there a space limit')).toEqual([
      'Tiger#22',
    ]);
  });

  it('reads counts, quoted rules, postcodes and resent codes (dev19)', () => {
    expect(masked('The app made a 32-character password but your site only takes 20, can I reset?')).toEqual(
      [],
    );
    expect(masked('新密码规则写「须包含大小写及数字，长度8至32位」，可以用符号吗？')).toEqual([]);
    expect(masked('邮递区号我填 200120 说格式错误')).toEqual([]);
    expect(masked('Hit resend twice. The first was 551902, then 773104 showed up. Which one?')).toEqual([
      '551902',
      '773104',
    ]);
    expect(masked('短信到了。上面写的是 930418 。输完就卡住了')).toEqual(['930418']);
  });
});
