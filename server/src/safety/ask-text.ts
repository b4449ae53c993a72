import { matchesIn } from '../platform/matches-in.ts';
import { NOT_MEANT } from './ask-cues.ts';
import { SECRET } from './ask-vocabulary.ts';
import { spelledOut } from './chat-words.ts';
import { withoutDisowned } from './disowned-secret.ts';
import { withoutSelfCorrection } from './self-correction.ts';

/**
 * How the ask screen reads an agent's text before its rules: chat shorthand spelled out, where a
 * secret is named (each string scanned once), and the text cut into sentences and clauses, which
 * the rules (detect-request.ts), the classifier and its training read alike.
 */

const BUTTON_FOR_A_CODE =
  /(\b(?:tap|tapped|tapping|click|clicked|clicking|press|pressed|pressing|hit|select)\s+(?:on\s+)?(?:the\s+)?|(?:点击?|按|选择?|撳))\s*["“「'‘](?:re-?send|send|get|request)\s+(?:the\s+|a\s+)?(?:new\s+)?(?:sms\s+|email\s+|verification\s+)?code["”」'’]|(点击?|按|撳)\s*["“「'‘][^"”」'’\n]{0,6}验证码[^"”」'’\n]{0,3}["”」'’]/gi;

const QUOTED_FROM_A_MESSAGE =
  /((?:短信|简讯|邮件|信件|通知)(?:里|中|上|内)?(?:的)?\s*)([“"「])([^”"」\n]{1,20})([”"」])/g;

const REPLY_A_CHOICE =
  /(?:回复|回覆|reply|press|type)\s*["'“‘]?[A-D1-9]["'”’]?\s*(?:代表|表示|即|选|for|=|:|：|to\s+(?:choose|pick|get))/gi;

/**
 * Words quoted as what an edit takes out (round 28, three internal notes in train28a): "删除原“回复验证码”引导语",
 * "發送前請刪除「回覆驗證碼」段落", "remove the line \"reply with your code\"" name a template's old wording; the
 * quote is blanked, as a message's own words are.
 */
const QUOTED_TO_REMOVE =
  /((?:删除|删去|删掉|去掉|移除|拿掉|刪除|刪去|刪掉|\b(?:delete|deleted|remove|removed|drop|dropped|strike|struck)\b)\s*(?:(?:原|旧|舊)(?:的|版的?)?|原来的?|原來的?|(?:the\s+)?(?:old\s+)?(?:line|sentence|wording|phrase|text)?\s*)?)([“"「『'‘])([^”"」』'’\n]{1,30})([”"」』'’])/giu;

/**
 * A scam reported in the third person, unquoted (round 28): "fraudsters are calling … and asking
 * customers to read out their verification codes", "骗子会让客户把验证码念出来" — the actor is named as a
 * scammer and the ones asked are customers in general: a warning about the ask, read as one.
 */
const SCAMMERS_ASK =
  /\b(fraudsters?|scammers?|criminals|crooks|impost[oe]rs?|thieves|fake\s+(?:agents?|staff|support))\b([^.!?\n]{0,80}?)\b(?:ask(?:s|ing|ed)?|tell(?:s|ing)?|told|request(?:s|ing|ed)?|trick(?:s|ing|ed)?|get(?:s|ting)?|pressur(?:e|es|ing|ed))\s+(?:customers|users|people|victims|clients|members|holders)\s+(?:to|into)\b|(骗子|诈骗分子|不法分子|犯罪分子|假客服)([^。！？\n]{0,20}?)(?:要求|让|叫|诱导|骗)(?:客户|用户|大家|受害人|市民)[^。！？\n]*/giu;

/**
 * A caveat quoted as the label the customer's screen shows ("系统提示“务必抄写、切勿截图”的那组单词", "标着红色
 * 警告“切勿泄露”的那一长串字符", round 28): it describes which words are meant, it is not the writer's
 * advice; the quote is blanked when 的 / 之 / 字样 follows it (the empty first group is blankQuote's lead).
 */
const QUOTED_CAVEAT_LABEL =
  /()([“"「『])([^”"」』\n]{0,20}(?:切勿|勿|不要|别|不得|务必|严禁|请勿|never|don'?t|do\s+not)[^”"」』\n]{0,20})([”"」』])(?=\s*(?:的|之|字样|字樣))/giu;

/**
 * Words the customer is asked to type back as they stand, quoted (round 29, train29a): "回复“密码”二字获取
 * 教程", "回覆「同意」二字", "type the words \"I confirm the withdrawal\"". The quote is a keyword, not a
 * secret's name or a value: blanked.
 */
const QUOTED_KEYWORD =
  /((?:回复|回覆|输入|輸入|打上?|发送?|發送?)\s*)([“"「『])([^”"」』\n]{1,20})([”"」』])(?=\s*(?:二字|两个?字|兩個?字|几个字|幾個字|字样|字樣|这几个字|這幾個字))/gu;
const QUOTED_KEYWORD_EN =
  /(\b(?:type|reply\s+with|write|send)\s+(?:the\s+)?(?:words?|phrase|sentence)\s+)(["“'‘])([^"”'’\n]{1,40})(["”'’])/giu;

/** A quote's words blanked, its lead and marks kept (same length): (lead)(open)(inner)(close). */
function blankQuote(_m: string, lead: string, open: string, inner: string, close: string): string {
  return `${lead}${open}${' '.repeat(inner.length)}${close}`;
}

/** Emoji (and their joiners): read as spaces, so "so send it 😇" ends where its words end (round 19). */
const EMOJI = /\p{Extended_Pictographic}|\u{FE0F}|\u{200D}/gu;

/** The caveats and the moment inside a description of the phrase's words (blanked by normalise). */
const TOLD_TO_KEEP_WORDS =
  /(?:永远别丢|别弄丢|不要弄丢|切勿告知他人|切勿外泄|勿告诉他人|不要告诉任何人|别给任何人看|(?:当初|当时)?(?:开|建|创建|生成)钱包(?:时|的时候|时候))(?=[^。？！]{0,14}?(?:[的之」”"]|写|抄|记)(?:那些|全部|所有|那一串|一串)?[^。？！]{0,6}?(?:单词|单字))/gu;

/** Chat shorthand read as the words it stands for ("can u read me ur code", "whats the pin"). */
export function normalise(sentence: string): string {
  // A secret named only to say the thing is not one is not asked for (disowned-secret.ts).
  return withoutDisowned(
    // A secret named and taken back ("那个码……我是说邀请码") is not asked for (self-correction.ts).
    spelledOut(withoutSelfCorrection(sentence.replace(EMOJI, (e) => ' '.repeat(e.length))))
      // What is not meant, in a parenthesis ("the key ID (not the secret)"), is not asked for.
      .replace(NOT_MEANT, ' ')
      // A menu of choices ("回复A代表短信，回复B代表谷歌验证器", "reply 1 for SMS"): a pick, not the secret (round 19).
      .replace(REPLY_A_CHOICE, 'pick an option ')
      // A button that asks our side for a code, named in quotes ("tap \"Send code\"", 点“获取验证码”):
      // a label on the customer's screen, not a request to hand anything over (round 13).
      .replace(BUTTON_FOR_A_CODE, '$1 button')
      // An office's Wi-Fi password is no account's secret.
      .replace(/wi-?fi\s*的?\s*(?:密码|password|pass)/gi, 'wifi设置')
      .replace(
        /\b(?:password|pass(?:code)?)\s+(?:for|of|to)\s+(?:the\s+|our\s+|this\s+)?(?:[\w-]+\s+)?wi-?fi\b/gi,
        'wifi settings',
      )
      // A message's own words quoted to point at a place in it ("短信里“请勿告诉他人”前面那几个数") are
      // no advice of the agent's (round 17): the quote is blanked.
      .replace(QUOTED_FROM_A_MESSAGE, blankQuote)
      .replace(QUOTED_TO_REMOVE, blankQuote)
      .replace(QUOTED_CAVEAT_LABEL, blankQuote)
      .replace(QUOTED_KEYWORD, blankQuote)
      .replace(QUOTED_KEYWORD_EN, blankQuote)
      // A red packet's 口令 is a public phrase typed in the comments, no secret (round 29).
      .replace(/(?:红包|紅包|活动|活動|公开|公開)口令|口令(?=红包|紅包)/gu, (m) => m.replace(/口令/u, '暗语'))
      .replace(SCAMMERS_ASK, (m) => (/^[A-Za-z]/.test(m) ? 'scammers are known to warn about' : '骗子的话术'))
      // A description, not advice: "the words you were told never to share" names the phrase.
      .replace(
        /\b(?:were|was|been|are|is)\s+told\s+(?:never|not)\s+to\s+(?:share|show|give|tell|reveal)\b/gi,
        'were told to keep private',
      )
      // The same in Chinese (round 27): "要求您抄下来永远别丢的那些单词", "提示「务必离线保存、切勿告知他人」之全部单字",
      // "当初开钱包时候写在纸上的那一串单词" describe the phrase; their 别 / 切勿 / 时候 are no advice and no circumstance.
      .replace(TOLD_TO_KEEP_WORDS, (m) => ' '.repeat(m.length)),
  );
}

/** Whether a piece names a secret at all (cheaper than requestSignals). */
export function namesSecret(piece: string): boolean {
  return SECRET_IN(normalise(piece));
}

export function SECRET_IN(clause: string): boolean {
  return secretMatches(clause).length > 0;
}

/**
 * Where SECRET matches in a string. The rules and the classifier read the same sentence and clause
 * several times over (the live-secret test, the request's object, the classifier's window and its
 * signals), and SECRET, a long alternation, is most of the ask screen's cost: each string is
 * scanned once. A pure function of the string, so the verdicts are the same as scanning each time.
 */
const secretCache = new Map<string, RegExpExecArray[]>();
const SECRET_CACHE_SIZE = 512;
const ATTRIBUTE_AFTER =
  /^\s*(?:的|'s\s+|\s+)?(?:备注|名称|名字|标签|权限|\blabel\b|\bnickname\b|\bpermissions?\b)/i;
const ATTRIBUTE_BEFORE = /\b(?:label|nickname|permissions?)\s+(?:of|on)\s+(?:the|your|this|that)?\s*$/i;

export function secretMatches(s: string): RegExpExecArray[] {
  let found = secretCache.get(s);
  if (!found) {
    if (secretCache.size >= SECRET_CACHE_SIZE) secretCache.clear();
    // A secret's label, name or permissions ("API密钥的备注名称", "the label of the API key") are not
    // the secret (round 21).
    found = matchesIn(s, SECRET).filter(
      (m) =>
        !ATTRIBUTE_AFTER.test(s.slice(m.index + m[0].length, m.index + m[0].length + 12)) &&
        !ATTRIBUTE_BEFORE.test(s.slice(Math.max(0, m.index - 30), m.index)),
    );
    secretCache.set(s, found);
  }
  return found;
}

export interface Piece {
  start: number;
  end: number;
  text: string;
}

/**
 * A turn in Chinese written without a stop before it: 不过 / 但是 / 可是 right after a character or a
 * particle; and (round 23, speech typed as it came) a new step after 然后, or a new subject after a
 * sentence-final particle ("…然后您别填啊您先把那个码念给我": the "don't" is the step before).
 */
const UNPUNCTUATED_TURN =
  /(?<=[\u4e00-\u9fff~～])(?=不过|但是|可是)|(?<=[\u4e00-\u9fff])(?=然后)|(?<=[\u4e00-\u9fff][啊吧哈呀哦嘛呢啦])(?=[您你我])/g;

/** Sentences (with offsets); a list number's dot ("2.5", "1. Full name") or "1, 5 and 9" does not end one. */
export function sentences(text: string): Piece[] {
  const out: Piece[] = [];
  // A list item's number ("1. Full name", round 21; "：1.身份证；2.…", round 24) keeps its dot: the item is the sentence.
  for (const m of matchesIn(
    text,
    /(?:[^。！？!?\n.;；•]|\.(?=\d|\w)|(?<=(?:^|[\s:：；;，,、])\d{1,2})\.(?=[ \t\u4e00-\u9fff]))+[。！？!?\n.;；•]*/g,
  )) {
    // Round 22: typed without stops, "…不要给任何人哈不过我是官方…" turns at 不过 / 但是 / 可是 all the same.
    let at = 0;
    for (const turn of matchesIn(m[0], UNPUNCTUATED_TURN)) {
      out.push({ start: m.index + at, end: m.index + turn.index, text: m[0].slice(at, turn.index) });
      at = turn.index;
    }
    out.push({ start: m.index + at, end: m.index + m[0].length, text: m[0].slice(at) });
  }
  return out;
}

/**
 * Clauses of a sentence: commas split them (not the comma in "1, 5 and 9"), as do dashes (before
 * digits too) and the arrows between a procedure's steps (round 23: "收到簡訊 → 先不要輸入 → 把驗證碼
 * 傳給小編", whose middle step's "don't" is not the last step's).
 */
export const CLAUSE_END =
  /[，,:：](?!\s*\d)|[①-⑩]|—|[→⇒➜➡]|\s=>\s|\s+-\s+|\b(?:but|and\s+then|so|because)\b|\band\s+(?=(?:i|we)(?:\s|'))|\s(?=(?:i|we)\s+(?:can|could|will|would)\s+(?:check|see|look|verify|fix|help|sort)\b)/gi;
export function clauses(sentence: string): string[] {
  return sentence.split(CLAUSE_END);
}

/** The clauses of a sentence with their offsets in it (a clause keeps its own words only). */
export function clauseBounds(sentence: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let at = 0;
  CLAUSE_END.lastIndex = 0;
  for (const m of matchesIn(sentence, CLAUSE_END)) {
    out.push({ start: at, end: m.index });
    at = m.index + m[0].length;
  }
  out.push({ start: at, end: sentence.length });
  return out.filter((c) => sentence.slice(c.start, c.end).trim());
}
