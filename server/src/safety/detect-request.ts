import {
  AGENT_LINK,
  ANAPHORIC,
  BARE_ASK,
  BY_HANDING,
  CHAT_PLACE,
  CIRCUMSTANCE,
  EXCEPTION,
  IN_OWN_PLACE,
  INFORM_ONLY,
  MENU_PATH,
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
  TRANSFER,
  TYPED_IN,
  USES_TO_ACT,
  WARNS_OF_OTHERS,
  WE_SEND,
} from './ask-cues.ts';
import { CLAUSE_END, clauses, normalise, SECRET_IN, secretMatches, sentences } from './ask-text.ts';
import { ASK, HAND_OVER_MORE, KEY_IN, SLANG_HAND_OVER } from './ask-vocabulary.ts';
import { withCarriedRequest } from './carried-request.ts';
import { withoutCorrected } from './corrected-request.ts';
import type { Finding } from './findings.ts';
import { asksThroughOtherMedium } from './other-medium-asks.ts';
import { asksByValueOrMakeUp } from './quoted-value.ts';
import { withoutReportedQuotes } from './reported-speech.ts';
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

/** The secret handed to someone, whatever else is said about it ("需要您的交易密码才能找回"). */
const HAND_OVER = new RegExp(
  `${String.raw`\btrust\s+(?:me|us)\s+with\b|\bto\s+[\w.+-]+@[\w-]+\.[\w.]+|发我|发给我|发过来|\b(?:message|text|email|dm|forward)\s+(?:it|them|that)\s+(?:over\s+)?(?:to\s+)?(?:me|us)\b|(?:粘)?贴(?:过来|给我)|(?:粘贴|贴|发|打|填|写)(?:在|到)(?:这里|这儿|此处|对话框|聊天框|这个对话|此对话|本对话)|贴回(?:这里|这儿|此处|呢度)|\brepeat\s+(?:your|the)\b|\bplease\s+provide\s+(?:me\s+|us\s+)?(?:with\s+)?(?:the|your)\b|\b(?:(?:could|would|can)\s+you|you\s+(?:could|would|can))\s+(?:please\s+|kindly\s+|just\s+)?(?:provide|send|share|give|tell|read)\s+(?:(?:me|us)\s+)?(?:the|your)\s+(?:\w+[-\s]+){0,2}?(?:code|password|passcode|pin|phrase|words|key|digits)\b|告诉我(?!是否|一声)|回传|私信我|私聊我|给我|念一下|报给我|需要您的|需要你的|只需要(?!(?:您|你)?(?:自己|本人|亲自))|是什么|是多少|send\s+(?:it\s+|them\s+)?(?:to\s+)?(?:me|us)\b|send\s+(?:it|them)\s+here\b|\b(?:hit\s+(?:me|us)\s+with|shoot\s+(?:me|us)|pass\s+(?:me|us))\b|\bdm\s+me\b|tell\s+me\b|give\s+(?:me|us)\b|share\s+(?:it\s+|them\s+)?with\s+(?:me|us)|paste\s+(?:it\s+)?here|type\s+(?:it\s+)?here|reply\s+with|revert\s+(?:back\s+)?(?:to\s+(?:me|us)\s+)?with|read\s+(?:it\s+|them\s+)?(?:out|to\s+me)|\bsend\s+here\b|\bscreenshot\b[^.?!]{0,12}\band\s+send\b|read\s+(?:it\s+|them\s+)?(?:me|us)\b|let\s+(?:me|us)\s+know|what(?:'s|\s+is|\s+are)\s+(?:your|the)\b|\b(?:i|we)\s+(?:\w+\s+)?need\s+(?:your|the)\b`}|${HAND_OVER_MORE}|${SLANG_HAND_OVER}`,
  'i',
);

/** Typed again into this chat ("把新密码在这里再输一次"): handed over, however new (round 18). */
const TYPED_HERE =
  /(?:这里|这儿|此处|对话框|聊天框)[^，。？！]{0,4}(?:再)?(?:输|填|打|发)|\b(?:type|enter|paste)\b[^.?!]{0,20}\b(?:here|in\s+(?:this|the)\s+chat)\b/i;

/** "What is it", the secret's value asked ("你喺App設定嘅交易密碼係咩嚟", round 18): set in the app, told here. */
const WHAT_IS =
  /(?:是|系)(?:什么|啥|咩|乜嘢?|多少|几多)|\bwhat(?:'s|\s+is|\s+are)\s+(?:your|the|ur)\b|\bano\s+(?:po\s+)?(?:yung|ang)\b/i;

/** "We need your API secret … to check why …": the purpose's "why" asks nothing of its own (round 18). */
const NEEDS_YOURS = /\b(?:i|we)\s+(?:\w+\s+)?need\s+(?:your|the)\b|需要(?:您|你)的/i;

/** Secrets nobody may ever be asked to hand over or show: no other words excuse asking for them. */
const NEVER_LEGIT =
  /助记词|记忆词|私钥|keystore|seed|recovery\s*(?:phrase|words?|key|sheet|card)|backup\s*(?:phrase|words?|card|sheet)|mnemonic|secret\s*(?:phrase|key|words?)|private\s*key|priv\s*key|恢复短语|恢复词|种子/i;

/** Words that make the secret the subject of an instruction, not the thing asked for ("reset your 2FA"). */
const MANAGE =
  /reset|change|update|enable|disable|turn\s+on|turn\s+off|unbind|\bbind|recover(?!y)|access|error|page|link|used\s+for|linked|bound|expire|(?<!\b(?:that|which|just|it|they|once|when)\s+)arriv|重置|修改|更改|开启|关闭|绑定(?!的)|解绑|找回|设置(?!的)|报错|页面|错误|过期|收不到|没收到|不到|not\s+(?:arriv|receiv|com)|didn'?t\s+(?:arriv|get|receive|come)/i;
/** A new secret being set: the secret's own name is part of these words ("the new password"). */
const SETS_NEW = /\bnew\s+(?:password|pin|passcode)|新的?密码/i;
const NEAR = 16;

/** A request with its own, harmless object: a page, a record, an order number. */

const OWN_OBJECT =
  /邮政编码|邮编|\bpost(?:al)?\s*code\b|\bzip\s*code\b|错误代码|错误码|提示(?:内容|信息|语)?|画面|红字|发件(?:号码|人|地址)|\bsender\b|报错|页面|界面|记录|订单|编号|单号|uid|txid|哈希|地址|金额|时间|设置(?!的)|收据|凭证|工单|手机号|电话号码|卡号|身份证|银行卡|\b(?:(?:phone|mobile|card|id|account)\s+number|(?:bank|debit|credit)\s+card(?!\s+(?:atm\s+)?(?:pin|password|passcode)\b)|(?<!(?:recovery|backup|seed|mnemonic)\s+)card(?!\s+(?:atm\s+)?(?:pin|password|passcode)\b|'s\s+pin\b)|page|screen(?!shot)|record|history|uid|txid|hash|address|amount|order|error|settings?|receipt|invoice|reference|ticket|contract|agreement|statement)\b|合同|合约|借据|账单/i;

const OWN_OBJECTS = new RegExp(OWN_OBJECT.source, 'gi');

/**
 * An object that carries the secret, or that the secret belongs to: "the page that shows your
 * private key", "显示助记词的页面", "充值地址对应的私钥", "the key behind your deposit address".
 */
const CARRIES =
  /\b(?:shows?|showing|displays?|displaying|with|containing|contains|has|of\s+(?:your|the)|behind|controlling|controls|belonging\s+to|corresponding\s+to)\b|^\s*(?:'s|’s)\s|^\s*(?:对应|所属|背后)?[的嘅之]\s*$|显示|带有|含有|上面?的|对应的|所属的|背后的/i;

/** The object is the place the secret shows: "a picture of the screen where the API secret is shown". */
const WHERE_SHOWN =
  /^\s*where\b[^.?!]{0,40}\b(?:shown|displayed|visible|appears?|written|listed|wrote|write|noted|jotted|copied|kept|stored|saved)\b/i;

/** A secret named only by its shape ("六位数字", "the 6 digits"): another object may own that shape. */
// (Not "the six digit code": a code, named with its shape; round 22.)
const SHAPE_ONLY =
  /^[^码密词字键]*(?:数字|位数)[^码密词]*$|^(?:\w+[-\s]+)*(?:digits?|numbers?)(?:\s+(?!(?:codes?|otp|pin|passcode)\b)\w+)*$/i;

/**
 * Whether every secret a piece names is named only by its shape ("那串十二位数字", "the 8 digits")
 * and its sentence has an object of its own that may own that shape ("请提供订单号，就是那串十二位数字").
 */
export function shapeOfAnotherObject(piece: string, sentence: string): boolean {
  const said = normalise(piece);
  let any = false;
  for (const m of secretMatches(said)) {
    any = true;
    if (!SHAPE_ONLY.test(m[0].trim()) || DESCRIBED_BY_PLACE.test(m[0])) return false;
  }
  return any && OWN_OBJECT.test(normalise(sentence));
}

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

/** The words before a shape that say where it shows: "验证器里显示的(6位数字)", "on your authenticator, the (6 digits)". */
const SHOWN_BEFORE =
  /(?:验证器|认证器|短信|屏幕|手机)[^，。！？]{0,10}(?:显示|跳出|出现)的?[^，。！？]{0,4}$|\b(?:authenticator|screen|sms|text)\b[^.?!,]{0,16}\b(?:shows?|showing|displays?)\b[^.?!,]{0,6}$/i;

/** The words after a shape that say where it shows: "(the six digits) on your screen", "(六位数字)在手机上". */
const SHOWN_AT =
  /^\s*(?:\w+\s+)?(?:on|in|from)\s+(?:the\s+|your\s+)?(?:\w+\s+)?(?:screen|phone|authenticator|app)\b(?!\s*(?:number|no\b|#))|^[^，。]{0,4}(?:屏幕|手机|认证器|验证器)(?:上|里)/i;
/** Digits described by the screen or device they show on: the secret itself, not another object's number. */
const DESCRIBED_BY_PLACE = /screen|phone|authenticator|rotat|chang|refresh|屏幕|手机|电话|认证器|验证器|跳/i;

/** The customer's own earlier act, reported, not requested: "您刚才发了验证码", "you already sent it". */
const CUSTOMER_DID =
  /\byou\s+did\s+(?:ever\s+)?(?:give|send|share|tell|type|enter)\b|\b(?:did|have|had)\s+you\s+(?:ever\s+|already\s+|maybe\s+)?(?:type|enter|input|paste|share|send|give|tell|put|typed|entered|shared|sent|given|told|put|pasted)\b|(?:您|你)(?:有没有|有冇|有)[^，。？！]{0,10}(?:输入|填|发|给|告诉|提供|贴|拍照|截图|存|保存|抄|写|上传|念|读|唸|报)(?:过|了|给)|(?:您|你)把[^，。？！]{0,12}(?:发|贴|提供|上传|粘贴)(?:出来|上来|过来|出|在|到)?(?![^，。？！]{0,3}就)[^，。？！]{0,8}了|(?:您|你)(?:之前|刚才|刚刚|已经|先前|以前|已)[^，。？！]{0,3}(?:发|提供|发送|贴|粘贴|告诉)(?:了|过|在|到|的)?|(?:您|你)(?:发|发送|贴|提供)(?:的|嘅|咗嘅)|\byou\s+(?:already\s+|just\s+|have\s+|had\s+)*(?:sent|shared|posted|pasted|gave|typed|entered)\b|\b(?:the\s+)?(?:customer|user|client)\s+(?:\w+\s+)?(?:sent|shared|posted|pasted|gave|typed|entered)\b|(?:用户|客户|客人)[^，。？！]{0,40}(?:发|提供|发送|贴|粘贴|输入|填写?|上传|泄露|告诉)(?:了|过)|\b(?:the\s+)?(?:customer|user|client)\s+(?:says?|said|reports?|reported|told\s+us|mentioned)\s+(?:that\s+)?(?:he|she|they)\s+(?:\w+\s+)?(?:sent|shared|posted|pasted|gave|typed|entered|uploaded)\b/gi;
/**
 * The app or the wallet asks for it, on its own screen: "the app itself will ask for your recovery
 * phrase on the Import screen", "App会在导入钱包页面让您输入助记词". Not the agent's request.
 */
const APP_ASKS =
  /\b(?:(?:the|your)\s+(?:wallet\s+)?app(?:\s+itself)?|it)(?:\s+will\s+|'ll\s+|\u2019ll\s+|\s+)(?:ask|asks|prompt|prompts)\s+(?:you\s+)?(?:for|to\s+enter)\b|(?:app|钱包|系统|页面)会[^，。？！]{0,14}(?:让|请|要求)(?:您|你)(?:输入|填写|填入)/gi;

/**
 * Replying on this ticket or e-mail is the channel, not an object of the request ("share the same
 * with us by replying to this ticket"): read as "here" (round 21), so "ticket" does not stand
 * between the request and the secret as its own object.
 */
const REPLYING_HERE =
  /\b(?:by\s+)?(?:replying|responding|reply|respond)\s+(?:to|on|in)\s+(?:this|the|our|my)\s+(?:ticket|e-?mail|message|thread|chat)\b|\bin\s+(?:your\s+)?reply\s+to\s+(?:this|the|our|my)\s+(?:ticket|e-?mail|message|thread)\b/gi;

/** The agent will act with what is typed ("我这边帮您下单", "so I can reset it for you"): typing it is handing it over. */
const AGENT_ACTS =
  /我这边|我这里|我们这边|我来|我帮您|我帮你|我们帮您|我们帮你|帮您(?:下单|操作|处理|提交|解锁)|\bon\s+(?:my|our)\s+(?:end|side)\b|\b(?:i|we)(?:'ll|\s+will|\s+can)\s+(?:\w+\s+)?(?:do|handle|finish|complete|place|process|push|submit|reset|unlock|link|bind|check|match|fix|verify|see)\b/i;
const ENTER = new RegExp(
  String.raw`输入|填写|填入|打一下|打出来|打给我|\b(?:enter|type|input|${KEY_IN})\b`,
  'i',
);
/** Entering a phrase or a private key anywhere the agent points to (a page, a form) is handing it over. */
const ENTER_ANYWHERE = new RegExp(
  String.raw`输入|填写|填入|填|\b(?:enter|type|input|${KEY_IN}|fill|submit)\b`,
  'i',
);
/** Where the customer types a secret for themselves: then typing it is not handing it over. */
const OWN_PLACE =
  /app|客户端|页面|官网|网页|设置|手机上|\b(?:page|site|website|settings|screen|window\s+that\s+opens|field\s+that\s+appears)\b/i;
/** The agent's own confirming ("I'll confirm the reset went through") asks nothing of the customer. */
const AGENT_CONFIRMS = /\b(?:i|we)(?:'ll|\s+will|\s+can|\s+then)?\s+(?:then\s+)?confirm\b/gi;
/** A button pressed ("then press Confirm", "hit 'Submit'", round 22): the word is the button's, not a request. */
const BUTTON_PRESS =
  /\b(?:press|hit|tap|click|select|push)\s+(?:on\s+)?(?:the\s+)?["'‘“]?(?:confirm|submit|verify|ok|next|continue|done)["'’”]?(?:\s+button)?/gi;

/** Whether every mention of a secret sits next to a word that manages it ("reset your 2FA"). */
function onlyManaged(sentence: string): boolean {
  for (const m of secretMatches(sentence)) {
    // The words around the mention, not inside it ("the number that changes in your app" names no change).
    const end = m.index + m[0].length;
    // "Linked" or "bound" after it describes the secret ("the UPI PIN linked to your bank", round 18);
    // before it, it names what the secret manages ("the e-mail linked to your 2FA").
    const before = sentence.slice(Math.max(0, m.index - NEAR), m.index);
    const after = sentence.slice(end, end + NEAR);
    // And the page of a list of codes is the list ("photograph your backup codes page").
    const describes =
      /^\W*(?:linked|bound)\b/i.test(after) || (/codes?$/i.test(m[0]) && /^\s*(?:page|sheet)\b/i.test(after));
    // Set up "when" it was made is the moment, not management ("开启双重验证时下载的恢复码").
    const moment = /(?:开启|设置|绑定|启用)[^，。？！]{0,8}(?:时|的时候)/.test(before);
    const managedAround = (MANAGE.test(before) && !moment) || (MANAGE.test(after) && !describes);
    if (!managedAround && !SETS_NEW.test(sentence.slice(Math.max(0, m.index - NEAR), end + NEAR)))
      return false;
  }
  return true;
}

/** A secret named in a clause (where its mention starts) that is not advice against sharing it. */
function liveSecret(sentence: string) {
  const bounds = [...sentence.matchAll(CLAUSE_END)].map((m) => m.index);
  for (const m of secretMatches(sentence)) {
    const from = Math.max(-1, ...bounds.filter((b) => b < m.index));
    const to = Math.min(sentence.length, ...bounds.filter((b) => b >= m.index + m[0].length));
    const clause = sentence.slice(from + 1, to);
    // (Unless the shape is described by where it shows: "the six digits on your screen", the place
    // read in the words right after the shape, which SECRET's shorter match leaves out.)
    const after = sentence.slice(m.index + m[0].length, Math.min(to, m.index + m[0].length + 30));
    // Or by the place written before it ("验证器App中当前显示的6位动态数字", round 22).
    const lead = sentence.slice(Math.max(from + 1, m.index - 16), m.index);
    const described = DESCRIBED_BY_PLACE.test(m[0]) || SHOWN_AT.test(after) || SHOWN_BEFORE.test(lead);
    if (SHAPE_ONLY.test(m[0].trim()) && OWN_OBJECT.test(clause) && !described) continue;
    if (!NEGATION.test(clause)) return true;
  }
  return false;
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
    const own = [...between.matchAll(OWN_OBJECTS)].at(-1)!;
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

/** A list item's mark ("- ", "• ", "2) ", "3. "), and a line that introduces a list. */
const LIST_ITEM = /^\s*(?:[-•*·–]|\d{1,2}[.)、]|[（(](?:\d{1,2}|[a-z])[)）]|[a-z]\))\s*/;
const INTRODUCES_LIST = /[:：]\s*$/;

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
    if (!item) listRequest = INTRODUCES_LIST.test(s.text) && ASK.test(s.text) ? normalise(s.text).trim() : '';
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
  for (const f of [...asksByValueOrMakeUp(text), ...asksThroughOtherMedium(text)]) {
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
  for (const m of text.matchAll(marks)) {
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

/**
 * A sentence whose request is plainly a hand-over: a live (not negated) clause hands the secret to
 * the agent ("send it to me", "告诉我", "I need your"), names a secret nobody may ask for (the
 * phrase, a private key), or says the agent will act with what is typed. The classifier may not
 * overrule a rule hit on such a sentence; a weaker hit ("confirm with your code", "the funds
 * password is used to confirm") it may (`ask-classifier.ts`, `detectAsks`).
 */
const BY_THEMSELVES = /自己|亲自|自行|\byourself\b|\bon\s+your\s+own\b|扩充功能|扩展程序|\bextension\b/i;
/** A request that introduces a list of required items ("需要以下资料：", "we require:", "按以下格式回复："). */
const REQUIRED_LIST =
  /(?:需要|提供|准备|提交|回复|附上)[^，。？！：:]{0,12}(?:以下|下列|如下)[^，。？！：:]{0,8}[：:]|(?:按|以)(?:以下|下列|如下)[^，。？！：:]{0,6}(?:回复|提供|填写|提交)[：:]|\b(?:we|i)\s+(?:will\s+)?(?:require|need)\s*(?:the\s+following)?\s*:|\b(?:reply|respond|send|provide)\b[^.?!:]{0,40}\b(?:following|below)\b[^.?!:]{0,20}:|\b(?:needs?|requires?)\s+(?:(?:the\s+following|these|a\s+few|some|two|three|four|five|\d)\s+)?(?:items?|things|documents|details|pieces)\s+(?:from\s+you\s*)?:/i;

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

/** The customer uses or keeps the secret for their own act (USES_TO_ACT), not in this chat. */
function usesItself(clause: string): boolean {
  return USES_TO_ACT.test(clause) && !CHAT_PLACE.test(clause);
}

/** An ask about when or whether, unless its means is handing the secret over ("… by sending the full list"). */
function circumstance(said: string): boolean {
  return CIRCUMSTANCE.test(said) && !BY_HANDING.test(said);
}

/**
 * Digits read aloud for a liveness check ("read aloud the 4 digits shown on screen", 活体检测时念出屏幕上
 * 的数字): the reviewer's number, never a code (round 18). Not when a password or a phrase is named.
 */
const LIVENESS = /\bliveness\b|活体(?:检测|验证|认证)?|人脸识别/i;
const NAMES_WORDS_OR_PASSWORD = /password|passcode|phrase|seed|private\s+key|密码|口令|助记词|私钥/i;
function livenessDigits(said: string): boolean {
  return LIVENESS.test(said) && !NAMES_WORDS_OR_PASSWORD.test(said);
}

/** A path through the app's menus with no hand-over: procedure the customer follows in their own app. */
function menuProcedure(said: string): boolean {
  return (
    (MENU_PATH.test(said) || (COMMA_MENU.test(said) && !CHAT_PLACE.test(said) && !AGENT_LINK.test(said))) &&
    !HAND_OVER.test(said) &&
    !ANAPHORIC.test(said)
  );
}

/**
 * APP_ASKS narrowed to the app, or "it" in the future ("it'll ask for your fund password"): "It asks
 * for your 12 words" after a form's link is the agent's form asking (round 21).
 */
const APP_ASKS_ONE =
  /\b(?:(?:the|your)\s+(?:wallet\s+)?app(?:\s+itself)?\s+(?:will\s+)?(?:ask|asks|prompt|prompts)|it(?:\s+will|'ll|\u2019ll)\s+(?:ask|prompt))\s+(?:you\s+)?(?:for|to\s+enter)\b|(?:app|钱包)会[^，。？！]{0,14}(?:让|请|要求)(?:您|你)(?:输入|填写|填入)/i;
/** The app asks for the secret and nothing hands it over: a plain cue, for the classifier too. */
function appAsksOnly(said: string): boolean {
  return (
    APP_ASKS_ONE.test(said) &&
    !HAND_OVER.test(said) &&
    !ANAPHORIC.test(said) &&
    !CHAT_PLACE.test(said) &&
    !AGENT_ACTS.test(said)
  );
}

/**
 * A menu path written with commas ("Go Settings, Security, Change Password", "open the app, Card,
 * Manage, Change PIN"), round 21: a place in the app, then at least two more of its items.
 */
const COMMA_MENU =
  /\b(?:go(?:\s+to)?|open|navigate\s+to|head\s+to|tap)\s+(?:the\s+)?(?:app|settings|security|account|profile|card|wallet|me|menu)\b(?:\s*,\s*(?:then\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}){2,}/i;

/**
 * Whether a piece carries one of the plain "not an ask" cues (advice, when/whether, we-send, the
 * customer's past act): tested before the full signals, which cost more.
 */
/**
 * Whether one secret is the same as another, asked as yes or no ("登录密码和邮箱密码是不是同一个",
 * "係咪一樣", "whether your login password is the same as the one for your e-mail"): reuse, asked
 * about, reveals neither (the conventions' train11b call; round 22 found it in four authors). Not a
 * comparison with a value or a fact ("是否与生日相同", "the same as Abc123" ask about its make-up).
 */
const REUSE_QUESTION =
  /(?:密码|口令)[^，。？！]{0,6}(?:和|同|与|跟)[^，。？！]{0,10}(?:密码|口令)[^，。？！]{0,6}(?:是不是|是否|系咪|系唔系|有没有)?\s*(?:同一个|一样|相同|一致|同一组)|\b(?:password|passcode|pin)\b[^.?!]{0,30}\b(?:the\s+same\s+as|same\s+as|identical\s+to|different\s+from)\b[^.?!]{0,40}\b(?:password|passcode|pin|one)\b/i;

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
