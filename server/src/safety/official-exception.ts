import { normalise, SECRET_IN, sentences } from './ask-text.ts';
import type { Finding } from './findings.ts';

/**
 * The scammer's exception to the desk's own advice (round 25, train25a): "Don't share your password
 * with anybody ah, very dangerous. But to me can, I'm staff", "助记词勿要拨任何人看，阿拉官方例外，侬发拨
 * 我好了", "台端不得向他人透露私鑰；惟本公司為官方單位，不在此限", "助記詞jangan給別人哦，但是給我boleh".
 * The advice names the secret and negates handing it over, so the sentence rules read it as advice
 * and stop there; what makes it an ask is the permission the writer gives themself after it. Read
 * on the simplified, dialect-folded text (detect-request.ts); the whole message is the ask.
 *
 * Only a permission for the writer counts: "I am official support, never give your password to
 * anyone" (what every desk says) gives none, and "except in the official app" or 除官方渠道外 is a
 * place, not a person.
 */
const WARNS =
  /\b(?:don'?t|do\s+not|never|not\s+to)\s+(?:share|give|send|tell|show)\b[^.?!]{0,50}\b(?:any(?:one|body)|no\s*one|others|other\s+people|strangers?)\b|(?:不要|不能|不可以|不得|别|切勿|勿|jangan)\s*(?:[^，。；！？]{0,8})?(?:给|拨|畀|俾|告诉|透露|发给|交给|泄露)\s*(?:任何人|别人|他人|其他人|外人|第三方)|(?:不要|不能|不可以|不得|别|切勿|勿)\s*(?:向|对|给|跟|和)\s*(?:任何人|他人|别人|其他人|外人|第三方)\s*(?:透露|提供|告知|告诉|说|讲|泄露|出示)/i;
const PERMITS_WRITER =
  /\bbut\s+(?:to|for|with)\s+(?:me|us)\s+(?:(?:also\s+)?can|ok(?:ay)?|fine|is\s+(?:ok(?:ay)?|fine|safe)|no\s+problem|boleh)\b|\bexcept\s+(?:for\s+)?(?:me|us|(?:the\s+)?(?:official\s+)?(?:staff|support\s+(?:team|staff)))\b(?!\s+(?:in|on|at|through)\b)|(?:官方|我们|我|客服|本公司|本部)(?:是|为|系)?[^，。；！？不无没非]{0,4}例外|不在此限|(?:给|发给|告诉|说给)(?:我|我们)\s*(?:boleh|可以|没问题|没关系|就中|说中|中|行|无妨)|(?:给|发|告诉)(?:我|我们)(?:说|讲)?(?:中|行)(?=[，。！!,]|$)|除(?:了)?(?:我|我们|官方|客服)(?!渠道|app|网站|网页|应用|页面|平台)(?:以外|之外)?/i;

export function asksWithOfficialException(text: string): Finding[] {
  if (!WARNS.test(text) || !PERMITS_WRITER.test(text)) return [];
  const said = sentences(text).map((s) => normalise(s.text));
  // The advice must name the secret it makes the exception to.
  if (!said.some((s) => WARNS.test(s) && SECRET_IN(s))) return [];
  return [{ kind: 'secret_request', start: 0, end: text.trimEnd().length }];
}
