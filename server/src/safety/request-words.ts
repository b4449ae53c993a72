/**
 * The words of the ask grammar (`detect-request.ts`) and the small tests built from them, shared by
 * the rules and by the cues the classifier reads (`request-signals.ts`).
 */

import { matchesIn } from '../platform/matches-in.ts';
import {
  AGENT_LINK,
  ANAPHORIC,
  BY_HANDING,
  CHAT_PLACE,
  CIRCUMSTANCE,
  MENU_PATH,
  NEGATION,
  USES_TO_ACT,
} from './ask-cues.ts';
import { CLAUSE_END, normalise, secretMatches } from './ask-text.ts';
import { HAND_OVER_MORE, KEY_IN, SLANG_HAND_OVER } from './ask-vocabulary.ts';

/** The secret handed to someone, whatever else is said about it ("需要您的交易密码才能找回"). */
export const HAND_OVER = new RegExp(
  `${String.raw`\btrust\s+(?:me|us)\s+with\b|\bto\s+[\w.+-]+@[\w-]+\.[\w.]+|发我|发给我|发过来|\b(?:message|text|email|dm|forward)\s+(?:it|them|that)\s+(?:over\s+)?(?:to\s+)?(?:me|us)\b|(?:粘)?贴(?:过来|给我)|(?:粘贴|贴|发|打|填|写|输)(?:在|到)(?:这里|这儿|此处|对话框|聊天框|这个对话|此对话|本对话)|贴回(?:这里|这儿|此处|呢度)|\brepeat\s+(?:your|the)\b|\bplease\s+provide\s+(?:me\s+|us\s+)?(?:with\s+)?(?:the|your)\b|\b(?:(?:could|would|can)\s+you|you\s+(?:could|would|can))\s+(?:please\s+|kindly\s+|just\s+)?(?:provide|send|share|give|tell|read)\s+(?:(?:me|us)\s+)?(?:the|your)\s+(?:\w+[-\s]+){0,2}?(?:code|password|passcode|pin|phrase|words|key|digits)\b|告诉我(?!是否|一声)|回传|私信我|私聊我|给我|念一下|报给我|需要您的|需要你的|只需要(?!(?:您|你)?(?:自己|本人|亲自))|是什么|是多少|send\s+(?:it\s+|them\s+)?(?:to\s+)?(?:me|us)\b|send\s+(?:it|them)\s+here\b|\b(?:hit\s+(?:me|us)\s+with|shoot\s+(?:me|us)|pass\s+(?:me|us))\b|\bdm\s+me\b|tell\s+me\b|give\s+(?:me|us)\b|share\s+(?:it\s+|them\s+)?with\s+(?:me|us)|paste\s+(?:it\s+)?here|type\s+(?:it\s+)?here|reply\s+with|revert\s+(?:back\s+)?(?:to\s+(?:me|us)\s+)?with|read\s+(?:it\s+|them\s+)?(?:out|to\s+me)|\bsend\s+here\b|\bscreenshot\b[^.?!]{0,12}\band\s+send\b|read\s+(?:it\s+|them\s+)?(?:me|us)\b|let\s+(?:me|us)\s+know|what(?:'s|\s+is|\s+are)\s+(?:your|the)\b|\b(?:i|we)\s+(?:\w+\s+)?need\s+(?:your|the)\b`}|${HAND_OVER_MORE}|${SLANG_HAND_OVER}`,
  'i',
);

/** Typed again into this chat ("把新密码在这里再输一次"): handed over, however new (round 18). */
export const TYPED_HERE =
  /(?:这里|这儿|此处|对话框|聊天框)[^，。？！]{0,4}(?:再)?(?:输|填|打|发)|\b(?:type|enter|paste)\b[^.?!]{0,20}\b(?:here|in\s+(?:this|the)\s+chat)\b/i;

/** "What is it", the secret's value asked ("你喺App設定嘅交易密碼係咩嚟", round 18): set in the app, told here. */
export const WHAT_IS =
  /(?:是|系)(?:什么|啥|咩|乜嘢?|多少|几多)|\bwhat(?:'s|\s+is|\s+are)\s+(?:your|the|ur)\b|\bano\s+(?:po\s+)?(?:yung|ang)\b/i;

/** "We need your API secret … to check why …": the purpose's "why" asks nothing of its own (round 18). */
export const NEEDS_YOURS = /\b(?:i|we)\s+(?:\w+\s+)?need\s+(?:your|the)\b|需要(?:您|你)的/i;

/** Secrets nobody may ever be asked to hand over or show: no other words excuse asking for them. */
export const NEVER_LEGIT =
  /助记词|记忆词|私钥|keystore|seed|recovery\s*(?:phrase|words?|key|sheet|card)|backup\s*(?:phrase|words?|card|sheet)|mnemonic|secret\s*(?:phrase|key|words?)|private\s*key|priv\s*key|恢复短语|恢复词|种子/i;

/** Words that make the secret the subject of an instruction, not the thing asked for ("reset your 2FA"). */
export const MANAGE =
  /reset|change|update|enable|disable|turn\s+on|turn\s+off|unbind|\bbind|recover(?!y)|access|error|page|link|used\s+for|linked|bound|expire|(?<!\b(?:that|which|just|it|they|once|when)\s+)arriv|重置|修改|更改|开启|关闭|绑定(?!的)|解绑|找回|设置(?!的|密钥|金钥|秘钥)|报错|页面|错误|过期|收不到|没收到|不到|not\s+(?:arriv|receiv|com)|didn'?t\s+(?:arriv|get|receive|come)/i;
/** A new secret being set: the secret's own name is part of these words ("the new password"). */
export const SETS_NEW = /\bnew\s+(?:password|pin|passcode)|新的?密码/i;
export const NEAR = 16;

/** A request with its own, harmless object: a page, a record, an order number. */

export const OWN_OBJECT =
  /邮政编码|邮编|\bpost(?:al)?\s*code\b|\bzip\s*code\b|错误代码|错误码|提示(?:内容|信息|语)?|画面|红字|发件(?:号码|人|地址)|\bsender\b|报错|页面|界面|记录|订单|编号|单号|uid|txid|哈希|地址|金额|时间|设置(?!的)|收据|凭证|工单|手机号|电话号码|卡号|身份证|银行卡|\b(?:(?:phone|mobile|card|id|account)\s+number|(?:bank|debit|credit)\s+card(?!\s+(?:atm\s+)?(?:pin|password|passcode)\b)|(?<!(?:recovery|backup|seed|mnemonic)\s+)card(?!\s+(?:atm\s+)?(?:pin|password|passcode)\b|'s\s+pin\b)|page|screen(?!shot)|record|history|uid|txid|hash|address|amount|order|error|settings?|receipt|invoice|reference|ticket|contract|agreement|statement)\b|合同|合约|借据|账单/i;

export const OWN_OBJECTS = new RegExp(OWN_OBJECT.source, 'gi');

/**
 * An object that carries the secret, or that the secret belongs to: "the page that shows your
 * private key", "显示助记词的页面", "充值地址对应的私钥", "the key behind your deposit address".
 */
export const CARRIES =
  /\b(?:shows?|showing|displays?|displaying|with|containing|contains|has|of\s+(?:your|the)|behind|controlling|controls|belonging\s+to|corresponding\s+to)\b|^\s*(?:'s|’s)\s|^\s*(?:对应|所属|背后)?[的嘅之]\s*$|显示|带有|含有|上面?的|对应的|所属的|背后的/i;

/** The object is the place the secret shows: "a picture of the screen where the API secret is shown". */
export const WHERE_SHOWN =
  /^\s*where\b[^.?!]{0,40}\b(?:shown|displayed|visible|appears?|written|listed|wrote|write|noted|jotted|copied|kept|stored|saved)\b/i;

/** A secret named only by its shape ("六位数字", "the 6 digits"): another object may own that shape. */
// (Not "the six digit code": a code, named with its shape; round 22.)
export const SHAPE_ONLY =
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

/** The words before a shape that say where it shows: "验证器里显示的(6位数字)", "on your authenticator, the (6 digits)". */
export const SHOWN_BEFORE =
  /(?:验证器|认证器|短信|屏幕|手机)[^，。！？]{0,10}(?:显示|跳出|出现)的?[^，。！？]{0,4}$|\b(?:authenticator|screen|sms|text)\b[^.?!,]{0,16}\b(?:shows?|showing|displays?)\b[^.?!,]{0,6}$/i;

/** The words after a shape that say where it shows: "(the six digits) on your screen", "(六位数字)在手机上". */
export const SHOWN_AT =
  /^\s*(?:\w+\s+)?(?:on|in|from)\s+(?:the\s+|your\s+)?(?:\w+\s+)?(?:screen|phone|authenticator|app)\b(?!\s*(?:number|no\b|#))|^[^，。]{0,4}(?:屏幕|手机|认证器|验证器)(?:上|里)/i;
/** Digits described by the screen or device they show on: the secret itself, not another object's number. */
export const DESCRIBED_BY_PLACE =
  /screen|phone|authenticator|rotat|chang|refresh|屏幕|手机|电话|认证器|验证器|跳/i;

/** The customer's own earlier act, reported, not requested: "您刚才发了验证码", "you already sent it". */
export const CUSTOMER_DID =
  /\byou\s+did\s+(?:ever\s+)?(?:give|send|share|tell|type|enter)\b|\b(?:did|have|had)\s+(?:you|ya|u)\s+(?:ever\s+|already\s+|maybe\s+)?(?:type|enter|input|paste|share|send|give|tell|put|typed|entered|shared|sent|given|told|put|pasted)\b|(?:您|你)(?:有没有|有冇|有|是否|可曾)[^，。？！]{0,10}(?:输入|填|发|给|告诉|提供|贴|拍照|截图|存|保存|抄|写|上传|念|读|唸|报)(?:过|了|给)|(?:您|你)把[^，。？！]{0,12}(?:发|贴|提供|上传|粘贴)(?:出来|上来|过来|出|在|到)?(?![^，。？！]{0,3}就)[^，。？！]{0,8}了|(?:您|你)(?:之前|刚才|刚刚|已经|先前|以前|已)[^，。？！]{0,3}(?:发|提供|发送|贴|粘贴|告诉)(?:了|过|在|到|的)?|(?:您|你)(?:发|发送|贴|提供)(?:的|嘅|咗嘅)|\byou\s+(?:already\s+|just\s+|have\s+|had\s+)*(?:sent|shared|posted|pasted|gave|typed|entered)\b|\b(?:the\s+)?(?:customer|user|client)\s+(?:\w+\s+)?(?:sent|shared|posted|pasted|gave|typed|entered)\b|(?:用户|客户|客人)[^，。？！]{0,40}(?:发|提供|发送|贴|粘贴|输入|填写?|上传|泄露|告诉)(?:了|过)|\b(?:the\s+)?(?:customer|user|client)\s+(?:says?|said|reports?|reported|told\s+us|mentioned)\s+(?:that\s+)?(?:he|she|they)\s+(?:\w+\s+)?(?:sent|shared|posted|pasted|gave|typed|entered|uploaded)\b/gi;
/**
 * The app or the wallet asks for it, on its own screen: "the app itself will ask for your recovery
 * phrase on the Import screen", "App会在导入钱包页面让您输入助记词". Not the agent's request.
 */
export const APP_ASKS =
  /\b(?:(?:the|your)\s+(?:wallet\s+)?app(?:\s+itself)?|it)(?:\s+will\s+|'ll\s+|\u2019ll\s+|\s+)(?:ask|asks|prompt|prompts)\s+(?:you\s+)?(?:for|to\s+enter)\b|(?:app|钱包|系统|页面)会[^，。？！]{0,14}(?:让|请|要求)(?:您|你)(?:输入|填写|填入)/gi;

/**
 * Replying on this ticket or e-mail is the channel, not an object of the request ("share the same
 * with us by replying to this ticket"): read as "here" (round 21), so "ticket" does not stand
 * between the request and the secret as its own object.
 */
export const REPLYING_HERE =
  /\b(?:by\s+)?(?:replying|responding|reply|respond)\s+(?:to|on|in)\s+(?:this|the|our|my)\s+(?:ticket|e-?mail|message|thread|chat)\b|\bin\s+(?:your\s+)?reply\s+to\s+(?:this|the|our|my)\s+(?:ticket|e-?mail|message|thread)\b/gi;

/** The agent will act with what is typed ("我这边帮您下单", "so I can reset it for you"): typing it is handing it over. */
export const AGENT_ACTS =
  /我这边|我这里|我们这边|我来|我帮您|我帮你|我们帮您|我们帮你|帮您(?:下单|操作|处理|提交|解锁)|\bon\s+(?:my|our)\s+(?:end|side)\b|\b(?:i|we)(?:'ll|\s+will|\s+can)\s+(?:\w+\s+)?(?:do|handle|finish|complete|place|process|push|submit|reset|unlock|link|bind|check|match|fix|verify|see)\b/i;
export const ENTER = new RegExp(
  String.raw`输入|填写|填入|打一下|打出来|打给我|\b(?:enter|type|input|${KEY_IN})\b`,
  'i',
);
/** Entering a phrase or a private key anywhere the agent points to (a page, a form) is handing it over. */
export const ENTER_ANYWHERE = new RegExp(
  String.raw`输入|填写|填入|填|\b(?:enter|type|input|${KEY_IN}|fill|submit)\b`,
  'i',
);
/** Where the customer types a secret for themselves: then typing it is not handing it over. */
export const OWN_PLACE =
  /app|客户端|页面|官网|网页|设置|手机上|\b(?:page|site|website|settings|screen|window\s+that\s+opens|field\s+that\s+appears)\b/i;
/** The agent's own confirming ("I'll confirm the reset went through") asks nothing of the customer. */
export const AGENT_CONFIRMS = /\b(?:i|we)(?:'ll|\s+will|\s+can|\s+then)?\s+(?:then\s+)?confirm\b/gi;
/** A button pressed ("then press Confirm", "hit 'Submit'", round 22): the word is the button's, not a request. */
export const BUTTON_PRESS =
  /\b(?:press|hit|tap|click|select|push)\s+(?:on\s+)?(?:the\s+)?["'‘“]?(?:confirm|submit|verify|ok|next|continue|done)["'’”]?(?:\s+button)?/gi;

/** A purpose clause starting right after a secret: "以完成…", "以便…", "in order to …". */
const PURPOSE_AFTER =
  /以(?=便|完成|确认|核实|核对|验证|进行|办理)|为了|\bin\s+order\s+to\b|\bto\s+(?:complete|finish)\b/i;
/** Whether every mention of a secret sits next to a word that manages it ("reset your 2FA"). */
export function onlyManaged(sentence: string): boolean {
  for (const m of secretMatches(sentence)) {
    // The words around the mention, not inside it ("the number that changes in your app" names no change).
    const end = m.index + m[0].length;
    // "Linked" or "bound" after it describes the secret ("the UPI PIN linked to your bank", round 18);
    // before it, it names what the secret manages ("the e-mail linked to your 2FA").
    const before = sentence.slice(Math.max(0, m.index - NEAR), m.index);
    // A purpose after it ("请回复SIM卡的PIN码以完成号码绑定", round 24) is why, not what is done to it.
    const after = sentence.slice(end, end + NEAR).split(PURPOSE_AFTER)[0]!;
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
export function liveSecret(sentence: string) {
  const bounds = matchesIn(sentence, CLAUSE_END).map((m) => m.index);
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

/** A list item's mark ("- ", "• ", "2) ", "3. "), and a line that introduces a list. */
export const LIST_ITEM =
  /^\s*(?:[-•*·–]|\d{1,2}[.)、]|[一二三四五六七八九十]{1,2}、|[（(](?:\d{1,2}|[a-z]|[一二三四五六七八九十]{1,2})[)）]|[a-z]\))\s*/;
/** A list that starts on the request's own line, after its colon ("请于24小时内提供：1.身份证正反面；2.…", "检附下列资料：一、…"). */
export const INLINE_LIST_START =
  /[:：]\s*(?=\d{1,2}[.)、]|[一二三四五六七八九十]{1,2}、|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,2})[)）])/;
export const INTRODUCES_LIST = /[:：]\s*$/;

/** The customer uses or keeps the secret for their own act (USES_TO_ACT), not in this chat. */
export function usesItself(clause: string): boolean {
  return USES_TO_ACT.test(clause) && !CHAT_PLACE.test(clause);
}

/** An ask about when or whether, unless its means is handing the secret over ("… by sending the full list"). */
export function circumstance(said: string): boolean {
  return CIRCUMSTANCE.test(said) && !BY_HANDING.test(said);
}

/**
 * Digits read aloud for a liveness check ("read aloud the 4 digits shown on screen", 活体检测时念出屏幕上
 * 的数字): the reviewer's number, never a code (round 18). Not when a password or a phrase is named.
 */
export const LIVENESS = /\bliveness\b|活体(?:检测|验证|认证)?|人脸识别/i;
export const NAMES_WORDS_OR_PASSWORD = /password|passcode|phrase|seed|private\s+key|密码|口令|助记词|私钥/i;
export function livenessDigits(said: string): boolean {
  return LIVENESS.test(said) && !NAMES_WORDS_OR_PASSWORD.test(said);
}

/** A path through the app's menus with no hand-over: procedure the customer follows in their own app. */
export function menuProcedure(said: string): boolean {
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
export const APP_ASKS_ONE =
  /\b(?:(?:the|your)\s+(?:wallet\s+)?app(?:\s+itself)?\s+(?:will\s+)?(?:ask|asks|prompt|prompts)|it(?:\s+will|'ll|\u2019ll)\s+(?:ask|prompt))\s+(?:you\s+)?(?:for|to\s+enter)\b|(?:app|钱包)会[^，。？！]{0,14}(?:让|请|要求)(?:您|你)(?:输入|填写|填入)/i;
/** The app asks for the secret and nothing hands it over: a plain cue, for the classifier too. */
export function appAsksOnly(said: string): boolean {
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
export const COMMA_MENU =
  /\b(?:go(?:\s+to)?|open|navigate\s+to|head\s+to|tap)\s+(?:the\s+)?(?:app|settings|security|account|profile|card|wallet|me|menu)\b(?:\s*,\s*(?:then\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}){2,}/i;

/**
 * Whether one secret is the same as another, asked as yes or no ("登录密码和邮箱密码是不是同一个",
 * "係咪一樣", "whether your login password is the same as the one for your e-mail"): reuse, asked
 * about, reveals neither (the conventions' train11b call; round 22 found it in four authors). Not a
 * comparison with a value or a fact ("是否与生日相同", "the same as Abc123" ask about its make-up).
 */
export const REUSE_QUESTION =
  /(?:密码|口令)[^，。？！]{0,6}(?:和|同|与|跟)[^，。？！]{0,10}(?:密码|口令)[^，。？！]{0,6}(?:是不是|是否|系咪|系唔系|有没有)?\s*(?:同一个|一样|相同|一致|同一组)|\b(?:password|passcode|pin)\b[^.?!]{0,30}\b(?:the\s+same\s+as|same\s+as|identical\s+to|different\s+from)\b[^.?!]{0,40}\b(?:password|passcode|pin|one)\b/i;
