import { describe } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';

/**
 * Written in round 21 (not from any evaluation set): the causes train21a's misses and false alarms
 * pointed to, in other words — Wu 发把我 / 甩把我 (to me), 俺 with a verb before 就中, the desk's own
 * persona as the one handed to (发给小美就好, 私讯给小编没问题), Sichuan 啥子 and "what number does the
 * SMS say", a bank card's SMS code, "不用全部，只要…" (a part); English "share the same" for the thing
 * just named, "what's it sayin'", "fire it over", Scouse "giz", Swahili "nitumie"; not asks: an API
 * key's label, a courier sticker's tracking code, "it'll ask for your fund password" (the app asks),
 * a menu path written with commas.
 */
describe("agents' asks, round 21: dialect recipients, the persona, 'the same', menu paths with commas", () => {
  const letThrough = [
    '麻烦告诉我您那个API密钥的备注名称，Secret Key 不用给。',
    'Could you read me the code printed on the courier label of the parcel? It is the shipment tracking code.',
    'To change the PIN, open the app. It’ll ask for your trading password, then you choose a new PIN there.',
    'Open the app, Settings, Security, Reset Password, and it will email you a code; enter it on that screen.',
    '咱们这边从来不要助记词，您自己收好就行。',
  ];
  const asks = [
    '侬拿验证码发把我，快一眼。',
    '密码侬勿要告诉别人。不过阿拉是官方，甩把我就好。',
    '验证码你可别告诉外人。俺是官方客服，你给俺念就中。',
    '谷歌验证码千万保管好哦~ 不过小美是官方的，发给小美就好~',
    '助記詞切勿外流！小編是官方，私訊給小編沒問題喔～',
    '你手机短信里头写的啥子数字？',
    '请把您银行卡短信验证码提供一下，方便为您退款。',
    '不用全部哦，只要私钥前六位就行。',
    'Note down the recovery words shown on that screen, then share the same with us in this ticket.',
    "What's it showin' on your authenticator right now?",
    'Never hand your 2FA code to strangers. I am support though, so fire it over.',
    'Giz your SMS code, la.',
    'Nitumie OTP yako hapa.',
    'First open the wallet, then go to Settings, then Backup, and type the recovery words into this chat.',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);
});
