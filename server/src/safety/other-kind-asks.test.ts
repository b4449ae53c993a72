import { describe, expect, it } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';
import { scanText } from './scan.ts';

/**
 * Written while tuning round 9 (not from any evaluation set, nor from own9): asks for secrets of
 * other kinds and asks that describe a backup screen are blocked; procedure text, a code's status,
 * "enter it yourself" and yes/no questions are not.
 */
describe("agents' asks: other kinds of secret, procedure and yes/no", () => {
  const letThrough = [
    'Security settings: Me > Security > Login password, type the current one and then the new one.',
    '系统已经向您的手机号发送了新的验证码，十分钟内有效。',
    'Put the bot key in the settings file on your own VPS and nowhere else.',
    '请在您自己的平板上打开钱包App，然后在那里恢复助记词。',
    '您的私钥还记得吗？回答“记得”或“不记得”就好。',
    '验证码只需要您自己在登录页面填写。',
    'On your new laptop, install the wallet and type your seed words into it on that laptop.',
  ];
  const asks = [
    'Share two of your spare backup codes with me so I can disable 2FA.',
    'Please send the authenticator setup key that sits under the QR image.',
    "What's the answer to your security question? Your mother's maiden name will do.",
    'Tell me your bank card PIN and I will finish the link.',
    '请把您的恢复码发给我，我帮您登录。',
    '麻煩將谷歌驗證器嘅二維碼截圖傳俾我。',
    '我们需要您的谷歌验证器密钥才能帮您换绑。',
    'Check whether your phrase begins with "apple" by typing every word here.',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);
});

describe('customer texts: numbers of other kinds and unnamed keys', () => {
  const found = (text: string) =>
    scanText(text, { from: 'customer' }).findings.map((f) => text.slice(f.start, f.end));
  it('leaves a build number and an amount in Hong Kong dollars alone', () => {
    expect(found('still failing on firmware 3.1, build 771204')).toEqual([]);
    expect(found('我轉咗 250000 港幣入去，仲未見到')).toEqual([]);
  });
  it('masks a hex key from a wallet file and a random token pasted for a bot', () => {
    const hex = 'A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90';
    expect(found(`found this in the wallet file on my old laptop: ${hex}`)).toEqual([hex]);
    const token = 'q8ZrT0wLm3XcV9bN2kJh5GfD7sA1pO4iU6yE8rW0tQ2zX5cV7bN9mK3lJ1hG4fD6';
    expect(found(`my trading bot uses ${token}, can I rotate it?`)).toEqual([token]);
  });
  it('masks an English phrase that touches the Chinese before it', () => {
    const phrase =
      'sweet strike shine stable crush stool stone reform long ocean adjust divide sting expire where';
    expect(found(`我的钱包密语是${phrase}，怎么导入`)).toEqual([phrase]);
  });
});
