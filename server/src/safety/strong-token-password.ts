import { matchesIn } from '../platform/matches-in.ts';
import type { Finding } from './findings.ts';
import { namedAsName, USER_NAME_WORDS } from './secret-candidates.ts';
import { simplifiedSameLength } from './simplified.ts';

/**
 * A token shaped as only a password is (round 28): eight or more characters with a lower-case
 * letter, a capital, a digit and a symbol, no space — "Kraal!Mahalapye7", "Muckle_Flugga3",
 * "TTweek_Laxey9". Customers write them with no password named ("I wrote it inside the lid — …",
 * "either X or x, not sure about the capital", a list of what they tried); of such tokens in the
 * customers' development sets, 1,032 were secrets and 17 something else, every one of those named as
 * it before it: a Wi-Fi network's, a wallet's, a user's name. A web address, an e-mail address, a
 * handle and a masked value ("Yanch****8") are not one.
 */
const TOKEN =
  /(?<![\p{L}\p{N}_@/:#$%&*+=~'’.-])[A-Za-z0-9][A-Za-z0-9_!#$%&*+?~.'’-]{6,38}[A-Za-z0-9!#$%&*~](?![=\p{L}\p{N}_])/gu;
const SHAPE = (t: string) =>
  /[a-z]/.test(t) && /[A-Z]/.test(t) && /\d/.test(t) && /[_!#$%&*+?~.'’-]/.test(t) && !/\*{2,}/.test(t);
/** An address: a dot before a top-level domain's letters at the end ("lumen-secure.help"), or "www.". */
const ADDRESS = /\.[A-Za-z]{2,10}$|^www\./i;
/** Named as something else in the words before: a user's, an account's or a device's name, a handle. */
const OTHER_NAME_BEFORE = new RegExp(
  String.raw`(?:${USER_NAME_WORDS}|handle|ssid|\b(?:withdrawal|deposit|order|transaction|tx|ticket|case|reference|ref)\s+(?:id|no\.?|number|#)|用户名|昵称|账号名|帐号名|名字|名称|网名|订单号|單號|单号|编号|編號)[^.!?\n。，,]{0,20}?(?:\b(?:is|was|called|named|shows\s+as|reads)\b|叫|是|为|[:：])?\s*["'“‘「『]?$`,
  'iu',
);

/** …or after it: "Orbit-5512 is my order", "是我的用户名". */
const OTHER_NAME_AFTER =
  /^\s*(?:(?:is|was)\s+(?:my|the|our|his|her)?\s*(?:order|uid|ticket|reference|ref|invoice|user\s*name|username|handle|nick\s*name|wallet|wi-?fi|network|device|account\s+name)\b|(?:是|为)(?:我的)?(?:订单|用户名|昵称|工单|钱包|网络))/iu;
/**
 * A token alone on its line, with no password, sign-in or typing named anywhere in the message, is a
 * handle or a name under the sign-off ("Thanks,\nTom\n\nTom_Baker88"); signed-off-password.ts reads
 * the one a message says is there.
 */
const SAYS_PASSWORD_OR_ENTRY =
  /pass|\bpw|\bpin\b|密码|口令|log\s*-?in|sign\s*-?in|登录|登入|登陆|\btr(?:y|ied)\b|\btyp|\benter|输入|试/iu;
function aloneOnItsLine(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  return text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).trim() === text.slice(start, end);
}

export function detectStrongTokenPasswords(original: string): Finding[] {
  const text = simplifiedSameLength(original);
  const out: Finding[] = [];
  for (const m of matchesIn(text, TOKEN)) {
    const value = m[0];
    if (!SHAPE(value) || ADDRESS.test(value)) continue;
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    if (namedAsName(before) || OTHER_NAME_BEFORE.test(before)) continue;
    const end = m.index + value.length;
    if (OTHER_NAME_AFTER.test(text.slice(end, end + 40))) continue;
    if (aloneOnItsLine(text, m.index, end) && !SAYS_PASSWORD_OR_ENTRY.test(text)) continue;
    out.push({ kind: 'password', start: m.index, end });
  }
  return out;
}
