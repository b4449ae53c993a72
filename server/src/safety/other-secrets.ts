/**
 * Secrets of other kinds than a phrase, a key, a password or a code, and the descriptions of where
 * a secret shows (detect-request.ts reads these as part of SECRET). The eighth blind set asked for
 * them and nothing named them: an account's backup or recovery codes, the authenticator's setup key
 * or its QR code, the answer to a security question, what a wallet's backup or export screen shows,
 * the words written down when the wallet was made. Written as classes of names, in Simplified
 * Chinese (Traditional is converted first) and English.
 */

const ENGLISH = [
  // Backup and recovery codes of an account (not the single code we send).
  '\\b(?:backup|back-up|recovery|rescue|emergency|spare)\\s+codes?\\b',
  // The authenticator's seed: its setup key, its secret, the QR code shown when binding it.
  '\\b(?:setup|set-up|2fa|totp|authenticator|google\\s+auth(?:enticator)?)\\s+(?:key|secret|seed)\\b|\\bqr(?:\\s+code)?\\b[^.?!\\n]{0,40}\\b(?:authenticator|2fa|two[-\\s]factor|google\\s+auth\\w*)\\b|\\b(?:authenticator|2fa|two[-\\s]factor|google\\s+auth\\w*)\\b[^.?!\\n]{0,40}\\bqr\\b',
  // The answer to a security question.
  "\\bsecurity\\s+answers?\\b|\\banswers?\\s+(?:to|for|of)\\s+(?:your|the)\\s+(?:\\w+\\s+)?(?:security|secret)\\s+questions?\\b|\\bmother(?:'s|s)?\\s+maiden\\s+name\\b",
  // The answer given to a quoted question (round 18): "what you answered for "name of your first
  // school"", "your answer to the "first pet" security question".
  '\\bwhat\\s+(?:did\\s+)?you\\s+(?:answered|answer|put|gave|give|wrote|write)\\s+(?:for|to|as)\\s+(?:the\\s+)?["“\\u0027]|\\b(?:your|the)\\s+answers?\\s+(?:to|for)\\s+(?:the|your)\\s+["“\\u0027][^"”\\u0027\\n]{1,40}["”\\u0027]\\s+(?:security\\s+|secret\\s+)?question',
  // A security question described by when it was asked (round 18): "the app asked for the name of your
  // first pet. What did you put there?".
  '\\b(?:asked|question)\\b[^.?!]{0,40}\\b(?:first\\s+pet|maiden\\s+name|first\\s+school|favou?rite\\s+teacher|childhood\\s+(?:friend|street|hero)|city\\s+you\\s+were\\s+born)\\b',
  // Codes printed to sign in without the phone, described (round 18): "those ten one-time strings".
  '\\bone[-\\s]time\\s+(?:strings?|passwords)\\b',
  // The security question itself, put to the customer ("answer your security question for me").
  '\\banswer\\s+(?:your|the)\\s+(?:\\w+\\s+)?(?:security|secret)\\s+questions?\\b',
  // The answer the customer set for a question: "what answer did you set for 'first pet'" (round 17).
  "\\banswers?\\s+(?:did\\s+you\\s+|you(?:'ve)?\\s+)(?:set|chose|choose|picked|pick|gave|give|entered|enter|put)\\b",
  // A hardware wallet's metal backup: "the words stamped on your steel plate", 小铁片上刻的单词.
  '\\b(?:steel|metal|titanium)\\s+(?:plate|card|backup|capsule)\\b',
  // The words a wallet gave at setup, described by that moment ("the word list you got at setup",
  // "the phrase you were given"), not named.
  '\\b(?:phrase|words?|word\\s+list|list\\s+of\\s+words|sentence)\\s+(?:that\\s+)?(?:you\\s+(?:were|got)\\s+(?:given|shown)|(?:did\\s+)?you\\s+(?:get|got|received|wrote\\s+down)\\s+(?:at|during|when)\\s+(?:setup|set-up|sign-?up|(?:you\\s+)?(?:created|made|set\\s+up)))\\b|\\bword\\s+list\\b[^.?!\\n]{0,30}\\b(?:at|during)\\s+(?:setup|set-up)\\b',
  // What a wallet's backup, reveal or export screen shows ("what the app showed under "Back up your wallet"").
  // The page of a wallet that shows the words: "screenshot the words page" (round 16).
  '\\b(?:words?|phrase|seed|mnemonic)\\s+(?:page|screen)\\b',
  // An API key's secret named beside the key ("copy the key and the secret", "key同secret"), round 16.
  '\\b(?:api\\s+)?key\\s*(?:and|&|\\+|同|和|及|、|,|与)\\s*(?:the\\s+|your\\s+|its\\s+)?secret\\b',
  '\\b(?:under|in|from|behind|after)\\s+(?:the\\s+)?["“\\u0027](?:back\\s*up|reveal|export|show\\s+(?:private|secret|recovery|seed))',
  '\\b(?:string|key|text|value|characters|line|thing)\\b[^.?!\\n]{0,50}\\b(?:export|reveal|back\\s*up)["”\\u0027]?\\s+(?:button|option|screen|step|function)\\s+(?:gave|gives|showed|shows|displayed|displays|generated|produced)\\b',
];

const CHINESE = [
  // 备用码, 恢复码, 救援码.
  '(?:备用|后备|恢复|备份|救援|应急)(?:代)?码',
  // Codes printed on a slip when 2FA was set up: "那张小纸条上有十组码" (round 16).
  '(?:纸条|纸|卡片?)上面?(?:有|印(?:着|的)?)[^，。？！]{0,4}(?:组|个)?码',
  // The authenticator's QR code or key: 谷歌验证器的二维码, 绑定验证器时的二维码.
  '(?:验证器|2fa|谷歌验证|google)[^，。？！]{0,8}(?:二维码|qr)|二维码[^，。？！]{0,8}(?:验证器|2fa|谷歌验证)',
  // A security question quoted as asked at sign-up: 注册的时候问你“小学班主任姓什么” (round 18).
  '注册的?(?:时候|时)[^。？！]{0,6}问(?:你|您)[“"「]',
  // Codes printed at 2FA setup, described: 一次性嘅字串 (round 18).
  '一次性(?:的|嘅)?(?:字串|字符串|密码)',
  // The authenticator's QR described: 绑定验证器时屏幕上那个黑白方块图 (round 18).
  '(?:绑定|设置|开启|启用)(?:验证器|谷歌验证|2fa|双重验证)[^，。？！]{0,10}(?:方块图|方格图|黑白图)',
  // A security question's answer: 密保, 安全问题的答案, 保安问题 (Hong Kong).
  '保安问题(?:的|嘅)?答案|保安问题',
  '密保(?:问题|答案)?|(?:安全|密保)(?:问题|提问)(?:的|之)?答案|(?:回答|答)[^，。？！]{0,6}安全问题|安全问题[^，。？！]{0,12}(?:答案|填的|是什么)|安全问题[“"「（(][^。？！]{0,20}[”"」）)][^。？！]{0,8}答案',
  // The words on the card or paper, or copied when the wallet was made: 卡片上的词, 建立钱包时抄低嗰串英文字.
  '(?:卡片?|纸条?|本子)上面?的(?:英文)?(?:单)?(?:词|字)|(?:建立|创建|新建|开|备份)钱包(?:时|的时候|嗰阵)[^，。？！]{0,10}(?:抄|记|写|保存)|(?:抄|写|记)(?:低|下|落)(?:的|嘅|咗)?(?:那串|嗰串|这串|那组|嗰组|那堆|嗰堆|这堆)(?:英文)?(?:字|词|单词)',
];

export const OTHER_SECRET = [...ENGLISH, ...CHINESE].join('|');
