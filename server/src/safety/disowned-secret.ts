import { SECRET } from './ask-vocabulary.ts';

/**
 * A secret named only to say the thing is not one (round 14): "请把卡号后四位发我，不是密码啊",
 * "你畫面見到嗰個紅色錯誤代碼，唔係驗證碼", "you will read a number out loud, it is not a security
 * code". Nothing of that kind is asked for in that sentence: the disowning words go, and so does
 * any other mention of the same kind or a secret only described ("屏幕上跳出一串数字") beside them —
 * that is the thing just said not to be one. A secret of another kind named in the same sentence
 * ("发我验证码，不是密码") is still read.
 */
const DISOWNED =
  /(?:不是|唔系|并非|并不是|而不是|不算)(?:什么|甚么|乜嘢|咩|你的|您的|我们的|一个|个)?(?:短信|邮件|谷歌|安全|登录|资金|交易|支付)?(?:验证码|密码|助记词|私钥|安全码|动态码)(?:嚟|来的|啊|哈|喔|哦|呀)?|\b(?:(?:it|this|that)(?:'s|\s+is)\s+|(?:these|they)(?:'re|\s+are)\s+)?not\s+(?:a|an|the|your|any)\s+(?:(?:security|verification|sms|one-time|2fa|login|withdrawal)\s+)?(?:code|password|pin|passcode|seed\s+phrase|recovery\s+phrase)s?\b|\b(?:the\s+)?(?:error|promo|referral|ticker|red[-\s]packet|invite|tracking)\s+code\s+i\s+mean\b/gi;

type Kind = 'code' | 'password' | 'phrase' | 'key';
const KINDS: Array<[Kind, RegExp]> = [
  ['password', /密码|口令|password|passcode|\bpin\b/i],
  ['phrase', /助记|种子|seed|phrase|\bwords?\b/i],
  ['key', /私钥|密钥|private\s*key|secret/i],
  ['code', /码|\bcodes?\b|2fa|authenticator/i],
];
function kindOf(named: string): Kind | null {
  for (const [kind, test] of KINDS) if (test.test(named)) return kind;
  return null;
}

export function withoutDisowned(sentence: string): string {
  const disowned = [...sentence.matchAll(DISOWNED)];
  if (disowned.length === 0) return sentence;
  const kinds = new Set(disowned.map((m) => kindOf(m[0])));
  const rest = sentence.replace(DISOWNED, ' ');
  const sameThing = [...rest.matchAll(SECRET)].every((m) => {
    const kind = kindOf(m[0]);
    return kind === null || kinds.has(kind);
  });
  return sameThing ? rest.replace(SECRET, ' ') : rest;
}
