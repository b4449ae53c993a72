import { matchesIn } from '../platform/matches-in.ts';
import { simplifiedSameLength } from './simplified.ts';

/**
 * A warning that quotes a scammer's ask ("The message you got — 'send your seed phrase to verify
 * your wallet' — is a phishing attempt", 那个说“把验证码告诉我”的人不是客服) reports someone else's
 * words: the quoted request is not the agent's. Quoted text is blanked (same length, so offsets
 * hold) when the words around it, outside the quotes and within its sentence, warn against it or
 * disown it, or when someone else is reported saying it ("He said \"just give me the first 6 words\"",
 * 您转述的“…”). A quote without such words ("type 'I agree' and send your code") is read as said.
 */

/**
 * A quoted stretch: an English single quote opens and closes outside a word ("don't" is none), and
 * one inside a word ("I'm", "what's") neither opens nor closes it.
 */
const QUOTED =
  /(?<![\p{L}\p{N}])'(?:[^'\n]|(?<=\p{L})'(?=\p{L})){4,200}'(?![\p{L}\p{N}])|"[^"\n]{4,200}"|“[^”\n]{2,200}”|‘[^’\n]{2,200}’|「[^」\n]{2,200}」|『[^』\n]{2,200}』/gu;
/** Quick test: no quotation mark, nothing to read (most replies). */
const ANY_QUOTE = /['"“‘「『]/;

/** Words that warn against what is quoted, or say it is not ours (read in Simplified). */
const WARNS =
  /phishing|scam|fraud|fake|theft|\bain['’]?t\s+(?:us|ours|from\s+us)\b|\bsteal|\b419\b|\bno\s+be\s+us\b|\bdid(?:n't|\s+not)\s+come\s+from\s+us\b|^\s*don'?t\s*[.!]|(?:是|这是|都是)假|假(?:公告|通知|网站|网页|链接|客服|消息|页面|短信|邮件|应用|软件|程序|群|[a-z]+)|千万(?:别|不要|唔好)|系假|impersonat|impost[oe]r|\b(?:is|was|are)(?:n't|\s+not)\s+(?:us|from\s+us|ours|lumen|real|legit\w*|genuine|official)\b|\bnot\s+(?:from\s+)?(?:us|ours|lumen|our\s+\w+)\b|\breport\b|\bignore\b|\bdon'?t\s+(?:reply|respond|answer|click)|\bnever\b|钓鱼|诈骗|骗|呃(?:人|钱|你)|冒充|假冒|假的|(?:不是|唔系|并非)[^，。！？]{0,10}(?:客服|官方|我们|我哋|工作人员)|举报|忽略|不要理|别理|唔好理|勿|\b(?:if|when|whenever)\s+(?:someone|somebody|anyone|anybody|a\s+caller|a\s+stranger|they)\s+(?:says?|asks?|tells?\s+you|writes?|texts?)\b|\bhang\s+up\b|挂断|挂掉电话|如果有人|要是有人/i;

/** Someone else's words introduced as such: "the person who messaged you said", "他发来说". */
const REPORTED =
  /\bexamples?\b[^.!?。！？\n]{0,30}[:：]\s*(?:\d{1,2}[.)]\s*)?$|\bsayin['’]?|\b(?:said|says|saying|say|stating|that\s+states?|asked|asks|told\s+you|wrote|writes|texted|messaged\s+you|wey\s+(?:tell|tells|told)\s+you|that\s+says|(?:dms?|pms?|messages?|texts?|emails?|contacts?)\s+you\s+with|claimed|claims|reading|read|script\s+(?:is|was)(?:\s+\w+){0,3}|(?:messages?|texts?|emails?|sms|dms?|calls?)\s+like)\s*[:,—–-]?\s*$|(?:说|讲|问|问道|写着|写住|写道|发来|声称|(?<![名简昵号俗自])称|内容为|内容是|写有|载明|话|转述的|提到的|遇到的|说的|问的)[:：，,]?\s*$/i;

/**
 * The one who said it, right before the speech verb: the agent quoting their own words ("As I said:
 * 'send me the code'", "我刚才说“…”") still says them, so only someone else's quoted words are
 * blanked without a warning beside them.
 */
const SAID_BY_AGENT =
  /\b(?:i|we)\s+(?:\w+\s+)?(?:said|say|asked|ask|wrote|write)\s*[:,—–-]?\s*$|我(?:们|们这边|这边)?(?:刚才|刚刚|之前|上面)?(?:说|问|写)(?:过|了|的)?[:：，,]?\s*$/i;

/**
 * The sentence around a quote: up to the sentence ends before and after it (quotes excluded).
 * The sentence after the quote is read too: that is where a warning about what was said usually
 * comes ("The caller said '…'. That's a scammer.").
 */
const SENTENCE_END = /[.!?。！？\n]/;
function surroundings(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && start - from < 160 && !SENTENCE_END.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && to - end < 160 && !SENTENCE_END.test(text[to]!)) to++;
  // A quote's verdict often comes in the next sentence ("… 'send your seed words below'. That page
  // isn't ours", "the old '…' line. Total scam"), whoever is said to have written it (round 13).
  {
    // Past the end (and any closing marks) to the next sentence's end.
    to++;
    while (to < text.length && SENTENCE_END.test(text[to]!)) to++;
    const next = to;
    while (to < text.length && to - next < 160 && !SENTENCE_END.test(text[to]!)) to++;
  }
  return `${text.slice(from, start)} ${text.slice(end, to + 1)}`;
}

/** The reply with quoted asks that a warning reports blanked out; the same string when there are none. */
export function withoutReportedQuotes(text: string): string {
  if (!ANY_QUOTE.test(text)) return text;
  const read = simplifiedSameLength(text);
  let out = text;
  for (const m of matchesIn(read, QUOTED)) {
    const start = m.index;
    const end = start + m[0].length;
    const lead = read.slice(Math.max(0, start - 60), start);
    const someoneElseSaid = REPORTED.test(lead) && !SAID_BY_AGENT.test(lead);
    if (!someoneElseSaid && !WARNS.test(surroundings(read, start, end))) continue;
    out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
  }
  return out;
}
