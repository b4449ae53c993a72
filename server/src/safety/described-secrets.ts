/**
 * Secrets an agent describes instead of naming (detect-request.ts reads these as part of SECRET):
 * a generic noun — words, phrase, string, key, code, number, digits, characters, "the thing" —
 * that a relative clause or a modifier ties to what only a secret does or where only a secret comes
 * from: it restores, unlocks or controls a wallet or funds; the customer types or uses it to sign in,
 * restore or withdraw, chose it when signing up, was told never to share it or to write it down;
 * a wallet, an authenticator, a key-fob token or our texts gave or generate it; it changes every few seconds. Each
 * round's blind set described secrets in words no earlier list had, so the class is written as
 * these roles (what it does, who made it, what it is for), not as the wordings seen.
 * Read in Simplified Chinese and in lower or any case; numbers named with an object of their own
 * ("the phone number you signed up with") are left to OWN_OBJECT.
 */

/**
 * A noun that can stand for a secret when a clause says what it does; after it, that no word of
 * another kind stands right before it ("phone number", "error code", "API key"): tested once a
 * noun has matched, not at every position of the text.
 */
const OTHER_KIND =
  '(?<!\\b(?:phone|mobile|order|ticket|reference|card|account|id|uid|case|tracking|error|serial|api|referral|invite|invitation|promo|coupon|voucher|version|build|model)\\s+\\w+)';
const NOUN = `\\b(?:thing|words?|phrase|string|key|code|numbers?|digits|characters|letters|sequence|secret|combination)\\b${OTHER_KIND}`;

/** Between the noun and its clause: a few words, no sentence end. */
const THEN = '[^.?!\\n]{0,40}?';

/**
 * What the clause after the noun says (one alternative per role, after one match of the noun: the
 * noun is read once per position, not once per role).
 */
const ROLES = [
  // It restores, unlocks, controls or opens a wallet or funds.
  '\\s+(?:that\\s+|which\\s+)?(?:(?:would|will|can|could)\\s+)?(?:restores?|recovers?|unlocks?|controls?|opens?|gives?\\s+(?:you\\s+)?access\\s+to|backs?\\s+up)\\s+(?:your|the)\\s+(?:\\w+\\s+)?(?:wallet|funds|coins|crypto|assets)\\b',
  // The customer uses, types or chose it to sign in, restore or withdraw, or when signing up (not
  // a bare "number", which a customer's phone number answers as often as a code).
  `(?<!\\bnumber)\\s+(?:that\\s+)?(?:do\\s+)?you(?:'d|\\s+would)?\\s+(?:use|type|enter|put\\s+in|set|chose|picked|need|made\\s+up|tap|press|punch\\s+in|key\\s+in)${THEN}\\b(?:sign(?:ing|ed)?[-\\s]?(?:in|up)|log(?:ging|ged)?[-\\s]?in|restor\\w*|recover\\w*|withdraw\\w*|register\\w*|if\\s+you\\s+(?:lost|lose)\\s+your|(?:open|unlock|get\\s+into|access)\\s+(?:it\\b|(?:the|your)\\s+(?:\\w+\\s+)?(?:app|wallet|account)))`,
  // A wallet, an authenticator, an API page or our texts gave, showed or generate it.
  `${THEN}\\b(?:your|the|our)\\s+(?:[\\w-]+\\s+){0,3}?(?:wallet|app|authenticator|auth\\s+app|texts?|sms|api\\s+page|gadget|token|fob|dongle)\\s+(?:gave|give|gives|showed|show|shows|generated|generate|generates|created|made|send|sends|sent)\\b`,
  // It came with the wallet: "the words you got when you first made the wallet".
  `${THEN}\\b(?:when|while|as)\\s+you\\s+(?:first\\s+)?(?:made|created|set\\s+up|opened|generated)\\s+(?:the|your|a|that)\\s+(?:\\w+\\s+)?wallet\\b`,
  // It was shown when two-step sign-in was switched on (round 30): "the sixteen-character string printed
  // under the barcode when you switched on two-step protection" (a setup key or backup codes).
  `${THEN}\\b(?:when|while|as)\\s+you\\s+(?:first\\s+)?(?:switched\\s+on|turned\\s+on|enabled|set\\s+up|activated)\\s+(?:the\\s+|your\\s+)?(?:two[-\\s]step|two[-\\s]factor|2fa|2-?step|authenticator|google\\s+authenticator)\\b`,
  // It changes every few seconds.
  "\\s+(?:that|which)\\s+(?:changes?|refresh(?:es)?|rotates?|keeps?\\s+chang(?:ing\\b|in'|in\\b))",
  // The customer keys it in at a cash machine or a card terminal (round 29): a card's PIN.
  '\\s+(?:that\\s+)?you\\s+(?:key|punch|type|enter|put)\\s+(?:in\\s+)?(?:at|on|into)\\s+(?:the|an?|your)\\s+(?:[\\w-]+\\s+)?(?:atm|cash\\s+machine|card\\s+machine|pos|terminal|keypad)\\b',
  // A token shows it (round 27): "the digits currently shown on your key-fob device".
  `\\s+(?:currently\\s+|now\\s+)?(?:shown|displayed|showing)\\s+(?:on|in)\\s+(?:your|the)\\s+(?:[\\w-]+\\s+){0,2}(?:authenticator|token|fob|dongle|device|gadget)\\b`,
];

const ENGLISH = [
  `${NOUN}(?:${ROLES.join('|')})`,
  // The customer was told never to share it, or to write it down.
  `\\btold\\s+to\\s+keep\\s+private\\b|\\b(?:made|asked|told)\\s+you\\s+(?:to\\s+)?(?:write|note|copy|jot)\\s+down`,
  // What came with a hardware wallet or sits in the wallet's settings as a hex string.
  // The digits the customer keys in at a machine or a screen: a PIN (round 17).
  '\\bdigits\\s+you\\s+(?:punch|key|tap|type|press)\\s+in\\b|\\b(?:12|24|twelve|twenty[-\\s]four)\\s+numbered\\s+(?:lines|boxes|spaces|slots)\\b',
  '\\b(?:card|sheet|paper|booklet)\\b[^.?!\\n]{0,40}\\b(?:came\\s+(?:with|in|inside)|in(?:side)?\\s+(?:the|your)\\s+(?:[\\w-]+\\s+){0,2}box)\\b|\\bhex\\s+(?:string|key)\\b[^.?!\\n]{0,30}\\bwallet\\b',
  // A secret named by what it is for: "sign-in secret", "login key", "one-time number", "2-step box".
  '\\b(?:sign[-\\s]?in|log[-\\s]?in)\\s+(?:secret|key)\\b|\\bsecret\\s+(?:that\\s+)?you\\s+(?:set|chose|use)\\b|\\bone[-\\s]time\\s+(?:number|digits|pin|key)\\b|\\b(?:2|two)[-\\s]step\\s+(?:box|field|code|digits|number)\\b',
];

const CHINESE = [
  // 恢复/解锁钱包用的那些词, 用嚟恢复钱包嗰啲字.
  '(?:恢复|解锁|导入|打开)钱包[^，。？！]{0,6}(?:词|字|单词|字符|东西|嘢|内容)',
  // 登录用的那个东西, 提现时要填的那个码.
  '(?:登录|登入|解锁|提现|提币|转账|支付)(?:时|的时候|嗰阵)?[^，。？！]{0,4}(?:用|填|输|打)[的嘅][^，。？！]{0,4}(?:东西|那个|嗰个|内容|字符|码|嘢)',
  // App 每半分钟生成的数字, 生成的那个码.
  '每(?:半分钟|\\d+秒|分钟)|生成[的嘅][^，。？！]{0,4}(?:数字|码|号码)',
  // What the authenticator shows now: "验证器上现在显示几号？" (round 16).
  '(?:认证器|验证器)(?:上面?|里面?)?(?:现在|目前|而家|此刻)?(?:显示|跳)(?:的是|嘅系|的)?(?:几号|几多号?|多少|什么|啥|咩)',
  // 你个 key (Cantonese 你個key): a key the customer holds, not a key ID.
  '(?:你|您)(?:的|个|嘅|那个|嗰个|把)\\s*key\\b(?!\\s*id)',
  // 钱包给你的那串单词, 注册时设置的那串字母和数字.
  // Round 14: the digits inside a message or a call (通知里面的数字, 语音电话里念的几个数), a PIN mailer's
  // printed digits, what is pressed at a device's start, what a pop-up box wants, what a page said to
  // copy and keep (务必妥善抄录的那组字符, 印出嚟收好嗰十组字).
  '(?:邮件|短信|简讯|通知|推送|语音电话|电话)[^。？！]{0,30}?(?:里|中|内|入面)[^。？！]{0,16}?(?:[\\d六四八]个数字|的数字|几个(?:什么)?数)',
  // Round 17: the digits an SMS brought, asked by which ("你短信收到的是哪六个数"), the group of digits in
  // a letter or a message pointed at by place ("信件最下面那组……的数字").
  '(?:短信|简讯|邮件)(?:里|中|上)?(?:收到|来|发来|显示)的?(?:是)?(?:哪|那)?(?:[\\d六四八]|几)个数|(?:信件|邮件|短信|简讯)[^。？！]{0,12}?(?:那组|那串|那几个)[^。？！]{0,16}?(?:数字|数)',
  '(?:信封|密码函|卡套)[^。？！]{0,16}(?:印|写)[的着]?[^。？！]{0,4}(?:数字|几个数)|(?:开机|解锁|启动)(?:时|的时候|嗰阵)?[^，。？！]{0,4}(?:按|输|撳|打)[^，。？！]{0,4}数字',
  '弹出来?[^，。？！]{0,8}框[^，。？！]{0,6}(?:填|输)[的嘅]?(?:东西|内容|那个)|(?:抄录|抄下|收好|保存好|印出)[^，。？！]{0,8}(?:那组|这组|嗰组|那些|嗰啲|十组|几组)[^，。？！]{0,4}(?:字符|字|码|代码)',
  // A metal backup's engraved words (round 17): 小铁片上刻的单词, 钢板上打的字.
  '(?:铁片|铁板|钢板|钢片|金属板|金属片)[^，。？！]{0,3}(?:刻|打|敲|写|印)[^，。？！]{0,3}(?:单词|词|字)',
  // "短信一到……跟我说那几位": the digits of the message, by a pointer (not 那几位客人).
  '(?<=(?:短信|简讯|验证码)[^。？！]{0,16})(?:那|这|嗰)几位(?![^，。？！]{0,2}(?:客|朋友|同事|老师|先生|女士|用户|客户|员工|专员))',
  '钱包给(?:你|您)[的嘅][^，。？！]{0,4}(?:单词|词|字|字符)|(?:注册|开户)(?:时|的时候)[^，。？！]{0,4}设置?[的嘅][^，。？！]{0,6}(?:字母|数字|字符)',
];

// Round 27 (train26a, train27a): the words written down or told to keep when the wallet or the
// account was opened ("开钱包时候写在纸上的那一串英文单词", "要求您抄下来永远别丢的那些单词", "开户时系统提示
// 「务必离线保存、切勿告知他人」之全部单字"), and the digits a device shows now ("钥匙扣设备屏幕上当前显示的数字").
CHINESE.push(
  '(?:写|抄|记)(?:在|到)?[^，。？！]{0,4}(?:纸上|本子上|本上|下来)[^，。？！]{0,10}[的之](?:那|这|全部)?(?:一串|些|串|组)?(?:英文)?(?:单词|单字)',
  '(?:开|建|创建|生成)钱包(?:时|的时候|时候|那天|第一天)[^。？！]{0,24}(?:单词|单字)|开户时[^。？！]{0,30}?[之的](?:全部|所有)?(?:单词|单字)',
  '(?:离线保存|切勿告知他人|永远别丢|别弄丢|不要弄丢)[^。？！]{0,12}?[的之](?:那些|全部|所有)?(?:单词|单字)',
  '(?:设备|钥匙扣|令牌|手表)[^，。？！]{0,6}(?:当前|现在|目前)?显示的?(?:数字|号码|那串)',
);
export const DESCRIBED_SECRET = [...ENGLISH, ...CHINESE].join('|');
