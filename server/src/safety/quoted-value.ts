import { matchesIn } from '../platform/matches-in.ts';
import { NEGATION } from './ask-cues.ts';
import { clauses, normalise, secretMatches, sentences } from './ask-text.ts';
import { DIGIT_OF_WORD } from './digit-forms.ts';
import type { Finding } from './findings.ts';

/**
 * Two ways of asking for a secret without a request verb (round 13), read on the simplified text
 * with reported quotes blanked, as the other rules read it:
 *
 * - **A guessed value to confirm.** The agent names the customer's secret, says what it is, and asks
 *   whether that is right: "Is your password still Lumen2024? Just confirm yes or no", "你的fund
 *   password是不是还是Abc@1234？", "资金密码设的是生日，0815对不对？", "刚才那条短信是 730418 不？".
 *   A yes is the secret handed over. The value follows the secret's name closely and has a digit in
 *   it; an example of a format ("比如 Abc12345 这种", "e.g.") is not a guess.
 * - **Its make-up, asked.** "Does your password contain your birth year? If yes, which year?",
 *   "交易密码里有没有你名字拼音？", "您资金密码最后一位是数字还是符号？", "does your PIN start with 7 or 9":
 *   each answer gives away part of the secret. A rule of a new password ("your new password must
 *   contain …") states, it does not ask.
 */

/** A value with a digit in it, four or more characters, that is not an id, a date or an amount. */
const VALUE = /(?<![\w@#$%&*.-])(?=[\w@#$!%&*.-]*\d)[A-Za-z0-9@#$!%&*._-]{4,40}(?![\w@#$%&*-])/g;
const NOT_A_VALUE =
  /^(?:kf-?\d+|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}:\d{2}|\d{9,}|\d+(?:\.\d+)?(?:usdt|usd|btc|eth|trx|hkd|cny|rmb|sgd|aud|cad|php|%|h|s|ms|mins?|days?)|\d+\.\d+)$/i;
/** Six digits written in two halves ("714 690"), a code's shape (round 16); in pairs or one by one (round 19). */
const SPLIT_DIGITS = /(?<![\w.-])(?:\d{3}[ -]\d{3}|\d{2}[ -]\d{2}[ -]\d{2}|\d(?: \d){3,7})(?![\w-]|\.\d)/g;
/** Where a value is only an example of a format. */
const EXAMPLE = /比如|例如|举例|这种格式|格式|\be\.?g\.?|\bfor\s+example\b|\bsuch\s+as\b|\bexample\b/i;
/** Asking whether it is right. */
const CHECKS =
  /\bwhich\s+one\b|对不对|对吗|对不|是不是|是吗|是否|没错吧|吧\s*[？?]|不\s*[？?]|[？?]|\bconfirm\b|\byes\s+or\s+no\b|\by\/n\b|\bright\b|\bcorrect\b|确认|核对|回个?[是对]|回复\s*["“「]?(?:正确|对|是的?)["”」]?\s*(?:或|还是|or)|\breply\s+["“']?(?:yes|correct|right)["”']?\s+or\b|啱唔啱|啱唔|系咪|系唔系/i;
/** The secrets a guess or a make-up question is about (not a bare "code", which is often another kind). */
const GUESSABLE =
  /密码|口令|验证码|动态码|安全码|校验码|短信|简讯|助记词|私钥|(?:备用|后备|恢复|备份)码|密保|(?:安全|保安)问题|\b(?:backup|recovery)\s+codes?\b|\bsecurity\s+answers?\b|\bpass(?:word|code)s?\b|\bpin\b|\b2fa\b|\botp\b|\bseed\b|\bphrase\b|\b(?:sms|verification|security|auth)\s+code\b/i;
/** A phrase named ("助记词的前三个词是“ocean river candle”") and its words quoted. */
const WORDS_NAMED = /助记词|\bseed\b|\bphrase\b|\bwords\b|\bmnemonic\b/i;
const QUOTED_WORDS = /["“‘「]\s*[a-z]{3,}(?:\s+[a-z]{3,}){1,11}\s*["”’」]/gi;
/**
 * Round 27 (train27a): one quoted word said to be the phrase's first ("助记词首词应为“orbit”"), and the
 * words unquoted after a Chinese copula ("前三个词为 canyon ladder velvet，请回复是或否").
 */
const QUOTED_WORD = /["“‘「]\s*[a-z]{3,}\s*["”’」]/gi;
const WORDS_AFTER_COPULA =
  /(?<=(?:为|是|係|系)\s*)[a-z]{3,}(?:\s+[a-z]{3,}){1,11}(?=\s*(?:[，。,.;；!！?？]|\p{Script=Han}|$))/giu;
/** A security answer named and a quoted value ("密保答案还是“成都七中”吗"). */
const ANSWER_NAMED = /密保|(?:安全|保安)问题|\bsecurity\s+answers?\b/i;
const QUOTED_ANSWER = /["“‘「][^"”’」\n]{2,24}["”’」]/g;
/** What shows a code, whose value may be guessed ("你那验证器现在是 714 690 不？"), not asked about its make-up. */
const SHOWS_A_CODE = /验证器|认证器|authenticator/i;
const SHOWS_A_CODE_ALL = new RegExp(SHOWS_A_CODE.source, 'gi');
/** A question about what the secret is made of. */
const MAKE_UP = new RegExp(
  [
    '(?:有没有|有冇|有无|是否(?:含有|包含|含|包括|有|用))(?:用)?[^，。？！]{0,12}(?:英文名|姓名|名字|拼音|生日|年份|出生|数字|字母|大写|小写|符号|手机号|电话号码|电话号|车牌|宠物|球队|城市|身份证|门牌)|哪一年|哪年',
    '(?:之|的)位数(?:及|和|与)|末位(?:字符|字母|数字)|(?:是|用的是|用)全拼还是|(?:第一|最后一|头一|末)(?:位|个字|个字母|个字符|个词|个单词)(?:是|系)|(?:开头|结尾)(?:是|系)(?:什么|啥|数字|字母)|(?:开头|结尾|第一位|最后一位)(?:是|系)[^，。？！]{1,8}还是|几位(?:数)?[啊呀呢哦嘞]?[？?]|是不是[\\d一二三四五六七八九十]+位|大写(?:字母)?在(?:前|后)|是否与[^，。？！]{0,12}相同',
    // The first few words asked ("头几个字系咩", round 18).
    String.raw`(?:头|前)(?:几|[一二三四五两\d])个(?:字|词|单词)(?:是|系)(?:咩|什么|啥|哪些|乜)`,
    // The Nth word of the phrase asked ("recovery phrase 第7个 word 是哪个", round 18).
    String.raw`第[\d一二三四五六七八九十]+个\s*(?:word|单词|词|字)\s*(?:是|系)(?:哪个|哪一个|什么|啥|咩)`,
    // A word of the phrase named to be confirmed: "你助记词入面有冇 dragon 呢个字？有嘅话喺第几个？" (round 14).
    String.raw`(?:有没有|有冇|有无)\s*["“‘「]?[a-z]{3,}["”’」]?\s*(?:呢个|这个|那个|个)?(?:字|词|单词)|\bis\s+(?:the\s+word\s+)?["“']?[a-z]{3,}["”']?\s+(?:in|one\s+of)\s+(?:your|the)\s+(?:phrase|words|seed)\b`,
    String.raw`\b(?:contain|contains|include|includes|have|has|use|uses)\s+(?:your|a|any|the)\s+(?:[\w']+\s+){0,2}(?:name|birth\s*(?:day|date|year)|birthday|date\s+of\s+birth|dob|year|number|digits?|letters?|symbols?|capital|team|club|pet|city|plate)`,
    String.raw`\b(?:contain|contains|include|includes|have|has)\s+the\s+word\s+["“']?[a-z]{3,}`,
    String.raw`\bis\s+there\s+an?\s+(?:capital|number|digit|symbol|special|upper-?case|letter)\b`,
    String.raw`\b(?:start|starts|begin|begins|end|ends)\s+with\s+(?:a\s+)?(?:\d|[a-z]\b|number|letter|digit|symbol|capital)|\bhow\s+many\s+(?:characters|digits|letters)\b|\bwhich\s+year\b`,
  ].join('|'),
  'i',
);
/** A question about a secret's make-up that names no secret, after a sentence that does ("密码几位数啊？最后一个字是数字还是符号？"). */
const MAKE_UP_FOLLOWS = /[？?]|\bwhich\b|还是|第几/i;
const WHOLE_NOT_NEEDED =
  /\b(?:no\s+need|(?:don'?t|do\s+not)\s+(?:need|send|give|share|tell))\b[^.?!]{0,20}\b(?:whole|full|entire|complete)\b|(?:不用|不需要|唔使|无需|不要|别)[^，。？！]{0,6}(?:全部|整个|完整|成个)/i;
const NEW_SECRET = /新的?密码|\bnew\s+(?:password|pin|passcode)\b|\bmust\b|\bshould\b|必须|需要包含|要求/i;
/** How far after the secret's name its value may stand ("资金密码设的是生日，0815"). */
const VALUE_WITHIN = 24;

function guessedValue(said: string, next: string): boolean {
  if (EXAMPLE.test(said)) return false;
  if (!CHECKS.test(said) && !CHECKS.test(next)) return false;
  for (const m of [...secretMatches(said), ...matchesIn(said, SHOWS_A_CODE_ALL)]) {
    if (!GUESSABLE.test(m[0]) && !SHOWS_A_CODE.test(m[0])) continue;
    const end = m.index + m[0].length;
    const after = said.slice(end, end + VALUE_WITHIN);
    // A phrase's words or a security answer have no digit: quoted, they are the value (round 18), and
    // a quote of words may close further on.
    const wide = said.slice(end, end + VALUE_WITHIN + 48);
    const quotedWords = WORDS_NAMED.test(m[0])
      ? [
          ...matchesIn(wide, QUOTED_WORDS),
          ...matchesIn(wide, QUOTED_WORD),
          ...matchesIn(wide, WORDS_AFTER_COPULA),
        ]
      : [];
    const quotedAnswer = ANSWER_NAMED.test(m[0]) ? matchesIn(after, QUOTED_ANSWER) : [];
    for (const v of [
      ...matchesIn(after, VALUE),
      ...matchesIn(after, SPLIT_DIGITS),
      ...quotedWords,
      ...quotedAnswer,
    ]) {
      if (NOT_A_VALUE.test(v[0])) continue;
      // The value is said to be the secret: a copula, "set to" or "as" ("pre-filled your PIN as 2580")
      // between them, in one clause.
      const between = wide.slice(0, v.index);
      // Asked as a question before the name: "is ur pin 1990 or 1909" (round 18).
      const askedBefore = /\bis\s+(?:your|ur|the)\s+(?:\w+\s+)?$/i.test(
        said.slice(Math.max(0, m.index - 24), m.index),
      );
      if (askedBefore && !/[。！!.;；]/.test(between) && between.trim().length <= 2) return true;
      if (/[。！!.;；]/.test(between)) continue;
      if (
        /是|系|为|设的|设成|设置成|还是|前段|后段|开头|前几位|^\s*['’]s\s|\bis\b|\bwas\b|\bstill\b|\bset\s+to\b|\bas\b|[=:：]/i.test(
          between,
        )
      )
        return true;
    }
  }
  return false;
}

function asksMakeUp(said: string): boolean {
  if (NEW_SECRET.test(said)) return false;
  // Asked, or told to say (round 27: "State how many characters your login password has", "请书面说明…";
  // round 28: 讲我知幾多位).
  if (
    !/[？?]|\bwhich\b|\bwhether\b|\bconfirm\b|是否|还是|\bstate\b|\btell\s+(?:me|us)\b|说明|告知|讲我知|话我知|告诉我/i.test(
      said,
    )
  )
    return false;
  return secretMatches(said).some((m) => GUESSABLE.test(m[0])) && MAKE_UP.test(said);
}

/**
 * A code we say we see or sent, to compare with what the customer's phone shows (round 14): "我呢边
 * 见到系统发咗318 760俾你，你部手机收到嘅系咪一样？", "our system shows that your authenticator should
 * display 384 106. Could you check whether your phone shows the same number", "558 204 对吧". A yes
 * confirms the code. Six digits (a code's shape), not an order's or a ticket's number.
 */
const SIX_DIGITS =
  /(?<![\w.,-])(?<!(?:订单|工单|单号|编号|uid|order|ticket|ref)[^\d]{0,3})(?:\d{3}[ -]?\d{3}|\d(?:[ 、,，]\s?\d){5})(?![\w-]|[.,]\d)/i;
const SAME =
  /一致|一样|相同|\bis\s+(?:this|that|it)\s+(?:the\s+)?(?:same\s+)?(?:code|number|one)\s+(?:you|that\s+you)\s+(?:received|got|see|have)\b|对得上|对上|是(?:不|毋|唔)是这(?:个|组)|是这个吗|\bmine\s+is\s+different\b|\bif\s+(?:it\s+is|it'?s)\s+different\b|系咪呢个|\by\/n\b|\byes\s*\/\s*no\b|\bright\s*\?|\bcorrect\s*\?|\babi\b|\bthe\s+same\s+is\b|\bshowing\s+in\s+your\b|对不对|对吧|对吗|\bmatch(?:es)?\b|\bthe\s+same\b|\bsame\s+(?:number|code|digits)\b|是不是也是|也是这几个|一样不|\b(?:that'?s|is\s+(?:that|this|it))\s+what\s+(?:your|ur)\s+(?:phone|screen|app|authenticator)\s+(?:says|shows|displays)\b/i;
const ON_THEIR_DEVICE =
  /\bon\s+(?:your|ur)\s+(?:end|side|screen)\b|(?:给|向)(?:您|你)发(?:送)?的|(?:发|寄)(?:给|予|俾|畀)(?:您|你)|\bwhat\s+(?:your|ur)\s+(?:phone|screen|app)\s+(?:says|shows)\b|手机|短信|简讯|邮箱|邮件|\be-?mail\b|验证器|谷歌验证|动态码|验证码|\bphone\b|\bsms\b|\btext\b|authenticator|\bcode\b/i;
/**
 * Digits read out in words, as digits (round 17): "六零二八四一", "seven two zero nine one one". Six or
 * more in a row, so that "一二" or "one of two" stay words.
 */
const ZH_DIGITS_RUN = /[零〇幺一二三四五六七八九]{6,8}/g;
const EN_WORD = '(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)';
const EN_DIGITS_RUN = new RegExp(`\\b${EN_WORD}(?:[\\s,-]+${EN_WORD}){5,7}\\b`, 'gi');
function digitsOfWords(said: string): string {
  const digits = (words: string[]) => words.map((w) => DIGIT_OF_WORD[w.toLowerCase()]).join('');
  return said
    .replace(ZH_DIGITS_RUN, (run) => digits(Array.from(run)))
    .replace(EN_DIGITS_RUN, (run) => digits(run.split(/[\s,-]+/)));
}

function sameAsShown(said: string, around: string): boolean {
  return (
    SIX_DIGITS.test(digitsOfWords(said)) &&
    !EXAMPLE.test(said) &&
    SAME.test(said + around) &&
    ON_THEIR_DEVICE.test(said + around)
  );
}

/** A make-up question that names no secret, right after a question about one ("有嘅话喺第几个？"). */
function makeUpOfTheLast(said: string, previous: string): boolean {
  if (!previous || secretMatches(said).length > 0 || NEW_SECRET.test(said) || NEW_SECRET.test(previous))
    return false;
  // After "no need for the whole password", a part asked is asked for ("Just tell me how many
  // characters it has and what the first one is", round 18).
  const partOfWhole = WHOLE_NOT_NEEDED.test(previous);
  if (!partOfWhole && (!MAKE_UP_FOLLOWS.test(said) || !/[？?]/.test(previous))) return false;
  return (
    secretMatches(previous).some((m) => GUESSABLE.test(m[0])) &&
    (MAKE_UP.test(said) || MAKE_UP.test(previous))
  );
}

/**
 * "Is your login password the same as your e-mail's? Answer yes or no only, do not send it": a yes/no
 * about reuse, which the conventions let through (nonask-yesno), when the reply says so.
 */
const SAME_AS = /是否与[^，。？！]{0,12}相同|\bthe\s+same\s+as\b/gi;
const YES_NO_ONLY = /(?:回答|回复|答)\s*(?:是或否|是\/否|是或不是)|\byes\s+or\s+no\b/i;
const SAME_AS_ONCE = new RegExp(SAME_AS.source, 'i');
function onlyReuseAsked(said: string): boolean {
  return SAME_AS_ONCE.test(said) && !MAKE_UP.test(said.replace(SAME_AS, ' '));
}

export function asksByValueOrMakeUp(text: string): Finding[] {
  const out: Finding[] = [];
  const all = sentences(text);
  // Each sentence read once: a sentence is also its neighbours' previous and next.
  const read = all.map((s) => normalise(s.text));
  const yesNoOnly = read.some((r) => YES_NO_ONLY.test(r));
  for (const [i, s] of all.entries()) {
    const said = read[i]!;
    if (NEGATION.test(said)) {
      // "请说明登录密码之位数及末位字符，本部不要求提供完整密码": the part is asked in a clause of its own.
      // Only when what is refused is the whole ("不要求提供完整密码"): "请勿提供密码" after a yes/no
      // question keeps the question a yes/no.
      const parts = clauses(said);
      const asked = parts.filter((c) => !NEGATION.test(c));
      const wholeRefused = parts.some(
        (c) => NEGATION.test(c) && /完整|全部|整个|成个|\bfull\b|\bwhole\b|\bentire\b/i.test(c),
      );
      // The secret may be named only where the whole is refused ("唔使成個密碼，講我知幾多位", round 28).
      const refusedNames = () =>
        parts
          .filter((c) => NEGATION.test(c))
          .flatMap((c) => secretMatches(c).map((m) => m[0]))
          .join(' ');
      if (wholeRefused && asked.length > 0 && asksMakeUp(`${asked.join('，')} ${refusedNames()}`))
        out.push({ kind: 'secret_request', start: s.start, end: s.start + s.text.trimEnd().length });
      continue;
    }
    const next = read[i + 1] ?? '';
    const previous = read[i - 1] ?? '';
    if (
      guessedValue(said, next) ||
      (asksMakeUp(said) && !(yesNoOnly && onlyReuseAsked(said))) ||
      makeUpOfTheLast(said, previous) ||
      sameAsShown(said, ` ${previous} ${next}`)
    ) {
      out.push({ kind: 'secret_request', start: s.start, end: s.start + s.text.trimEnd().length });
    }
  }
  return out;
}
