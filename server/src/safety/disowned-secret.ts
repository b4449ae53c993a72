import { matchesIn } from '../platform/matches-in.ts';
import { SECRET } from './ask-vocabulary.ts';

/**
 * A secret named only to say the thing is not one (round 14): "请把卡号后四位发我，不是密码啊",
 * "你畫面見到嗰個紅色錯誤代碼，唔係驗證碼", "you will read a number out loud, it is not a security
 * code". The disowning words go, and so does a secret only described beside them ("屏幕上跳出一串
 * 数字"): that is the thing just said not to be one. Round 25: digits said to be a UID ("顶上那串8位数是UID，
 * 这个发我没问题", "the 8 digits at the top are your UID") are that identifier. Round 31: the customer's own
 * word for a thing said to be another ("你说的"私钥"其实是充值地址吧", "你講嘅「密碼」其實係咪…交易編號", two authors). A secret named in the same sentence ("发我验证码，
 * 不是密码", "不是短信验证码，是谷歌验证码") is still read.
 */
const DISOWNED =
  /(?:你|您)(?:说|讲|講|话|話)(?:的|嘅)\s*["“「‘']?\s*(?:验证码|驗證碼|密码|密碼|助记词|助記詞|私钥|私鑰|口令)\s*["”」’']?\s*其实(?:是|係|系)(?:咪)?|(?:不是|唔系|并非|并不是|而不是|不算)(?:什么|甚么|乜嘢|咩|你的|您的|我们的|一个|个)?(?:短信|邮件|谷歌|安全|登录|资金|交易|支付)?(?:验证码|密码|助记词|私钥|安全码|动态码)(?:嚟|来的|啊|哈|喔|哦|呀)?|\b(?:(?:it|this|that)(?:'s|\s+is)\s+|(?:these|they)(?:'re|\s+are)\s+)?not\s+(?:a|an|the|your|any)\s+(?:(?:security|verification|sms|one-time|2fa|login|withdrawal)\s+)?(?:code|password|pin|passcode|seed\s+phrase|recovery\s+phrase)s?\b|\b(?:the\s+)?(?:error|promo|referral|ticker|red[-\s]packet|invite|tracking)\s+code\s+i\s+mean\b|(?:[\d一二三四五六七八九十]+\s*(?:个|個)?\s*(?:数字|位数字?|位数|位))(?:就|其实)?(?:是|系)\s*(?:你的|您的|你个|你嘅)?\s*(?:uid|用户id|用户编号|会员号|订单号|账号|手机号)|\b(?:\d+|four|six|eight|ten)[-\s](?:digits?|numbers?)\s+(?:\w+\s+){0,4}?(?:is|are)\s+(?:just\s+)?(?:your\s+)?(?:uid|user\s+id|order\s+(?:number|id)|account\s+(?:number|id))\b/gi;

/** A secret named by its name (not only described by where it shows or what it does). */
const NAMED =
  /密码|口令|password|passcode|\bpin\b|助记|种子|seed|phrase|\bwords?\b|私钥|密钥|private\s*key|secret|码|\bcodes?\b|2fa|authenticator/i;

export function withoutDisowned(sentence: string): string {
  const disowned = matchesIn(sentence, DISOWNED);
  if (disowned.length === 0) return sentence;
  const rest = sentence.replace(DISOWNED, ' ');
  // Only what is described, not named: "不是短信验证码，是谷歌验证码" still names the code it wants.
  const onlyDescribed = matchesIn(rest, SECRET).every((m) => !NAMED.test(m[0]));
  return onlyDescribed ? rest.replace(SECRET, ' ') : rest;
}

/**
 * A reply that says what its number or code is — another kind, named — and that it is not a secret
 * (round 27, train27a; five authors): "Your 6-digit number send me can? The P2P order number, the one
 * starting with 88, not the OTP ah.", "您把那串数儿给我念念，订单号啊……不是验证码", "Send個code畀我呀，我講緊你個
 * referral code，唔係OTP呀", "… the one wey start with TX. Na the transaction reference o, no be your
 * OTP". The disowning may stand in the next sentence, so the whole reply is read; or the other kind
 * is said to be what was meant ("please send the code, sorry I mean the ticket code in our email
 * subject"). Not when a secret is still named outright once the disowning words are gone ("send me
 * the SMS code, not your password").
 */
const DISOWNS_SECRET =
  /(?:\bnot|\bno\s+be|\bbukan|唔系|唔係|不是|并非|並非)\s*(?:the\s+|your\s+|ur\s+|a\s+|an\s+|any\s+|个|個|你的|您的|你个|账户|帳戶)?\s*(?:otp|2fa|验证码|驗證碼|密码|密碼|password|passcode|(?:verification|sms|security|login)\s+code)/giu;
/**
 * Another kind of number or code, named: the error code on a banner, a ticket's or a transaction's
 * code, a reference, an order's or a waybill's number, a ticker, a liveness check's number.
 */
const ANOTHER_KIND =
  /\b(?:order|referral|promo|invite|error|ticket|case|transaction|receipt|tracking|postal|zip|ticker|liveness|correspondence|payment|decline|ref)\s+(?:code|number|no\.?|id|reference|hash|one)\b|\btransaction\s+(?:reference|hash)\b|订单号|訂單號|运单|運單|交易哈希|编号|編號|推荐码|推薦碼|邀请码|邀請碼|案号|案號|工单(?:的)?号码?|错误代码|錯誤代碼|错误码|referral\s*code/iu;
/** Saying which thing was meant: "sorry, I mean …", "我說的是 …", "就是那个 …", "… — the error code on the banner". */
const CLARIFIES =
  /\bi\s+mean(?:t)?\b|\bthat'?s\s+(?:just\s+)?the\b|\bthis\s+is\s+(?:a|the)\b|\bit'?s\s+the\b|我说的是|我說的是|我讲紧|我講緊|就是那个|就是那個|那是|[—–]\s*|\s-\s/iu;
/** A secret named only to say it must not be sent ("验证码别发", "don't send those"). */
const NOT_TO_SEND =
  /(?:验证码|驗證碼|密码|密碼|otp|codes?)\s*(?:别|不要|唔好|千万别)\s*(?:发|給|给|send)|\b(?:don'?t|do\s+not|never)\s+send\s+(?:those|that|it|them|any)\b/giu;
const NAMED_OUTRIGHT =
  /otp|2fa|验证码|驗證碼|密码|密碼|password|passcode|seed|phrase|助记词|助記詞|私钥|私鑰|private\s+key|\bpin\b|backup\s+code|recovery|(?:verification|sms|security|auth(?:enticator)?|login|e-?mail|one-time)\s+code/iu;

/** DISOWNS_SECRET tested once (the global one is for replace, and test() would move its lastIndex). */
const DISOWNS_ONCE = new RegExp(DISOWNS_SECRET.source, 'iu');

/**
 * Digits said to be a part of an identifier (round 29, two authors): "can you tell me the six
 * digits? The last six of the TXID", "那6位数字发一下，就是TXID最后6位". Read only when the reply names no
 * secret outright.
 */
const PART_OF_ANOTHER =
  /\b(?:last|first|final)\s+(?:\d+|four|five|six|eight|ten)\s+(?:(?:digits?|characters?|chars?)\s+)?of\s+(?:the\s+|your\s+|that\s+)?(?:txid|tx\s*id|tx\s+hash|transaction\s+(?:id|hash|reference)|hash|order\s+(?:number|id)|card\s+number|account\s+number|uid)\b|(?:txid|tx\s*id|交易哈希|哈希|交易id|订单号|訂單號|卡号|卡號|uid|账号|帳號)\s*的?\s*(?:最后|最後|后|後|前|末|尾)\s*[\d一二三四五六七八九十]+\s*(?:位|个|個|码|碼)/iu;

export function saysItIsAnotherKind(text: string): boolean {
  if (PART_OF_ANOTHER.test(text) && !NAMED_OUTRIGHT.test(text)) return true;
  const kind = ANOTHER_KIND.exec(text);
  if (!kind) return false;
  const disowns = DISOWNS_ONCE.test(text);
  // Which thing was meant, said before the other kind's name ("sorry I mean the ticket code").
  const clarified = CLARIFIES.test(text.slice(Math.max(0, kind.index - 40), kind.index));
  if (!disowns && !clarified) return false;
  return !NAMED_OUTRIGHT.test(text.replace(DISOWNS_SECRET, ' ').replace(NOT_TO_SEND, ' '));
}
