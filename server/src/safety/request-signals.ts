import {
  ANAPHORIC,
  IN_OWN_PLACE,
  INFORM_ONLY,
  NEGATION,
  OWN_WALLET,
  PART_OF_WHOLE,
  POINTS_TO_LINK,
  SAYS_RISK,
  TRANSFER,
  TYPED_IN,
  WARNS_OF_OTHERS,
  WE_SEND,
} from './ask-cues.ts';
import { clauses, normalise, SECRET_IN, sentences } from './ask-text.ts';
import { ASK } from './ask-vocabulary.ts';
import {
  AGENT_ACTS,
  appAsksOnly,
  CUSTOMER_DID,
  circumstance,
  ENTER,
  ENTER_ANYWHERE,
  HAND_OVER,
  LIST_ITEM,
  liveSecret,
  menuProcedure,
  NEVER_LEGIT,
  OWN_OBJECT,
  OWN_PLACE,
  onlyManaged,
  REUSE_QUESTION,
  TYPED_HERE,
  usesItself,
} from './request-words.ts';
import { simplifiedSameLength } from './simplified.ts';

/** The grammar's own cues in a message, as features for the ask classifier (`ask-classifier.ts`). */
export interface RequestSignals {
  secret: boolean;
  request: boolean;
  handOver: boolean;
  neverLegit: boolean;
  negation: boolean;
  circumstance: boolean;
  weSend: boolean;
  customerDid: boolean;
  ownObject: boolean;
  /** Every secret named sits next to a word that manages it ("reset your 2FA", "收不到验证码"). */
  managed: boolean;
  /** Typing it where the customer types it for themselves ("enter the code in the app"). */
  ownPlace: boolean;
  /** A clause with a secret named in it that no advice cue negates. */
  liveSecret: boolean;
}

const BY_THEMSELVES = /自己|亲自|自行|\byourself\b|\bon\s+your\s+own\b|扩充功能|扩展程序|\bextension\b/i;
/** A request that introduces a list of required items ("需要以下资料：", "请配合提供：", "we require:", "按以下格式回复："). */
const REQUIRED_LIST =
  /(?:需要|提供|准备|提交|回复|附上|检附)[^，。？！：:]{0,12}(?:以下|下列|如下)[^，。？！：:]{0,8}[：:]|(?:请|麻烦|烦请|敬请)[^，。？！：:]{0,10}(?:提供|提交|回复|附上|检附|告知|发送)(?:(?:以下|下列|如下)?的?(?:资料|信息|材料|内容|事项|文件))?\s*[：:]|(?:按|以)(?:以下|下列|如下)[^，。？！：:]{0,6}(?:回复|提供|填写|提交)[：:]|\b(?:we|i)\s+(?:will\s+)?(?:require|need)\s*(?:the\s+following)?\s*:|\b(?:reply|respond|send|provide)\b[^.?!:]{0,40}\b(?:following|below)\b[^.?!:]{0,20}:|\b(?:needs?|requires?)\s+(?:(?:the\s+following|these|a\s+few|some|two|three|four|five|\d)\s+)?(?:items?|things|documents|details|pieces)\s+(?:from\s+you\s*)?:/i;

/**
 * A sentence whose request is plainly a hand-over: a live (not negated) clause hands the secret to
 * the agent ("send it to me", "告诉我", "I need your"), names a secret nobody may ask for (the
 * phrase, a private key), or says the agent will act with what is typed. The classifier may not
 * overrule a rule hit on such a sentence; a weaker hit ("confirm with your code", "the funds
 * password is used to confirm") it may (`ask-classifier.ts`, `detectAsks`).
 */
export function handsOverPlainly(simplified: string): boolean {
  const said = normalise(simplified);
  // A list item carries the request of the line that introduced the list ("Please reply with:").
  if (LIST_ITEM.test(said)) return true;
  // Required items listed after a colon, a secret among them ("审核需要以下资料：UID、充值金额、助记词",
  // "we require: (1) a selfie, (2) …, (3) your login password"), round 13; "the desk needs three items
  // from you: …" (round 14).
  const listed = REQUIRED_LIST.exec(said);
  if (listed && SECRET_IN(said.slice(listed.index + listed[0].length))) return true;
  // A part of the secret asked for against the whole ("淨係講頭三個字就得，唔使成個 seed phrase", round 18).
  if (PART_OF_WHOLE.test(said) && SECRET_IN(said)) return true;
  // A phrase or a private key typed anywhere the agent points to, not into the customer's own wallet
  // or by the customer alone ("在扩充功能视窗里自己输入").
  if (
    NEVER_LEGIT.test(said) &&
    ENTER_ANYWHERE.test(said) &&
    !BY_THEMSELVES.test(said) &&
    !(OWN_WALLET.test(said) && !POINTS_TO_LINK.test(said))
  )
    return true;
  // The hand-over and its object in one clause: "tell me and I'll switch you to voice OTP" and
  // "告诉我是哪种就行" hand over no secret, "the phrase you wrote down can restore it" hands nothing
  // over; those the classifier may overrule. "it"/"them" handed over points back to the secret.
  return clauses(said)
    .filter((c) => !NEGATION.test(c))
    .map((c) => c.replace(INFORM_ONLY, ' '))
    .some(
      (c) =>
        ANAPHORIC.test(c) ||
        ((HAND_OVER.test(c) || AGENT_ACTS.test(c) || TRANSFER.test(c)) && SECRET_IN(c)) ||
        (NEVER_LEGIT.test(c) && ASK.test(c)),
    );
}

/**
 * Whether a piece carries one of the plain "not an ask" cues (advice, when/whether, we-send, the
 * customer's past act): tested before the full signals, which cost more.
 */
export function plainlyNotAsk(simplified: string): boolean {
  const said = normalise(simplified);
  const cue = [NEGATION, WE_SEND, CUSTOMER_DID, SAYS_RISK, WARNS_OF_OTHERS].some((re) => {
    re.lastIndex = 0;
    const hit = re.test(said);
    re.lastIndex = 0;
    return hit;
  });
  return cue || circumstance(said) || menuProcedure(said) || appAsksOnly(said) || REUSE_QUESTION.test(said);
}

/** `simplified`: the text is already read in Simplified (a slice of a converted reply). */
export function requestSignals(original: string, simplified = false): RequestSignals {
  const said = normalise(simplified ? original : simplifiedSameLength(original));
  const test = (re: RegExp) => {
    re.lastIndex = 0;
    const hit = re.test(said);
    re.lastIndex = 0;
    return hit;
  };
  return {
    secret: SECRET_IN(said),
    request: test(ASK),
    // "Tell me" with nothing to hand over ("… tell me and I'll switch you to voice") hands nothing over.
    handOver: HAND_OVER.test(said.replace(INFORM_ONLY, ' ')),
    neverLegit: test(NEVER_LEGIT),
    negation: test(NEGATION),
    circumstance: circumstance(said),
    weSend: test(WE_SEND),
    customerDid: test(CUSTOMER_DID),
    ownObject: test(OWN_OBJECT),
    managed: SECRET_IN(said) && onlyManaged(said) && !TYPED_HERE.test(said),
    ownPlace:
      (test(ENTER) && test(OWN_PLACE)) ||
      (test(OWN_WALLET) && !test(POINTS_TO_LINK) && test(TYPED_IN) && !test(HAND_OVER)) ||
      ((test(IN_OWN_PLACE) || usesItself(said)) && !test(HAND_OVER) && !test(NEVER_LEGIT)) ||
      menuProcedure(said),
    liveSecret: sentences(said).some((s) => liveSecret(s.text)),
  };
}
