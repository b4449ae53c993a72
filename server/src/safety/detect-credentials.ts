import { matchesIn } from '../platform/matches-in.ts';
import type { Finding } from './findings.ts';
import { may } from './gates.ts';
import { SAYS_CHINESE } from './password-extent.ts';
import { UNIT_AFTER } from './secret-candidates.ts';
import { simplifiedSameLength } from './simplified.ts';

/**
 * Passwords, one-time codes and API secrets given in context: "密码是 Abc123", "pw is 'x'",
 * "the code I got is 350 369", "收到的驗證碼是7.3.5.9", "I just received 940517 by email, is that
 * the verification code?", "api secret=…". Only the value is hidden; the words that introduce it
 * stay, so the agent still understands what happened. "I forgot my password" or "验证码收不到"
 * carry no value and are left alone. Chinese is read in Simplified (zh-Hant converted first).
 */

const Q_OPEN = `["'“‘「『]`;
const QUOTED = `(?:"[^"\\n]{1,64}"|\`[^\`\\n]{1,64}\`|(?<![A-Za-z])'[^'\\n]{1,64}'(?![A-Za-z])|“[^”\\n]{1,64}”|‘[^’\\n]{1,64}’(?![A-Za-z])|「[^」\\n]{1,64}」|『[^』\\n]{1,64}』|"[^"\\n]{1,64}”)`;
/**
 * Words between "password" and its value: "is", "was changed from", "for our business account is" (round 28),
 * "设置的", Cantonese "係". An
 * English word must end there ("password tom12345" is not "password to" + "m12345").
 */
const BRIDGE_WORD =
  '(?:(?:is|was|were|to|should\\s+be|set\\s+to|changed\\s+(?:from|to)|still|now|currently|just|here|for\\s+(?:(?:the|my|our|this|his|her|their|your)\\s+)?(?:[A-Za-z]+\\s+){0,2}?(?:app|account|wallet|exchange|login|withdrawals?))(?![A-Za-z])|[（(][^)）\\n]{1,40}[)）]\\s*[:：]|=|:|：|->|=>|→|应该|应当|是|为|係|系|设置的|(?:设置|设|改|换|修改|更改)(?:成|为)了?|-)';
const BRIDGE = `((?:\\s*${BRIDGE_WORD}\\s*){0,3}|\\s+)`;

const PASSWORD_WORDS =
  '(?:登录密码|登入密码|资金密码|交易密码|支付密码|钱包密码|密码|口令|password|passwd|passphrase|pass\\s*word|pwd|pw|m?pin(?:\\s*code)?|(?:my|the|login|account)\\s+pass(?=\\s*(?:is\\b|[:：=])))';
/** Chinese names of a password: the value may follow with no space ("密码dragon19900704"). */
const PASSWORD_WORDS_ZH = '(?:登录密码|登入密码|资金密码|交易密码|支付密码|钱包密码|密码|口令)';
/** A value typed a character at a time with spaces between, so that nothing hides it ("m a r i o 1 9 8 8"). */
const SPACED_OUT = `(?:[^\\s"'“”‘’「」『』，。,;；、]\\s){3,40}[^\\s"'“”‘’「」『』，。,;；、](?!\\S)`;
const PASSWORD = new RegExp(
  `(?:(?<![A-Za-z0-9])${PASSWORD_WORDS}(?![A-Za-z])|${PASSWORD_WORDS_ZH})${BRIDGE}(${QUOTED}|${SPACED_OUT}|[^\\s"'“”‘’「」『』，。,;；、]{3,64})`,
  'giu',
);
/**
 * A config or environment line ("LUMEN_PASS=Zw_9f3k!x", "db_password: …", round 24): a key ending in
 * pass / password / pwd, then "=" or ":", then the value (not "BYPASS=", whose "pass" is inside a word).
 */
const CONFIG_PASSWORD =
  /(?<![A-Za-z0-9])(?:[A-Za-z0-9]+_)?(?:pass(?:word|wd)?|pwd)["']?\s*[=:]\s*["']?([^\s"',;}]{3,64})/giu;
/** "I tried logging in with "Aa794061*?"": the value is a password without the word. */
const LOGIN_WITH = new RegExp(
  `(?:log(?:ging|ged)?\\s*in|sign(?:ing|ed)?\\s*in|登录|登入)\\s*(?:with|using|用|使用)\\s*(${QUOTED}|[^\\s"'“”‘’「」『』，。,;；、]{6,64})`,
  'giu',
);

export const CODE_WORDS =
  '(?:google\\s*验证(?:码|器)?|谷歌验证码|谷歌验证器|谷歌验证|google\\s*(?:authenticator|auth)(?:\\s*(?:app|code))?|短信验证码|简讯验证码|短信码|简讯码|邮箱验证码|邮件验证码|手机验证码|验证码|校验码|动态码|动态口令|安全码|2fa(?:\\s*(?:code|码))?|two[-\\s]factor(?:\\s*code)?|otp(?:\\s*code)?|one[-\\s]time\\s*(?:code|password|passcode)|verification\\s*(?:code|number|pin)|security\\s*code|auth(?:entication|enticator)?\\s*code|authenticator(?:\\s*app)?|sms\\s*code|email\\s*code|login\\s*code|passcode|sms|短信|简讯|code)';
/** Words between "code" and its digits: "I got is", "you sent me is", "shows", "是". */
const CODE_BRIDGE_WORD =
  '(?:(?:that\\s+|which\\s+)?(?:i|we)\\s+(?:just\\s+)?(?:got|received|get|have)|(?:you\\s+)?(?:just\\s+)?(?:sent|texted|emailed)(?:\\s+me)?|(?:just\\s+)?(?:received|came|arrived)|is|was|=|:|：|是|为|係|系|shows?|showed|says|said|reads|now|here|-|for\\s+(?:the|my|this)\\s+(?:app|account|wallet|login|withdrawals?)|(?:by|via|from|in|on)\\s+(?:sms|text|email|e-mail|mail|the\\s+app|phone|authenticator)|短信|邮件|邮箱)';
/**
 * 4 to 8 digits, maybe split by spaces, dots, dashes or commas ("350 369", "7.3.5.9.8.9", "232-064", "3, 8, 8, 5",
 * "4 4 0, 9 1 6": single digits only, so "25, 30 and 40" is a list), or pairs joined by bare commas
 * ("48,27,15", set 39: three or four pairs, no space, so "12,500" stays an amount).
 */
export const DIGITS =
  '(\\d(?: \\d){1,4}, \\d(?: \\d){1,4}(?! ?\\d)|\\d(?:[ .\\-·–]{1,3}\\d|\\d){3,7}(?!\\d|[ .\\-·–]{1,3}\\d)|\\d(?:(?:, |，\\s?)\\d){3,7}(?!\\d|(?:, |，\\s?)\\d)|\\d\\d(?:[,，]\\d\\d){2,3}(?!\\d|[,，]\\d))';
const CODE = new RegExp(
  `(?<![A-Za-z])(${CODE_WORDS})(?![A-Za-z])((?:\\s*${CODE_BRIDGE_WORD}\\s*){0,3})\\s*${Q_OPEN}?${DIGITS}`,
  'giu',
);
/** Digits first, the code named later in the sentence: "they sent me 2.2.6.1.0.5 as the security code". */
const RECEIVED_DIGITS = new RegExp(
  `(?:(?:gave|sent|texted)\\s+me\\s+an?\\s+(?:\\d|four|five|six|eight)[-\\s]digit\\s+(?:number|code)\\s*[,:]?|received|got|get|sent\\s+me|texted\\s+me|(?:i\\s+was|we\\s+were)\\s+(?:sent|texted|emailed)|(?:text|sms|email|message)\\s+(?:with|saying|that\\s+says)\\s+(?:the\\s+)?(?:number|digits|code)?\\s*:?|收到(?:了|的是)?|发来(?:了)?)\\s*${Q_OPEN}?${DIGITS}`,
  'giu',
);
export const NAMED_CODE = new RegExp(`(?<![A-Za-z])${CODE_WORDS}(?![A-Za-z])`, 'iu');
/** A bare "code" that is something else: "error code 1234", "postal code". */
export const OTHER_CODE =
  /(?:error|promo|referral|invite|invitation|zip|post|postal|country|area|reference|ref|product|coupon|voucher|discount|tracking|bank|swift|branch|qr|source|status|merchant|till|paybill|shop|store)\s*$/i;

/** API keys and secrets (exchange API access): a long random token after the name. */
const API_SECRET = new RegExp(
  `(?<![A-Za-z])(?:api[\\s_-]*(?:secret|key)(?:[\\s_-]*key)?|secret[\\s_-]*key|api[\\s_-]*密钥|密钥|秘钥|secret|apikey|access[\\s_-]*key|private[\\s_-]*token|access[\\s_-]*token)(?![A-Za-z])${BRIDGE}${Q_OPEN}?([A-Za-z0-9+/_=-]{20,128})`,
  'giu',
);

/**
 * An API secret named, a few words, then a colon ("here's the secret so you can test: Quk…"), or
 * without one when the value is long ("the secret key from the API page otV11…", 32+ characters;
 * the caller still needs digits and both letter cases, which hex hashes and phrases lack).
 */
const API_SECRET_LATER = new RegExp(
  `(?<![A-Za-z])(?:api[\\s_-]*(?:secret|key)|secret(?:[\\s_-]*key)?|apikey|密钥|秘钥)(?![A-Za-z])[^:：\\n。.!?]{1,40}?(?:[:：]\\s*|\\s(?=${Q_OPEN}?[A-Za-z0-9+/_=-]{32}))${Q_OPEN}?([A-Za-z0-9+/_=-]{24,128})(?![A-Za-z0-9+/_=-])`,
  'giu',
);

/**
 * A password named earlier in the sentence, its value later: "here is my password so you can
 * check: asd701989", "the pass I set last week was ai-hen-lumen-66", "the password he wrote on the card
 * is Buckeyes1962" (round 24: anyone who set or wrote it down), "I reset it yesterday to
 * wang.5194.abc", "I'm entering MiMa@2024cn" (with a password or login named in the message).
 * These looser frames take only values that look like a password (letters and digits, 6+).
 */
const VALUE = `(${QUOTED}|[^\\s"'“”‘’「」『』，。,;；、]{6,64})`;
const PASSWORD_LATER = new RegExp(
  `(?<![A-Za-z0-9])(?:${PASSWORD_WORDS}|pass|keepass|bitwarden|1password|lastpass|dashlane)(?![A-Za-z])(?:[^:：\\n。.!?]{1,30}?[:：]\\s*|\\s+(?:(?:that|which)\\s+)?(?:i|we|he|she|they|you|my\\s+\\w+|(?:my|the|our)\\s+\\w+(?:'s)?\\s+\\w+)\\s+(?:set|use|used|chose|picked|created|made|had|typed|wrote|gave|put)(?:\\s+\\w+){0,4}?\\s+(?:was|is|were)\\s+|(?:\\s+\\w+){1,3}?\\s+(?:is|was|been|be)\\s+)${VALUE}`,
  'giu',
);
/**
 * The value first, named after: "tried Summer2023! as password", "用 Xy7#kP2m 当密码",
 * "qwe!asd@zxc——这个就是我的密码", "Tr0ub4dor&3, that's my login password" (round 17).
 */
const AS_PASSWORD = new RegExp(
  `(${QUOTED}|[^\\s"'“”‘’「」『』，。,;；、]{6,64}?)\\s*(?:as\\s+(?:my\\s+|the\\s+|a\\s+)?(?:password|pw|pass)(?![A-Za-z])|(?:当|作为|做)(?:登录)?密码|(?:[-—–,，:：←<]+\\s*)?(?:(?:that'?s|this\\s+is|which\\s+is|is)\\s+my\\s+(?:\\w+\\s+)?(?:password|pw|pass)(?![A-Za-z])|(?:这个|这|那个|那)?就?是我的(?:登录|资金|交易|支付)?密码))`,
  'giu',
);
const SET_TO = new RegExp(
  `\\b(?:reset|changed|set|updated|switched)\\s+(?:it|my\\s+(?:password|pw|pass)|the\\s+(?:password|pw|pass))(?:\\s+\\w+){0,2}?\\s+(?:to|as)\\s+${VALUE}`,
  'giu',
);
const TYPING = new RegExp(
  `\\b(?:(?:i'?m|i\\s+am|i'?ve\\s+been|i\\s+was|i\\s+keep|tried)\\s+(?:entering|typing|using|putting\\s+in)|(?:i'?ve|i\\s+have|i)\\s+(?:already\\s+)?tried(?:\\s+both|\\s+either)?)\\s+${VALUE}`,
  'giu',
);
/** The next value in a list of tried ones: ", 'X'", " and X", " or X", " then X". */
const TRIED_NEXT = new RegExp(`^\\s*(?:,\\s*(?:and\\s+|or\\s+|then\\s+)?|(?:and|or|then)\\s+|/\\s*)${VALUE}`);
/** Words between a password's name and a value that say the value is something else about it. */
const HINT_BRIDGE = /\b(?:hint|reminder|requirements?|rules?|policy|question)\b|提示|问题|规则|要求/i;
const LOGIN_TALK =
  /password|passwd|credentials|log\s*in|sign\s*in|locked|lock\s*out|\blets?\s+me\s+in\b|登录|登入|密码|账号|锁/i;
/** "登录的时候输的是p9K!x2Lm", "我输入 Xy7#kP2m 当密码": what the customer typed at the login, in Chinese. */
const TYPED_ZH = new RegExp(`(?:输入|输|填|打)(?:的|了)?(?:是|的是)?\\s*${VALUE}`, 'gu');
/** "密码我记得是 abc-123-xyz": a few Chinese words between the password's name and "是" (letters and digits only). */
const PASSWORD_ZH_LATER = new RegExp(
  `${PASSWORD_WORDS_ZH}(?:(?![不没未错])[\\p{Script=Han}：:，,\\s]){1,10}?(?:是|为|系(?![统列])|：|:)\\s*${VALUE}`,
  'gu',
);
/**
 * A quoted value a few words after "是" (round 19, dev23): "密碼是我家狗狗的名字「旺財」再加牠生日 0311" — the
 * quotes mark what was typed, what stands between is its description.
 */
const PASSWORD_ZH_QUOTED = new RegExp(
  `${PASSWORD_WORDS_ZH}(?:是|为|為|係|系(?![统統列])|：|:)[^，。？！,.?!\\n「」『』“”"]{0,14}?(「[^」\\n]{1,20}」|『[^』\\n]{1,20}』|“[^”\\n]{1,20}”)`,
  'gu',
);
/** A second password after the first: "… and the new one is Dragon#1988", "新的是…". */
/**
 * What "it" was, after a password is named ("Withdrawal password… I thought it was six sixes but no,
 * it's 661366"): a value with a digit or a sign, not a date (round 16, dev17).
 */
const IT_WAS = new RegExp(
  `\\b(?:it(?:'s|\\s+is|\\s+was)|that(?:'s|\\s+is|\\s+was))\\s+(?:(?:actually|just|really|definitely|certainly|surely|literally|still)\\s+)?${VALUE}`,
  'giu',
);
const DATE_OR_TIME = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}:\d{2}/;
/**
 * A PIN's digits said as "mine is" / "it's" after a PIN is named (round 19, dev23: "It asks me for the
 * trading PIN before each order. Mine is 6604"): four to eight digits, not a year.
 */
const PIN_NAMED = /\b(?:pin|passcode)\b/i;
const PIN_IT_IS =
  /\b(?:it(?:'s|\s+is|\s+was)|mine(?:'s|\s+is|\s+was))\s+(?:(?:actually|just|still)\s+)?(\d{4,8})(?!\d|[.,:/-]\d|\s*(?:usdt|usd|dollars?|times?|days?|hours?|minutes?|mins?|am|pm)\b)/giu;
const A_YEAR = /^(?:19|20)\d\d$/;
const ANOTHER_ONE = new RegExp(
  `(?:\\b(?:the\\s+)?(?:new|old|current|previous|other|second)\\s+(?:one|pw|pass)\\s*(?:is|was|:|=)|(?:新的|旧的|原来的|之前的|另一个)(?:是|为|:|：))\\s*${VALUE}`,
  'giu',
);

/**
 * Digits first, the code named right after: "1 5 8 0 8 7 is the code from the email", "3 1 7 3 6 7 这是验证码",
 * also as a quoted SMS ("\"662071 is your login code.\"", round 18).
 */
const DIGITS_FIRST = new RegExp(`(?:^|[\\n。.!?！？]\\s*)["“'‘「]?${DIGITS}`, 'gu');
/** A received number is a code when the sentence says how it came or that it failed. */
const CODE_HINT =
  /sms|text|e-?mail|expired?|invalid|incorrect|wrong|短信|简讯|邮件|邮箱|过期|失效|无效|不对|错误/i;

/** An authenticator's setup or backup key, base32 in groups of four: "EGYB VS23 EESO RIQ5". */
const GROUPED_KEY = new RegExp(
  `(?<![A-Za-z])(?:(?:setup|backup|secret|recovery|2fa|authenticator)\\s*key|备份密钥|密钥|秘钥)${BRIDGE}(?:${Q_OPEN})?([A-Z2-7]{4}(?:[ -][A-Z2-7]{4}){2,7})(?![A-Za-z0-9])`,
  'gu',
);

/** Words that follow "password is" in complaints, not passwords. */
const NOT_A_PASSWORD =
  /^(?:wrong|incorrect|correct|right|invalid|expired|locked|not|never|too|reset|changed|forgotten|lost|stolen|required|needed|empty|weak|strong|same|different|the|my|a|an|and|or|for|to|of|in|on|at|it|this|that|field|box|manager|recovery|ok|okay|fine|working|hidden|set|updated|sent|again|still|also|please|error|case|long|short|correct|changed|错误|正确)$/i;
/** Words that end an unquoted passphrase typed with spaces ("password is btc sunny 62? and …"). */
const STOP_WORD =
  /^(?:and|but|or|please|pls|plz|so|then|because|for|to|the|which|that|it|i|my|can|could|thanks|thx|in|on|at|of|since|from|by|with|was|is|been|和|但是|请|麻烦)$/i;

/**
 * Words without which a family of patterns below cannot match (each is a part of every alternative
 * of that family's name, tested with the same or looser flags): most messages name no password,
 * key or code and hold no digit, and testing these first spares them a dozen long patterns.
 * A password's English names end where a letter does not follow ("passed" names none).
 */
const MAY_NAME_PASSWORD =
  /(?:pass(?:word|wd|phrase|\s*word)?|pwd?|pin(?:\s*code)?)(?![A-Za-z])|密码|口令|bitwarden|dashlane/iu;
const MAY_SET_PASSWORD = /set|changed|updated|switched/iu;
const MAY_NAME_KEY = /key|密钥|秘钥/iu;
const MAY_LOG_IN = /log|sign|登录|登入/iu;
const MAY_NAME_API_SECRET = /api|secret|密钥|秘钥|access|private/iu;
const HAS_DIGIT = /\d/;
/** A part of every name a code goes by here and in detect-codes.ts (CODE_WORDS, "digits", 数字, 码). */
export const MAY_NAME_CODE =
  /code|sms|otp|2fa|factor|auth|one[-\s]time|verification|digit|码|口令|短信|简讯|验证|数字/iu;
/** A part of every way RECEIVED_DIGITS says that digits came. */
const MAY_SAY_RECEIVED = /receiv|got|get|sent|text|sms|email|message|收到|发来/iu;

/** A purpose in words, lower-case: "to verify the account", "for security reasons". */
const PURPOSE = /^(?:to|for|so\s+that|in\s+order\s+to)\s+[a-z]+(?:\s+[a-z]+){1,8}$/;

export function detectCredentials(original: string): Finding[] {
  const text = simplifiedSameLength(original);
  const out: Finding[] = [];
  const namesPassword = may(MAY_NAME_PASSWORD, text);
  const hasDigit = may(HAS_DIGIT, text);
  const digitsAndCodeName = hasDigit && may(MAY_NAME_CODE, text);
  const add = (kind: Finding['kind'], start: number, value: string) => {
    const { from, to } = unquote(value);
    out.push({ kind, start: start + from, end: start + to });
  };
  for (const m of namesPassword ? matchesIn(text, PASSWORD) : []) {
    let value = m[2]!;
    const start = m.index + m[0].length - value.length;
    const quoted = isQuoted(value);
    // "password to …" names a value only in quotes ("set the password to 'x'", not "password to reset").
    if (!quoted && /^\s*to\s*$/i.test(m[1]!)) continue;
    // A reason quoted after the name is not its value: "need my password 'to verify the account'" (set 39).
    if (quoted && PURPOSE.test(text.slice(start + unquote(value).from, start + unquote(value).to))) continue;
    if (!quoted && explicit(m[1]!) && !/[\d\W_]/.test(value) && !NOT_A_PASSWORD.test(value))
      value = extendPassphrase(text, start, value);
    if (!quoted && !looksLikePassword(value, m[1]!)) continue;
    add('password', start, value);
  }
  for (const m of namesPassword ? matchesIn(text, CONFIG_PASSWORD) : []) {
    const value = m[1]!;
    if (/^(?:true|false|null|none|yes|no|\*+|x+)$/i.test(value)) continue;
    add('password', m.index + m[0].length - value.length, value);
  }
  const setsPassword = may(MAY_SET_PASSWORD, text);
  const saysChinese = SAYS_CHINESE.test(text);
  for (const re of [PASSWORD_LATER, SET_TO, PASSWORD_ZH_LATER, PASSWORD_ZH_QUOTED, AS_PASSWORD]) {
    if (re === SET_TO ? !setsPassword : !namesPassword) continue;
    for (const m of matchesIn(text, re)) {
      // "my password hint is 'first boat'": a hint, a rule or a reminder is said, not the password.
      if (
        (re === PASSWORD_LATER || re === PASSWORD_ZH_LATER || re === PASSWORD_ZH_QUOTED) &&
        HINT_BRIDGE.test(m[0].slice(0, m[0].length - m[1]!.length))
      )
        continue;
      const start = m.index + m[0].indexOf(m[1]!, re === AS_PASSWORD ? 0 : m[0].length - m[1]!.length);
      // Chinese next to the value ends it ("abc123的那个", "用Xy7#kP2m当密码"): a password here is letters and digits.
      let value = m[1]!;
      let at = start;
      // After a colon, a word or two of Chinese glued to the front is the password's own ("密碼寫咗喺張紙度：
      // 葡撻Egg-tart5", round 17); elsewhere Chinese next to the value is the sentence.
      const afterColon = /[:：]\s*$/.test(text.slice(Math.max(0, start - 3), start));
      // So is Chinese before digits when the message says the password has Chinese in it ("密碼有中文字，
      // 係 蛋塔好食666", round 18).
      const saidHan = saysChinese && SAID_HAN.test(value);
      if (!isQuoted(value) && !saidHan && !(afterColon && LEADING_HAN.test(value))) {
        const lead = value.match(/^.*\p{Script=Han}/u)?.[0].length ?? 0;
        if (re === AS_PASSWORD) [value, at] = [value.slice(lead), start + lead];
        value = value.replace(/\p{Script=Han}.*$/u, '');
      }
      // Named as the password outright, after it: letters and signs are enough ("qwe!asd@zxc").
      const signed =
        re === AS_PASSWORD && value.length >= 6 && /[A-Za-z]/.test(value) && /[^A-Za-z0-9]/.test(value);
      if (isQuoted(value) || strongPassword(value) || signed || saidHan) add('password', at, value);
    }
  }
  if (LOGIN_TALK.test(text)) {
    for (const re of [TYPING, TYPED_ZH]) {
      for (const m of matchesIn(text, re)) {
        // A list of tried values: "tried 'Sweettea7' and 'SweetTea#7'", each one a value.
        let at = m.index + m[0].length - m[1]!.length;
        let value = m[1]!;
        for (let i = 0; i < 4 && value; i++) {
          if (!isQuoted(value) && !(strongPassword(value) && !/\p{Script=Han}/u.test(value))) break;
          add('password', at, value);
          const next = text.slice(at + value.length).match(TRIED_NEXT);
          if (!next) break;
          at += value.length + next[0].length - next[1]!.length;
          value = next[1]!;
        }
      }
    }
  }
  // Only once a password is named: "the new one is …" says nothing on its own.
  const password = !namesPassword
    ? -1
    : text.search(new RegExp(`(?<![A-Za-z])${PASSWORD_WORDS}(?![A-Za-z])|${PASSWORD_WORDS_ZH}`, 'iu'));
  if (password >= 0) {
    const after = text.slice(password);
    for (const m of matchesIn(after, IT_WAS)) {
      const value = m[1]!.replace(/[.,;!?]+$/, '');
      const end = m.index + m[0].length;
      if (m.index > 160 || isQuoted(value) || NOT_A_PASSWORD.test(value)) continue;
      if (value.length < 6 || !/[\d\W_]/.test(value) || /\p{Script=Han}/u.test(value)) continue;
      // Not a date, a time or an amount ("it was 500 USDT").
      if (DATE_OR_TIME.test(value) || UNIT_AFTER.test(after.slice(end, end + 12))) continue;
      add('password', password + end - m[1]!.length, value);
    }
    const pin = after.search(PIN_NAMED);
    for (const m of pin >= 0 && pin < 40 ? matchesIn(after, PIN_IT_IS) : []) {
      if (m.index > 160 || A_YEAR.test(m[1]!)) continue;
      add('password', password + m.index + m[0].length - m[1]!.length, m[1]!);
    }
    for (const m of matchesIn(after, ANOTHER_ONE)) {
      const value = m[1]!;
      if (isQuoted(value) || (strongPassword(value) && !/\p{Script=Han}/u.test(value)))
        add('password', password + m.index + m[0].length - value.length, value);
    }
  }
  for (const m of digitsAndCodeName ? matchesIn(text, DIGITS_FIRST) : []) {
    const value = m[1]!;
    const start = m.index + m[0].length - value.length;
    const rest = text.slice(start + value.length, start + value.length + 30);
    const named = rest.match(NAMED_CODE);
    if (!named || OTHER_CODE.test(rest.slice(0, named.index))) continue;
    add('verification_code', start, value);
  }
  for (const m of may(MAY_NAME_KEY, text) ? matchesIn(text, GROUPED_KEY) : []) {
    const value = m[2]!;
    add('api_secret', m.index + m[0].length - value.length, value);
  }
  for (const m of may(MAY_LOG_IN, text) ? matchesIn(text, LOGIN_WITH) : []) {
    const value = m[1]!;
    if (!isQuoted(value) && !mixed(value)) continue;
    add('password', m.index + m[0].length - value.length, value);
  }
  for (const m of digitsAndCodeName ? matchesIn(text, CODE) : []) {
    const value = m[3]!;
    // "sms: 156.145" names a code; "sms 1234" says nothing.
    if (/^(?:sms|短信|简讯)$/i.test(m[1]!) && !m[2]!.trim()) continue;
    if (/^codes?$/i.test(m[1]!)) {
      if (OTHER_CODE.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
      if (!m[2]!.trim() && !nearCodeContext(text, m.index, m.index + m[0].length)) continue;
    }
    add('verification_code', m.index + m[0].length - value.length, value);
  }
  for (const m of hasDigit && may(MAY_SAY_RECEIVED, text) ? matchesIn(text, RECEIVED_DIGITS) : []) {
    const value = m[1]!;
    const sentence = sentenceAround(text, m.index);
    const named = sentence.match(NAMED_CODE);
    if (named && OTHER_CODE.test(sentence.slice(0, named.index))) continue;
    // Without a code named, six digits that came by SMS or e-mail, or were refused, are one.
    if (!named && !(CODE_HINT.test(sentence) && value.replace(/\D/g, '').length === 6)) continue;
    add('verification_code', m.index + m[0].length - value.length, value);
  }
  const namesApiSecret = may(MAY_NAME_API_SECRET, text);
  for (const m of namesApiSecret ? matchesIn(text, API_SECRET_LATER) : []) {
    const value = m[1]!;
    if (/\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value))
      add('api_secret', m.index + m[0].length - value.length, value);
  }
  for (const m of namesApiSecret ? matchesIn(text, API_SECRET) : []) {
    const value = m[2]!;
    if (!/\d/.test(value) || !/[A-Za-z]/.test(value)) continue;
    add('api_secret', m.index + m[0].length - value.length, value);
  }
  return out;
}

function isQuoted(value: string) {
  return value.length >= 3 && /^["'“‘「『`]/.test(value) && /["'”’」』`]$/.test(value);
}
/** The value without its quotes: the quotes stay visible. */
function unquote(value: string) {
  return isQuoted(value) ? { from: 1, to: value.length - 1 } : { from: 0, to: value.length };
}
function explicit(bridge: string) {
  return /\S/.test(bridge);
}
function strongPassword(value: string) {
  return value.length >= 6 && /[A-Za-z]/.test(value) && /\d/.test(value) && !NOT_A_PASSWORD.test(value);
}
function mixed(value: string) {
  return /\d/.test(value) || /[^A-Za-z0-9]/.test(value) || /[a-z].*[A-Z]|[A-Z].*[a-z]/.test(value);
}

const LEADING_HAN =
  /^(?![^A-Za-z0-9]*[请输是为写用改设的新旧就仍还])\p{Script=Han}{1,3}(?=[^\p{Script=Han}]*[A-Za-z])(?=[^\p{Script=Han}]*\d)[^\p{Script=Han}]{4,}$/u;
/** Chinese words, then letters, digits or signs: a whole password where the customer says it has Chinese. */
const SAID_HAN = /^(?![请输是为写用改设的新旧就仍还])\p{Script=Han}{1,8}[A-Za-z0-9!@#$%^&*._-]{2,}$/u;
// Up to four characters between Latin letters and digits ("Anxi铁观音99", set 22): Chinese closed on both sides
// by the value's own letters is part of it, never the sentence going on.
const EMBEDDED_HAN = /^[A-Za-z0-9!@#$%^&*._-]{2,}\p{Script=Han}{1,4}[A-Za-z0-9!@#$%^&*._-]{2,}$/u;
function looksLikePassword(value: string, bridge: string): boolean {
  if (NOT_A_PASSWORD.test(value)) return false;
  // A bracket opened and not closed within the value is an aside ("my password is (don't judge) my
  // ex's name", set 32): the value it would cut is its first word.
  if (/^[(（[]/u.test(value) && !/[)）\]]/u.test(value)) return false;
  // Chinese right after the value is the sentence going on; a few characters inside it are part of
  // it ("Wang王2021", round 16).
  if (/\p{Script=Han}/u.test(value) && !EMBEDDED_HAN.test(value)) return false;
  // After ":" / "=" / "是" anything goes; after an English word ("is", "was changed from") it must
  // look like one ("my password is compromised" is a complaint); after a bare space, more so.
  if (/[:：=是为為係系]/u.test(bridge)) return value.length >= 4;
  // A sentence's end is no sign in the value ("the password is there.").
  const bare = value.replace(/[?!.,:：;]+$/, '');
  if (explicit(bridge)) return bare.length >= 4 && (mixed(bare) || bare.includes(' '));
  // A sentence's own end does not make a word mixed ("password requirements? …"), nor a label's
  // colon ("The password rules: 8 characters", round 17).
  return mixed(bare) && value.length >= 6;
}

/** "btc sunny 62?": a passphrase of a few words typed without quotes, ending in a word with digits. */
function extendPassphrase(text: string, start: number, first: string) {
  const rest = text.slice(start + first.length).match(/^(?: [^\s，。,;；]{1,20}){1,3}/)?.[0] ?? '';
  const words = rest.split(' ').slice(1);
  let taken = first;
  for (const word of words) {
    // A bracket or a Chinese remark right after the last word ends it ("oolong tea 520（中间有空格）").
    const w = word.match(/^[^（(【[\p{Script=Han}]*/u)![0];
    if (!w || STOP_WORD.test(w)) break;
    taken += ` ${w}`;
    if (/\d/.test(w)) return taken;
    if (w !== word) break;
  }
  return first;
}

/**
 * A bare "code" counts only near words about signing in or confirming, before it or just after its
 * digits ("code 46,82,07, and then it said expired", set 41).
 */
function nearCodeContext(text: string, at: number, end = at): boolean {
  const around = text.slice(Math.max(0, at - 60), Math.max(at + 20, end + 30));
  return /sms|text|email|login|log in|sign[- ]?in|verify|confirm|withdraw|2fa|authenticator|receiv|expir|invalid|incorrect|wrong|验证|短信|登录|提现/i.test(
    around,
  );
}

function sentenceAround(text: string, at: number) {
  const before = text.slice(0, at);
  const start = Math.max(...['.', '!', '?', '。', '！', '？', '\n'].map((c) => before.lastIndexOf(c))) + 1;
  const end = text.slice(at).search(/[!?。！？\n]|\.(?!\d)/);
  return text.slice(start, end < 0 ? text.length : at + end);
}
