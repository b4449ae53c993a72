/**
 * Regional Chinese read as the Mandarin the screens' vocabulary is written in (round 14): Shanghai
 * Wu ("侬个密码报拨我", "阿拉帮侬查"), Wuhan and Hubei ("嗯家把码撂过来", "显示么数字"), Sichuan and
 * the south-west ("莫把码给别个", "冇得事"), Cantonese 嘅 and 入面 (round 16). Every replacement keeps the text's length, character for
 * character, so offsets found in the folded text still point into the original (customer secrets
 * are masked by them). Applied after the Traditional → Simplified conversion, so Hong Kong and
 * Taiwan text reaches it in Simplified too.
 */

/** Pairs of equal length: the regional form, and what it stands for. */
const FOLDS: Array<[RegExp, string]> = [
  // Possessive 个 after a regional pronoun ("侬个验证码" = your code; Mandarin's "发你个码" is "a code").
  [/侬个(?![个位人月星])/g, '你的'],
  // Suzhou Wu (round 29): 倷 (you), 倪 (I, we) after a verb of handing ("发拨倪", "报拨倪": send, tell me).
  [/倷个(?![个位人月星])/g, '你的'],
  [/倷/g, '你'],
  // Suzhou and Wuxi 伲 (I, we; round 31: "倷发拨伲是放心格", "回伲一声").
  [/伲/g, '我'],
  // Xi'an and the north-west 额 (I, me; round 30: "给额甩一哈", "额这边后台显示…"), not 金额 / 额度;
  // 嫑 (don't); Taiwanese 阮 (we, us) after 给 ("給阮免驚").
  [/(?<=给|跟|问|帮|让|叫|发)额(?![度外头])/g, '我'],
  [/(?<![金余限份数总差定名配超])额(?=这边|那边|这儿|这里|那个|帮|给|不要|嫑|要|是|在)/g, '我'],
  [/嫑/g, '别'],
  [/(?<=给)阮/g, '我'],
  // Taiwan's official letters address the reader as 台端 (you): "請台端將…寄送至…".
  [/台端/g, '您 '],
  // Taiwanese (round 31): 予 after a verb of handing is "to" ("丟予我"; not after telling, "講予我知" asks
  // a question as often as a secret), 偌濟
  // (how much, what: "你的驗證碼是偌濟？"), 彼 (that) before a measure word or a count ("彼組碼", "彼六字").
  [/(?<=[丢送])予(?=我|阮|咱)/g, '给'],
  [/偌济/g, '多少'],
  [/彼(?=[组个台支张串几一二三四五六七八九十])/g, '那'],
  // Wu 阿曾 (did … ever, in a question): "倷阿曾拿验证码告诉过别人？".
  [/阿曾(?=[^，。！？]{0,14}(?:过|[？?]))/g, '有没'],
  [/[嗯恩]家个(?![个位人月星])/g, '您家的'],
  [/阿拉个(?![个位人月星])/g, '我们的'],
  // Pronouns: 侬 (you), 嗯家 / 恩家 (polite you, Hubei), 阿拉 (we, not 阿拉伯 Arabic or 阿拉丁).
  [/侬额/g, '你的'],
  [/阿拉额/g, '我们的'],
  [/侬/g, '你'],
  [/[嗯恩]家(?!人|里|庭|乡)/g, '您家'],
  [/阿拉(?![伯丁斯善尔木])/g, '我们'],
  // Giving and telling: 拨 (to), 报拨 / 讲拨 (tell), 话俾 (tell, Cantonese).
  [/报拨/g, '告诉'],
  [/讲拨/g, '告诉'],
  [/话俾/g, '告诉'],
  // Round 22: 畀 for 俾 (话畀我知: tell me; send畀我), 过嚟 (over here).
  [/话畀/g, '告诉'],
  [/畀(?=我|你|您)/g, '给'],
  [/过嚟/g, '过来'],
  [/拨(?=你|我|您|他|她|倪)/g, '给'],
  [/(?<=给|告诉)倪/g, '我'],
  // Negation and particles: 覅 (don't), 勿要, 莫 before a verb (don't), sentence-final 伐 (吗).
  [/覅/g, '别'],
  // Beijing 甭 (don't), and 自个儿 (oneself), round 19.
  [/甭/g, '别'],
  [/自个儿/g, '自己儿'],
  [/勿要/g, '不要'],
  [/勿(?=是)/g, '不'],
  [/莫(?=[把给发说讲告随乱拍截存信点打按输填写])/g, '别'],
  [/伐(?=\s*(?:[？?。！!，,~～]|$))/g, '吗'],
  // Things and times: 搿 (this), 辰光 (time), 别个 (someone else), 冇得 (没有).
  [/搿/g, '这'],
  [/辰光/g, '时候'],
  [/别个/g, '别人'],
  [/冇得/g, '没有'],
  // "What" (Hubei 么 before a noun, "显示么数字"), "how much / how many" (是好多？).
  [/(?<![什怎这那多要为甚])么(?=数|字|码|东西|事|号)/g, '啥'],
  [/是好多(?=\s*[？?]|\s*$)/g, '是多少'],
  // Throwing it over: 撂 (扔); 甩 / 敲 before a recipient or "over" (甩过来, 敲给我: send, type to).
  [/撂/g, '扔'],
  // Round 21: Wu 把 after a verb of handing is "to" ("发把我", "甩把我": send it to me).
  [/(?<=[发甩报讲拿递传寄])把(?=我|阿拉|侬)/g, '给'],
  [/甩(?=给|过来|过嚟|我|俺)/g, '发'],
  [/敲(?=给|过来|我|俺)/g, '打'],
  // Posting it where everyone sees it (扣在评论区: type it in the comments).
  [/扣(?=在评论|到评论|评论区|在公屏|公屏)/g, '发'],
  // Northern pronouns (round 19): 俺 (I, me; Shandong, Henan, the north-east), 恁 (you), not 恁大 / 恁多 (so big).
  [/俺/g, '我'],
  [/恁(?![大多么般样地的时])/g, '您'],
  // Hunan 么子 (什么), round 15; Sichuan and Chongqing 啥子 (什么), round 21.
  [/么子/g, '什么'],
  [/啥子/g, '什么'],
  // Sichuan 一哈 (a moment: 一下), round 25: "密码说一哈嘛".
  [/(?<=[说讲看发念报给等查试])一哈/g, '一下'],
  // Round 21: the agent's own persona as the one handed to ("发一个给小维就好", "私讯给小编没问题",
  // "发小维一下"): a service desk's 小编 / 小X speaking of itself is "us".
  [
    /(?<=给|发|私讯|私信)小(?:编|[\u4e00-\u9fff])(?=就|吧|哦|喔|唷|哟|啦|呀|啊|哈|一下|没|冇|[，,。.~～！!]|$)/g,
    '我们',
  ],
  // Round 22: a forum's or a live stream's host speaking of itself (丟給版主, 私給版主, 站內信給版主,
  // 丟版主信箱), and 丢 as "throw it over" before a recipient (not 丢了, lost).
  [/(?<=给|发|私讯|私信|私|丢|扔|传)(?:版主|主播|群主)/g, '我们'],
  [/丢(?=给|过来|过嚟|来|我|我们|版主|主播|群主|到)/g, '扔'],
  // Cantonese (round 16): 嘅 (的), 入面 (里面).
  [/嘅/g, '的'],
  [/入面/g, '里面'],
  // Round 20: Tianjin 介 (this) before a code's name ("介码儿", "介验证码"), 您了 (you, polite),
  // 是嘛 after a secret's name (是啥: "您了登录密码是嘛？"); Cantonese 覆我 (reply to me).
  [/介(?=码|验证码|密码|口令)/g, '这'],
  [/您了(?!解|不起|得)/g, '您 '],
  [/(?<=码|词|钥|令)是嘛(?=\s*[？?])/g, '是啥'],
  [/(?<![回答反批])覆(?=我)/g, '给'],
  [/(?<=[我你佢])哋/g, '们'],
];

/** What one of the folds starts with: a text without any skips them all (您 and 是 alone are too common). */
const MAY_FOLD =
  /[侬倷伲予偌彼台额嫑阮嗯恩阿个报讲话拨覅勿莫伐搿辰别冇么好撂甩敲扣俺恁甭自嘅入介哋哈]|您了|是嘛|覆我|[发甩报讲拿递传寄]把|啥子|(?:给|发|私讯|私信)小|版主|主播|群主|丢|畀|过嚟/;

export function foldDialect(text: string): string {
  if (!MAY_FOLD.test(text)) return text;
  let out = text;
  for (const [from, to] of FOLDS) out = out.replace(from, to);
  return out;
}
