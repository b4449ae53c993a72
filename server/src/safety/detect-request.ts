import { matchesIn } from '../platform/matches-in.ts';
import {
  AGENT_LINK,
  ANAPHORIC,
  BARE_ASK,
  EXCEPTION,
  IN_OWN_PLACE,
  INFORM_ONLY,
  NEGATION,
  NOT_THERE,
  NOT_THERE_ALL,
  OWN_WALLET,
  PART_OF_WHOLE,
  POINTS_TO_LINK,
  PROBLEM_TOLD,
  PRONOUN_HANDED,
  PURPOSE,
  SAYS_RISK,
  TRANSCRIBED,
  TYPED_IN,
  WARNS_OF_OTHERS,
  WE_SEND,
} from './ask-cues.ts';
import { clauses, normalise, SECRET_IN, secretMatches, sentences } from './ask-text.ts';
import { ASK } from './ask-vocabulary.ts';
import { withCarriedRequest } from './carried-request.ts';
import { withoutCorrected } from './corrected-request.ts';
import type { Finding } from './findings.ts';
import { asksWithOfficialException } from './official-exception.ts';
import { asksThroughOtherMedium } from './other-medium-asks.ts';
import { asksByValueOrMakeUp } from './quoted-value.ts';
import { withoutReportedQuotes } from './reported-speech.ts';
import {
  AGENT_ACTS,
  AGENT_CONFIRMS,
  APP_ASKS,
  BUTTON_PRESS,
  CARRIES,
  CUSTOMER_DID,
  circumstance,
  ENTER,
  ENTER_ANYWHERE,
  HAND_OVER,
  INLINE_LIST_START,
  INTRODUCES_LIST,
  LIST_ITEM,
  livenessDigits,
  liveSecret,
  menuProcedure,
  NEEDS_YOURS,
  NEVER_LEGIT,
  OWN_OBJECT,
  OWN_OBJECTS,
  OWN_PLACE,
  onlyManaged,
  REPLYING_HERE,
  REUSE_QUESTION,
  usesItself,
  WHAT_IS,
  WHERE_SHOWN,
} from './request-words.ts';
import { withoutLaterCorrection } from './self-correction.ts';
import { simplifiedSameLength } from './simplified.ts';

/**
 * An agent's message that asks the customer for a secret: in one sentence, a secret (named —
 * "助记词", "seed phrase", "the code we sent", "words 1, 5 and 9", "6位数字" — or referred back to:
 * "We sent a code. Tell me what it is.") and a request to send, read out, type here, screenshot,
 * confirm or hand it over, in a clause that is not negated. Advice ("we will never ask for your
 * seed phrase", "请不要在对话里发送密码", "不需要提供验证码，请提供UID") negates its own clause only,
 * so an advice clause next to a real ask does not excuse it. Chinese is read in Simplified.
 */

/**
 * Whether a piece's request has a harmless object of its own before every secret it names ("share
 * the error message you see after entering the SMS code" asks for the message): the reverse of
 * asksFor, for the classifier, which no longer treats a harmless object anywhere as a veto.
 */
export function requestsAnotherObject(piece: string): boolean {
  const said = normalise(piece);
  // asksFor's own test, turned round: a request that names a secret, and none that it asks for.
  return ASK.test(said) && secretMatches(said).length > 0 && !asksFor(said);
}

/**
 * Whether a clause's request is for the secret: the secret is in the clause and no harmless object
 * stands between the request and it ("share the error message you see after entering the SMS
 * code" asks for the message), or the secret is elsewhere and the request has no object of its own.
 */
/** After a secret, its list item ends: a separator, a stop, or the clause's end. */
const ITEM_ENDS = /^\s*(?:\([^)]{0,20}\)\s*)?(?:[,，、;；.。!！?？)）]|\band\b|和|及|以及|\d[.)]|[①-⑩]|$)/i;
/** Words that make the secret a circumstance of another item ("…在输入验证码时看到的提示"). */
const ONLY_WHERE = /时|的时候|\bwhen\b|\bwhile\b|\bafter\b|\bbefore\b|看到|显示|\bshown\b|\bappears?\b/i;
function asksFor(clause: string): boolean {
  const ask = clause.match(ASK);
  if (!ask) return false;
  const after = ask.index! + ask[0].length;
  let secret = false;
  for (const m of secretMatches(clause)) {
    secret = true;
    const between = clause.slice(after, m.index);
    if (m.index < after || !OWN_OBJECT.test(between)) return true;
    // The harmless object carries the secret only when the carrying words follow it ("the page
    // that shows your key"), not when they lead to it ("a screenshot of the error … the code").
    const own = matchesIn(between, OWN_OBJECTS).at(-1)!;
    const rest = between.slice(own.index + own[0].length);
    // The object names whose secret it is, right before it ("your card PIN", "银行卡密码"): the PIN is asked for.
    // Round 22: also with the secret's own kind between ("银行卡的取款密码": the card's withdrawal PIN).
    const owner =
      /^\s*(?:[的嘅之]\s*)?(?:atm\s*|短信|sms\s*|取款|提款|支付|交易|网银|登录|登入)?$/i.test(rest) &&
      /^(?:pin|pass(?:word|code)|密码|口令|(?:短信)?验证码|otp)/i.test(m[0].trim());
    // The secret is coordinated with the harmless object ("your UID and the recovery phrase",
    // "UID、助记词"): both are objects of the one request.
    // A list of several (round 19: "UID、綁定手機末三碼以及剛剛收到的簡訊驗證碼", "1) UID 2) address 3) SMS
    // code"): the secret closes its own item, and nothing between says it is only where the other shows.
    const coordinated =
      /^\s*(?:,|&|、|，|\band\b|和|及|以及)\s*(?:(?:the|your|a|an)\s+)?(?:[\w-]+\s+){0,2}[\u4e00-\u9fff]{0,8}$/i.test(
        rest,
      ) ||
      (/^\s*(?:,|&|、|，|;|；|\band\b|和|及|以及|\d[.)]|[①-⑩])/i.test(rest) &&
        ITEM_ENDS.test(clause.slice(m.index + m[0].length)) &&
        !ONLY_WHERE.test(rest));
    if (
      owner ||
      coordinated ||
      CARRIES.test(rest) ||
      WHERE_SHOWN.test(clause.slice(after + own.index + own[0].length, m.index + m[0].length + 30))
    )
      return true;
  }
  return !secret && !OWN_OBJECT.test(clause);
}

/** A rule's hit; `plain` when the hit is one the classifier may never overrule. */
export interface RuleHit extends Finding {
  plain?: boolean;
}

export interface RequestOptions {
  /** The message also shows phrase-like words ("send yours the same way"). */
  showsPhrase?: boolean;
}

export function detectSecretRequests(original: string, options: RequestOptions = {}): RuleHit[] {
  // A scammer's ask quoted in a warning is not the agent's (blanked; offsets unchanged).
  // A secret that the next sentence says was not meant ("码多少？订单码。") is not asked for.
  const text = withoutLaterCorrection(simplifiedSameLength(withoutReportedQuotes(original)));
  const out: RuleHit[] = [];
  let earlierSecret = false;
  // A secret named at all, in advice too: "it" handed over later points back to it.
  let earlierMention = false;
  let previous = '';
  // A request that ends in a colon ("Please reply with:") carries over to each item of the list under it.
  let listRequest = '';
  for (const s of sentences(joinedBurst(inlineListAsLines(text)))) {
    const item = LIST_ITEM.exec(s.text);
    const said =
      item && listRequest ? `${listRequest} ${normalise(s.text.slice(item[0].length))}` : normalise(s.text);
    // Or one that starts on the request's own line: the request is the words up to its colon.
    const inline = item ? null : INLINE_LIST_START.exec(s.text);
    const intro = inline ? s.text.slice(0, inline.index + 1) : s.text;
    if (!item)
      listRequest =
        (inline || INTRODUCES_LIST.test(s.text)) && ASK.test(intro) ? normalise(intro).trim() : '';
    const before = previous;
    previous = said;
    const named = liveSecret(said);
    const yours =
      Boolean(options.showsPhrase) && /\byours\b|\bthe\s+rest\b|同样|照这样|按这个格式/i.test(said);
    // Nothing in this sentence or before it names a secret: it cannot ask for one (most sentences).
    const mentioned = named || SECRET_IN(said);
    if (!named && !yours && !earlierSecret && !mentioned && !earlierMention) continue;
    const secretBefore = earlierSecret;
    const mentionBefore = earlierMention;
    earlierSecret ||= named;
    earlierMention ||= mentioned;
    // A sentence that only mentions a secret (advice, or after it) can ask only by pointing back to
    // one: without a pointer in it, nothing below can find an ask (cheap, and most advice).
    if (!named && !yours && !secretBefore && !ANAPHORIC.test(said) && !PART_OF_WHOLE.test(said)) continue;
    // Handing it over named as a risk: advice about the whole sentence; a path through the app's
    // menus with no hand-over is procedure the customer follows there.
    if (
      SAYS_RISK.test(said) ||
      WARNS_OF_OTHERS.test(said) ||
      menuProcedure(said) ||
      livenessDigits(said) ||
      REUSE_QUESTION.test(said)
    )
      continue;
    const live = clauses(said)
      .filter(
        (c) =>
          !NEGATION.test(c) &&
          !(circumstance(c) && !(NEEDS_YOURS.test(c) && SECRET_IN(c))) &&
          !(PROBLEM_TOLD.test(c) && !SECRET_IN(c)),
      )
      .map((c) =>
        c
          .replace(WE_SEND, ' ')
          .replace(PURPOSE, ' ')
          .replace(CUSTOMER_DID, ' ')
          .replace(AGENT_CONFIRMS, ' ')
          .replace(BUTTON_PRESS, ' ')
          .replace(APP_ASKS, ' ')
          .replace(INFORM_ONLY, ' ')
          .replace(NOT_THERE_ALL, ' ')
          .replace(REPLYING_HERE, ' here '),
      );
    // The ask and the secret in one clause, or the ask in another clause with no object of its own;
    // "type it" counts as handing it over when the agent says they will act with it (in a clause
    // that is not negated: "我这边不需要" says the agent will not).
    const agentActs = live.some((c) => AGENT_ACTS.test(c));
    // The customer's own wallet or device may be named in another clause of the sentence ("open the
    // wallet app on your own phone, and enter the phrase there"); a link anywhere in it still counts.
    const ownWallet = OWN_WALLET.test(said) && !POINTS_TO_LINK.test(said);
    // Typed where the customer types it for themselves, or into their own wallet on their own device,
    // offline (round 16), and not handed over in the same clause.
    const ownPlace = (c: string) =>
      !HAND_OVER.test(c) &&
      !WHAT_IS.test(c) &&
      !agentActs &&
      (((IN_OWN_PLACE.test(c) || usesItself(c)) && !NEVER_LEGIT.test(c)) || (ownWallet && TYPED_IN.test(c)));
    const asks = () =>
      withCarriedRequest(live, SECRET_IN).some(
        (c) =>
          (asksFor(c) && !ownPlace(c)) ||
          (agentActs && ENTER.test(c) && !OWN_PLACE.test(c) && SECRET_IN(c)) ||
          (ENTER_ANYWHERE.test(c) && NEVER_LEGIT.test(c) && !ownWallet) ||
          (ENTER_ANYWHERE.test(c) && SECRET_IN(c) && AGENT_LINK.test(said)),
      );
    // Handing "it" over (in a clause that is not negated, with no object of its own: "tell me what
    // it says on the error screen" asks for the error) points back to a live secret named before.
    // Past advice that names one ("we never ask for your code"), only an explicit "it" or an
    // exception ("but in your case send it to me", 不过, 这次) points back: "有问题随时告诉我" after
    // a warning asks for nothing.
    const exception =
      EXCEPTION.test(said) || NOT_THERE.test(said) || (mentionBefore && EXCEPTION.test(before));
    const referred =
      live.some(
        (c) =>
          ANAPHORIC.test(c) &&
          !OWN_OBJECT.test(c) &&
          (secretBefore ||
            ((mentionBefore || mentioned) &&
              (exception || PRONOUN_HANDED.test(c) || TRANSCRIBED.test(said)))),
      ) ||
      (mentioned && PART_OF_WHOLE.test(said));
    let ask = ((named || yours) && asks()) || referred;
    if (
      ask &&
      !referred &&
      !yours &&
      !HAND_OVER.test(said) &&
      !NEVER_LEGIT.test(said) &&
      !agentActs &&
      !AGENT_LINK.test(said) &&
      onlyManaged(said)
    )
      ask = false;
    if (!ask) continue;
    // "Send yours the same way" under phrase-like words asks for the phrase: never overruled.
    const plain = yours && !named ? { plain: true } : {};
    out.push({ kind: 'secret_request', start: s.start, end: s.start + s.text.trimEnd().length, ...plain });
  }
  // A reply that is only the secret's name as a question ("OTP?"), or a part of it ("私钥前8位。").
  if (out.length === 0 && BARE_ASK.test(normalise(text)))
    out.push({ kind: 'secret_request', start: 0, end: text.trimEnd().length, plain: true });
  // A guessed value to confirm, or the secret's make-up asked (quoted-value.ts), and a secret asked
  // through a shared screen, a form or a phone line (other-medium-asks.ts): no hand-over verb needed.
  for (const f of [
    ...asksByValueOrMakeUp(text),
    ...asksThroughOtherMedium(text),
    ...asksWithOfficialException(text),
  ]) {
    // Plain: an answer to a guess or a make-up question is the secret; a medium hands it over.
    const same = out.find((o) => o.start === f.start);
    if (same) same.plain = true;
    else out.push({ ...f, plain: true });
  }
  return withoutCorrected(text, out).sort((a, b) => a.start - b.start);
}

/**
 * A list written on one line after a colon ("reply with the following: 1. Full name 2. City 3. Your
 * login password", "PFB the pending items: (a) …, (b) …", round 21) is read as the lines it stands
 * for: the space before each mark, numbered in order from 1 or (a), becomes a line break (same
 * length), so each item is read under the request that introduced the list.
 */
function inlineListAsLines(text: string): string {
  const intro = /[:：]\s(?=\s*(?:1[.)]|\(1\)|\(a\)|a\))\s)/i.exec(text);
  if (!intro) return text;
  const lettered = /\(a\)|a\)/i.test(text.slice(intro.index + 1, intro.index + 6));
  // Code units, as offsets are: the intro's space, then the space before each next mark in order.
  const out = text.split('');
  out[intro.index + 1] = '\n';
  const marks = lettered ? /\s\(?([a-z])\)\s/gi : /\s(\d{1,2})[.)]\s/g;
  let n = 2;
  for (const m of matchesIn(text, marks)) {
    if (m.index < intro.index + 2) continue;
    const at = lettered ? m[1]!.toLowerCase().charCodeAt(0) - 96 : Number(m[1]);
    if (at !== n) continue;
    out[m.index] = '\n';
    n++;
  }
  return n > 2 ? out.join('') : text;
}

/**
 * A chat burst, one short line after another with no stops ("ok\nfound your ticket\nnow the words\nall
 * 12 pls", "喂\n收到未呀\n個六位數\n打埋落嚟啦"), is one sentence said in pieces (round 19): its line
 * breaks are read as commas, so a secret named on one line and asked for on the next meet. Same
 * length; a list (lines opening with a mark or a number) is not a burst.
 */
function joinedBurst(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim());
  if (lines.length < 3) return text;
  const short = (l: string) =>
    /[\u4e00-\u9fff]/.test(l) ? l.trim().length <= 20 : l.trim().split(/\s+/).length <= 8;
  if (!lines.every((l) => short(l) && !/[.。!！;；]\s*$/.test(l) && !LIST_ITEM.test(l))) return text;
  return text.replace(/\n/g, ',');
}
