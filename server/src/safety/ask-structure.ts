/**
 * Structural features of one piece of an agent reply, for the ask classifier (ask-classifier.ts).
 * Every blind author so far described secrets and requests in words the phrase lists lacked, and
 * the classifier's n-grams only know wordings it has met. These features name the roles a reply's
 * words play instead of the words themselves — where the thing goes (to the agent, or into a page
 * or app), what kind of noun it is (a generic noun with a security qualifier: "backup sentence",
 * "sign-in string", 验证器上的数字), whether a part or a medium is asked for, whether the agent
 * is the one who gains it ("once I know your …") — and their products, so a weight learned on one
 * wording carries to another with the same structure. They are classes of words, kept broad on
 * purpose; what each combination is worth is learned (eval/train-asks.ts), not written here.
 */

/** The secret goes to the agent: to me / us, here, this chat, reply with, 给我, 发过来, 俾我. */
const TO_AGENT =
  /\b(?:to|with|for)\s+(?:me|us)\b|\b(?:send|give|tell|show|read|pass|forward|text|email|dm|message)\s+(?:me|us)\b|\bme\s+(?:the|your|what)\b|\bhere\b|\bbelow\b|\b(?:this|the)\s+(?:chat|thread|ticket|conversation|window\s+here)\b|\breply\s+with\b|\bin\s+(?:your\s+)?(?:next\s+)?(?:reply|message|response)\b|\blet\s+me\s+(?:have|see|know)\b|给我|发我|告诉我|报给我|回复|过来|这里|此处|俾我|畀我|喺度|喺呢度|讲俾|话俾|我核对|我看|我们看|我检查/i;

/** The agent gains it: "so I can see", "once I know your", "if I had your", "I'll need your". */
const AGENT_GAINS =
  /\b(?:i|we)(?:'d|'ll|\s+would|\s+will|\s+can|\s+could|\s+just|\s+only|\s+need\s+to|\s+have\s+to)*\s+(?:need|want|take|have|had|know|knew|see|read|check|verify|test|compare|use|match|get|look\s+at)\b|\bonce\s+(?:i|we)\b|\bso\s+(?:that\s+)?(?:i|we)\s+can\b|我(?:帮|替|来|这边|们)|我哋帮/i;

/** It goes into a page, an app, a box: the customer types it for themselves. */
const TO_SYSTEM =
  /\b(?:in|into|on|inside)\s+(?:the|your|our|a)\s+(?:[\w-]+\s+){0,3}(?:box|field|page|screen|app|site|website|form|window|prompt|settings|wallet\s+app)\b|(?:在|进|到|入|喺)[^，。？！]{0,10}(?:页面|界面|输入框|框|app|客户端|网站|官网|设置|安全中心)(?:里|内|中|入面)?/i;

/** A verb that moves a thing from the customer to somebody. */
const TRANSFER =
  /\b(?:send|sending|paste|share|provide|give|tell|type|enter|read|drop|forward|pass|passing|upload|attach|reply|dm|message|jot|write|list|spell|show|hold|recite|dictate|let\s+me\s+have)\b|发|给|告诉|提供|输入|填|打出|报|回复|贴|传|拍|读|念|讲|话|俾|畀|抄/i;

/** A medium that carries it: a photo, a screen, a call, the camera, aloud. */
const MEDIUM =
  /\b(?:photo|picture|pic|screenshot|screen\s*shot|webcam|camera|video|record|recording|call|aloud|out\s+loud|screen\s*share)\b|拍|照片|截图|截屏|视频|镜头|录屏|录像|影低|电话/i;

/** A generic noun a secret can be named by. */
const GENERIC_NOUN =
  /\b(?:words?|sentence|phrase|string|characters?|digits?|numbers?|code|passcode|credentials?|key|pin|sheet|card|letters|combination|thing)\b|单词|字|数字|字符|串|位数|句|词/i;

/** A qualifier only secrets carry: backup, recovery, master, sign-in, authenticator, spend … */
const QUALIFIER =
  /\b(?:backup|back-up|recovery|restore|master|sign-?in|log-?in|seed|authenticator|2fa|otp|one-time|wallet|secret|private|spend(?:ing)?|unlock|trading|withdrawal|security|access)\b|备份|恢复|登录|登入|验证器|钱包|私|密|助记|提现|资金|二次验证/i;

/** A part of it: the first / last N, word 3, 前六个, 最后十位. */
const PART =
  /\b(?:first|last|only|just)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|few|couple|half)\b|\b(?:first|second|last)\s+half\b|\b(?:words?|characters?|digits?)\s+\d+|\b\d+(?:st|nd|rd|th)\s+(?:word|character|digit)|(?:前|后|头|最后)[\d一二三四五六七八九十两几]+/i;

/** Procedure in the third person: it will be sent, it expires, it is shown once, 有效期. */
const PROCEDURE =
  /\b(?:will|would)\s+be\s+(?:sent|shown|displayed|required|asked)\b|\bexpires?\b|\bvalid\s+for\b|\bshown\s+only\s+once\b|\bonly\s+(?:shown|displayed)\b|\b(?:we|i|the\s+system)(?:'ll|\s+will)\s+send\b|有效期|会发送|已发送|将发送|已发到|会发到/i;

/** Keeping it: store, keep, safe, offline, 保管, 保存. */
const KEEP = /\b(?:keep|store|safe(?:ly)?|offline|secure(?:ly)?|protect)\b|保管|保存|妥善|离线|收好/i;

/** Opening words of a yes/no question, or a question mark. */
const QUESTION = /^\s*(?:do|did|does|is|are|have|has|can|could|would|will)\b|\?|？|吗|呢|未|冇/i;

const CLASSES = {
  toAgent: TO_AGENT,
  agentGains: AGENT_GAINS,
  toSystem: TO_SYSTEM,
  transfer: TRANSFER,
  medium: MEDIUM,
  generic: GENERIC_NOUN,
  qualifier: QUALIFIER,
  part: PART,
  procedure: PROCEDURE,
  keep: KEEP,
  question: QUESTION,
} as const;
type ClassName = keyof typeof CLASSES;

/** Products of the classes learned together (each is a feature when all its parts are present). */
const PRODUCTS: ReadonlyArray<ReadonlyArray<ClassName | 'secret'>> = [
  ['transfer', 'toAgent'],
  ['transfer', 'toSystem'],
  ['generic', 'qualifier'],
  ['generic', 'qualifier', 'toAgent'],
  ['generic', 'qualifier', 'agentGains'],
  ['generic', 'qualifier', 'transfer'],
  ['secret', 'toAgent'],
  ['secret', 'agentGains'],
  ['secret', 'toSystem'],
  ['secret', 'medium'],
  ['medium', 'toAgent'],
  ['medium', 'qualifier'],
  ['part', 'generic'],
  ['part', 'secret'],
  ['secret', 'procedure'],
  ['secret', 'keep'],
  ['secret', 'question'],
  ['toSystem', 'toAgent'],
];

/**
 * Whether a piece that names no listed secret may still describe one: a generic noun or a medium
 * with a security qualifier ("the backup sentence", "hold the authenticator up to the camera").
 * The classifier reads such a piece too (it used to skip every piece naming no secret).
 */
export function mayDescribeSecret(piece: string): boolean {
  return QUALIFIER.test(piece) && (GENERIC_NOUN.test(piece) || MEDIUM.test(piece));
}

/** The structural features of a piece (lower-cased, Simplified), each worth 1. */
export function structureFeatures(piece: string, secret: boolean, out: Map<string, number>): void {
  const on = new Set<ClassName | 'secret'>();
  for (const [name, re] of Object.entries(CLASSES) as Array<[ClassName, RegExp]>)
    if (re.test(piece)) {
      on.add(name);
      out.set(`x:${name}`, 1);
    }
  if (secret) on.add('secret');
  for (const p of PRODUCTS) if (p.every((c) => on.has(c))) out.set(`x:${p.join('+')}`, 1);
}
