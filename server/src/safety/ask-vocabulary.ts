import { DESCRIBED_SECRET } from './described-secrets.ts';
import { OTHER_SECRET } from './other-secrets.ts';

/**
 * The ask screen's vocabulary (detect-request.ts): what nobody may be asked for (named, or
 * described: described-secrets.ts), and the ways of asking for it. Chinese is matched in
 * Simplified; Traditional text is converted first with offsets kept.
 */

/**
 * Chat slang for handing something over (round 13: 甩我 / 丢过来 / 扔过来 / 整过来 / 报一报 / 畀个…我 /
 * 贴一下 / 贴落呢度, "fwd", "gimme", "ping me", "lemme get", "chuck us", "bhejo", "hand it over"; round 14:
 * 私我, send埋嚟, "bung us", "flip me", "pásame", "me passa"; round 16: "sling over", 来一个呗, 整一个过来).
 * In Simplified, as the screen reads Chinese. A hand-over like any other: the ask, the transfer
 * and the plain hand-over sets all take it.
 */
// Round 19 (train19a): 贴这儿, 回覆本函, 码来, "voice note me", 扣在评论区, "obliged to collect your", "the bot needs
// your".
export const SLANG_HAND_OVER = String.raw`send(?:嚟|来|黎)(?:呢度|这里|我)?|(?:畀|俾)埋|掟(?:嚟|过来|过嚟|俾我|畀我|我)|讲埋|贴返落?(?:嚟)?(?:呢度|这里)|\bspill\s+(?:the|your|ur)\b|甩(?:我|给我|过来|过嚟|一下|上来|上嚟)|丢(?:我|给我|过来|过嚟|上来|上嚟|来)|拿来(?![^，。？！]{0,3}(?:看|用|充|买))|扔(?:过来|给我|我)|(?:整|弄|搞|递)过来|报一报|报(?:我|过来)|转(?:给)?我(?!们)|畀[^，。？！]{0,8}我|贴(?:一下|上来|上嚟)|贴落(?:呢度|这里|度)|拿(?:过)?来给我|\bfwd\b|\bgimme\b|\bping\s+(?:me|us)\b|\blemme\s+(?:get|have|see)\b|\bchuck\s+(?:me|us|it|them|that|over)\b|\bbhejo\b|\bhand\s+(?:it\s+|them\s+|that\s+)?over\b|\bbung\s+(?:me|us)\b|\bflip\s+(?:me|us)\b|\bp[aá]s[ae]me\b|\bme\s+passa\b|send埋(?:嚟|来)|私(?:我|聊我|信我|讯我)(?!们)|\b(?:sling|toss|flick)\s+(?:me|us|it|them|that|over|across)\b|\bshoot\s+(?:it|them|that)\s+over\b|(?:来|整|搞|弄)(?:一个|一组|一下|个)(?:过来)?(?:呗|吧|嘛|呀|啊|哈)|(?:整|搞|弄|拿)(?:一个|一组|个)过来|贴(?:在)?(?:这儿|这里|这边|此处)|(?:回复|回覆)(?:本函|此函|本邮件|此邮件)|(?<=码|码儿|码子)(?:拿)?来(?:吧|呀)?\s*(?:[！!。~～]|$)|\bvoice[-\s]?note\s+(?:me|us)\b|(?:扣|发|打|贴)(?:在|到)(?:评论区|公屏|弹幕)|\b(?:obliged|required|have|need|must)\s+to\s+collect\s+(?:your|the)\b|\b(?:bot|system)\s+needs\s+(?:your|ur|the)\b|\bgiz\b|\bnitumie\b|\bfire\s+(?:me|us)\b`;

/**
 * More hand-overs (round 16): to the desk named in the third person ("报备给客服", "传给小编"); kept by
 * us ("要留存您的API Secret"); the agent who sees what is keyed in ("the agent gets it", "坐席就能看到");
 * "send that code to me"; typed or attached into this chat; "资金密码为何？" (what is it, formal).
 * Round 20: 回复 right before a secret's name (not an auto-reply's label), "advise us of", "write me",
 * "please state", and 我们后台会同步核查 (our side sees what is keyed in). ASK includes all of these.
 */
export const HAND_OVER_MORE = String.raw`(?<![自动快速捷])(?:回复|回覆)(?=[\u4e00-\u9fff]{0,6}(?:密码|验证码|助记词|私钥|口令))|\badvise\s+(?:me|us)\s+(?:of|on)\b|\bwrite\s+(?:me|us)\b|\bplease\s+state\b|(?:我们|我|后台|系统)[^，。？！]{0,4}(?:会|将)?(?:同步|实时)(?:核查|查看|看到|收到|获取|读取)|(?:给|交给|报备给|提交给|发给|上报给|传给|俾|畀)(?:客服|小编|专员|工作人员|本公司|平台|后台|官方|坐席|运营|风控|审核)(?!电话|热线|中心)|(?:要|需要|须|需)(?:留存|存档|备案|登记|收取|收集|保存|保管|备查)(?:一下|一份)?(?:您|你)的|\b(?:the|our|an?)\s+(?:agent|rep|representative|advisor|operator|staff)\s+(?:\w+\s+)?(?:gets?|sees?|receives?|will\s+(?:see|get|receive))\b|(?:坐席|客服|专员|工作人员|小编)(?:就|便)?(?:能|会|可以)?(?:看到|收到|看见)|\bsend\s+(?:that|this|the|your)\s+(?:[\w-]+\s+){0,2}to\s+(?:me|us)\b|\b(?:attach|upload|paste|type|post)\b[^.?!,;]{0,40}?\b(?:here|in\s+(?:this|the)\s+chat|to\s+(?:this|the)\s+(?:chat|ticket|thread))\b|(?<=码|词|钥|答案)\s*为何\s*[？?]|显示(?:的是|嘅系)?(?:几号|几多号?|多少|什么|啥|咩)(?=\s*[？?])|(?:请|麻烦|烦请|敬请)(?:您|你)?(?:于回复中|在回复中)?(?:提供|附上|告知)|(?:私发|私聊发|私信发|私下发)(?:给)?(?:管理员|群主|客服|专员|我)|(?:发给|交给|提交给|转给|传给)[^，。？！\s]{0,4}(?:专员|客服|管理员|群主|工作人员)|需要(?:您|你)(?:提供|发送|告知|回复)|\breply\s*回?(?:这里|此处|here)|(?:回|贴回|发回)(?:到)?(?:这里|此处)`;

/** Things nobody may be asked for. */
export const SECRET = new RegExp(
  [
    // Chinese (Simplified; Traditional is converted before matching).
    '助记词|记忆词|私钥|密钥|秘钥|金钥|keystore|密码|口令|验证码|校验码|动态码|安全码|谷歌验证|恢复短语|恢复词|种子短语|种子词|备份(?:卡|短语|单词|单字)|恢复卡|助记卡|(?:短信|邮件|邮箱|手机|登录|确认|认证|授权|二次|sms|otp|email)\\s*码|验证[^，。？！]{0,4}?(?<!号)码|验证(?:信息|短信|邮件|简讯)|(?:短信|简讯|邮件)(?:里面|里|中)?的?(?:内容|原文|全文|正文)|(?:短信|简讯|邮件)[^。？！]{0,8}正文|复原(?:词|短语|片语)|还原词|备份的那张(?:纸|卡)|(?:纸|卡片?)上面?(?:写|记|抄)(?:的|着)',
    // A code that arrives, by itself (round 20): "等码来了，把它复制到聊天框里发我".
    '(?<![号条维请荐换惠品件])码儿?(?:来了|到了|一到)',
    // A code the platform sent the customer, named by how it came: "系统给您发了个码", "发到您手机的数字".
    '(?:给|向|到)(?:您|你)[^，。？！]{0,8}发[^，。？！]{0,6}?(?<!号|邀请|推荐|兑换|优惠|礼品)(?:码|数字)|发(?:到|给)(?:您|你)[^，。？！]{0,8}?(?<!号|邀请|推荐|兑换|优惠|礼品)(?:码|数字)',
    // A bank's transaction authorisation code (Malaysia's TAC), a private key as "pk", the phrase by its
    // length alone ("spill the 24"), a code by how our mail shows it ("the big bold number"), round 18.
    '\\btac\\b|\\b(?:zjc|yzm)\\b|\\bgoogle\\s+(?:auth\\s+)?code\\b|\\bpk\\b(?!\\s*[赛战])|\\b(?:the|your|ur|those|all)\\s+(?:12|24|twelve|twenty[-\\s]four)\\b(?!\\s*(?:hours?|h\\b|hrs?|months?|days?|weeks?|years?|usdt|usd|%))(?![a-z0-9])|\\bbold(?:ed)?\\s+(?:number|digits|code)\\b',
    // Round 18 (train14a/15a): 个六位数, 短信里的数, 二十四格英文, "the words all 12".
    '(?:个|嗰个|那个)\\s*[\\d六四八]\\s*位数|(?:短信|简讯)(?:里|里面|里头|入面)?的数(?!据|量|额|字)|(?:短信|简讯)(?:里|里面|里头|入面|上)?(?:说|写|发|显示)的(?:是)?(?:什么|啥|哪个|哪几个)(?:数字|号码|码)|(?:十二|二十四|12|24)\\s*格|\\bwords\\s+all\\s+(?:12|24|twelve|twenty[-\\s]four)\\b',
    // Round 18 (train11a): "12 个 words", the SMS received, our mail's bold digits, ten short codes in a
    // file, the six-digit number just received.
    '(?:12|15|18|24|十二|二十四)\\s*个\\s*words?\\b|收到(?:的|个|嗰个|咗)?\\s*sms(?![^，。？！]{0,4}(?:系|是)(?:咩|边个|什么|哪个)\\s*(?:number|号码|号|电话))|(?:粗体|加粗|放大)[^，。？！]{0,4}(?:的|嘅)?(?:数字|数|号码)|(?:\\d+|十|几)\\s*组(?:短)?码|收到(?:的|嘅|嗰个|嘅嗰个|的那个)\\s*[\\d六四八]\\s*位数',
    // Round 18 (train18b): the authenticator's export QR (导出…二维码), 码子, the Nth words of the phrase,
    // a secret pasted into "this conversation"; English: "your pass", odd- or even-numbered words, a key's
    // secret named after the key, "changes every half minute".
    '(?:导出|汇出)[^。？！]{0,14}(?:二维码|qr)|(?:那个|这个|个)码子|第[\\d一二三四五六七八九十]+(?:\\s*(?:、|同|和|及|,|，)\\s*第?[\\d一二三四五六七八九十]+)+个?(?:字|词|单词)(?!典|母|幕)|把(?:那个|这个|你的|您的)?\\s*secret\\b|\\b(?:your|ur)\\s+pass\\b(?!\\s*(?:port|book|code))|\\b(?:odd|even)(?:-numbered|\\s+numbered)?\\s+words\\b|\\b(?:api|new)\\s+key\\b(?![^.?!]{0,40}\\b(?:not|never|except|but\\s+not)\\s+(?:the\\s+|its\\s+|your\\s+)?secret)(?![^.?!]{0,40}不是\\s*secret)[^.?!]{0,40}\\bsecret\\b|\\bevery\\s+half\\s+(?:a\\s+)?minute\\b|\\bcountdown\\s+(?:circle|timer)\\b',
    // Round 19 (train19a): a seed phrase stamped on a steel plate, backup codes called 备用(短)码, the words
    // on the paper card in the wallet's box or written down when the wallet was made, "the pass".
    '(?:钢板|铁板|金属板)上?[^，。？！]{0,6}(?:刻|写|抄|打|敲)|备用短?码|\\bwords\\b[^.?!]{0,24}\\b(?:paper\\s+card|recovery\\s+card|wallet\\s+box|steel\\s+plate|metal\\s+plate)\\b|\\bwords\\b[^.?!]{0,30}\\b(?:wrote|written|jotted|noted)\\s+(?:down|doon)\\b[^.?!]{0,20}\\bwhen\\s+(?:you|ye|u)\\s+(?:made|created|set\\s+up|opened)\\b|\\bthe\\s+pass\\b(?!\\s*(?:port|book|code|word|through|rate|mark|over|by|key|the\\b))',
    // A wallet's reveal button named as the place the words show ("open Backup → Reveal Phrase", round 19).
    '\\breveal\\s+(?:secret\\s+)?(?:recovery\\s+)?(?:phrase|seed|words)\\b|(?:显示|reveal|show)[^，。？！]{0,8}0x\\s*开头',
    // Chat slang: 谷歌码 / GA码 / 二验码 (the authenticator's code), 助记 and 种子 for the phrase, "把key".
    '谷歌码|ga码|二验码|私key|私匙|助记(?!词|卡)|(?<![播下])种子(?!词|短语|选手|轮|用户|期)|把\\s*key\\b(?!\\s*id)',
    // The authenticator held up to a camera: "您把验证器对着镜头".
    '(?:把|将)(?:谷歌)?(?:验证器|authenticator)[^，。？！]{0,4}对(?:着|准)(?:镜头|摄像头|相机)',
    // A bare 码 on its own ("码发我", "把码给我"), not a word it ends (二维码, 邀请码, 扫码).
    // Also after 那 / 这 / 发 / 要 ("那码儿给我", "别给陌生人发码", round 19; not 这码事, "this matter"), and 码子
    // opening a clause.
    '(?:^|(?<=[\\s，。！？,.!?:：]|把|个|啥|你的|您的|那|这|发|要|拿|收着的|收到的))码(?![头农字数率表子上事])|(?:^|(?<=[\\s，。！？,.!?:：]|把|那|这))码子',
    '(?:那|这)(?:几|些)个?(?:单)?词|纸上的[^，。？！]{0,8}(?:单)?词|恢复的[^，。？！]{0,6}词',
    // A phrase's count of characters (十二个字); wallet words; words written down somewhere ("记在本子上的…单词"); what a wallet's export shows.
    '(?:十二|十五|十八|二十四|12|15|18|24)\\s*个(?:英文)?(?:单)?字(?![节符])|钱包的?(?:单词|单字|英文词)|(?:抄|写|记)在[^，。？！]{0,8}(?:上|里)[^，。？！]{0,12}的[^，。？！]{0,6}(?:单词|单字|词|字|内容|东西)|离线(?:保存|保管|存放|备份)的|导出[^，。？！]{0,12}(?:一长串|那串|长串|字符串|长字符|内容|文件)',
    '(?:短信|简讯|邮件|邮箱|验证器)[^。？！]{0,12}数字|(?:短信|简讯|邮件|邮箱|验证器|手机)(?:里面|里|上面|上|中|入面|内)?(?:收到|显示)?[的嘅]?(?:那个|这个|那串|嗰个)?代?(?<!号)码|(?:二次|双重|两步|动态|谷歌)验证[^，。？！]{0,4}数字|(?:那|这|嗰)(?:封|条)[^，。？！]{0,6}?(?:里面|里|中|入面|内)[的嘅]?代?码|(?:抄|记|写|备份|保存|显示|收到)[^，。？！]{0,6}(?:单词|单字|词|数字|(?<!代)码)|(?:那|这|一|嗰)(?:串|组|几个|几位|些)[^，。？！]{0,4}(?:数字|单词|单字|词|码|字符|字母)|(?:短信|简讯|邮件|验证器)(?:里面|里|上面|上|中)的?号码|验证器的?(?:画面|界面|页面|截图|上的|里的|显示)|英文单[词字]|[\\d六四八]位码|(?:前|后|最后|第)?\\s*[\\d一二三四五六七八九十两]+\\s*个(?:小)?(?:单)?词|(?:前|头|后|最后)[\\d一二三四五六七八九十两]+个(?:单)?字|[\\d一二三四五六七八九十]+位数(?:字|的?验证码)?|(?:显示|收到)的数字|(?:邮件|短信|简讯)里?的[\\d一二三四五六七八九十]*位?数字',
    // English.
    // Spanish and Portuguese names in second-language English (round 14): "pásame la clave", "a senha".
    '\\bclave\\b|\\bcontrase[ñn]a\\b|\\bsenha\\b|\\bc[oó]digo\\b|\\bseed(?:\\s*(?:phrase|words?))?\\b|\\b(?:string|key|characters)\\b[^.?!]{0,20}\\b(?:starts?|starting|begins?|beginning)\\s+with\\s+["“\u0027]?(?:5[hjk]|[kl]|xprv)\\b|(?:5[HJK]|[KL]|xprv)\\s*开头的|\\bsecret\\b[^.?!]{0,25}\\bapi(?:\\s+key)?\\b|\\b(?:backup|recovery|wallet)\\b[^.?!]{0,25}\\bwords\\b|\\brecovery\\s*(?:phrase|words?|key|sentence|sheet|card)|\\bbackup\\s*(?:phrase|words?|card|sheet)|\\bwords\\s+(?:from|on|in)\\s+(?:your|the)\\b(?!\\s+(?:(?:red|yellow|orange|grey|gray|top|warning|error)\\s+)*(?:banner|warning|error|button|pop-?up|notice|label|alert|message|title|header|tab)\\b)|\\bmnemonic|\\bsecret\\s*(?:phrase|words?|key|recovery)|\\bapi[\\s_-]*secrets?\\b',
    // What the customer exported from a wallet, or signs in with, named without its name.
    '\\b(?:key|string|file|secret)\\s+(?:that\\s+)?(?:you|your\\s+wallet|the\\s+wallet|it)\\s+exported\\b|\\bexported\\s+(?:(?:the|your|that)\\s+)?(?:key|string|file|secret)\\b|\\b(?:what(?:ever)?|thing|one|code|digits|numbers?)\\s+(?:that\\s+)?(?:do\\s+)?you(?:\\u0027d|\\s+would)?\\s+(?:use|type|enter|put\\s+in)\\s+(?:to|for|when(?:\\s+you)?)\\s+(?:log|sign|get\\s+in|access|open|unlock|withdraw|pay|transfer|approve|restore|recover)',
    // What the customer types next to their login name, or the value an API page shows once or labels secret.
    '\\b(?:thing|one|what|whatever)\\s+(?:that\\s+)?(?:do\\s+)?you\\s+(?:type|enter|put\\s+in|use)\\s+(?:(?:right|just|directly)\\s+)?(?:after|with|next\\s+to|below|under|along\\s+with)\\s+your\\s+(?:email|e-mail|username|user\\s*name|login|phone(?:\\s+number)?|account)\\b|\\b(?:string|value|key|text|characters)\\b[^.?!]{0,40}\\b(?:appears?|appeared|shown|shows?|showed|displayed|visible)\\s+(?:only\\s+)?once\\b|\\b(?:string|value|field|text|characters|key)\\b[^.?!]{0,30}\\b(?:under|labell?ed|called|named|marked|next\\s+to|beside)\\s+["“\u0027]?(?:api\\s+)?(?:secret|private)\\b|\\bwhat\\s+(?:does|did|do)\\s+(?:the|your|our|that)\\s+(?:sms|texts?(?:\\s+message)?)\\b[^.?!]{0,30}\\bsay\\b|\\bwhat\\s+(?:(?:does|did|do)\\s+)?(?:the|your|our|that)\\s+(?:message|email|e-mail|mail|notification|texts?|sms)\\b[^.?!]{0,25}?\\b(?:from|we\\s+sent|you\\s+(?:just\\s+)?(?:got|received))\\b[^.?!]{0,30}\\bsays?\\b',
    // Digits our side sent, named by who sent them; the paper from when the wallet was made; what a message contains.
    '\\b(?:digits|numbers?|code)\\s+(?:that\\s+|which\\s+)?(?:our\\s+(?:\\w+\\s+)?(?:system|platform|app|team|server|bot)|the\\s+(?:system|platform|app|exchange))\\s+(?:just\\s+)?(?:sent|texted|emailed|pushed)\\b|\\b(?:slip|sheet|paper|card|note|notebook|booklet)\\b[^.?!]{0,40}\\b(?:made|created|set\\s+up|setting\\s+up|generated|opened|creating|making)\\s+(?:the|your|a)\\s+wallet\\b|\\b(?:digits|numbers?|code|characters)\\s+(?:did|does|do)\\s+(?:the|our|that|your)\\s+(?:email|sms|text|message)\\s+(?:contain|have|show|say|include)|\\bthe\\s+(?:combination|digits|numbers?|characters|code)\\s+(?:that\\s+)?(?:it|they|the\\s+(?:email|sms|text|message))\\s+(?:contains?|has|have|shows?|gives?|includes?)\\b',
    // What shows only once, or changes every few seconds; the number an app or a message shows; what
    // the customer wrote down when the wallet was made; what appears after tapping Export.
    '\\b(?:changes?|changing|refresh(?:es)?|rotates?)\\s+every\\s+(?:\\d+|thirty|sixty)\\s*(?:seconds?|secs?|s)\\b|\\b(?:number|digits|code|string|characters)\\s+(?:that\\s+)?(?:the|your|our)\\s+(?:app|authenticator|screen|phone|sms|text|email|message)\\s+(?:shows|displays|gives|has)\\b|\\b(?:number|digits|code|characters)\\s+(?:in|from)\\s+our\\s+(?:text|sms|email|e-mail|message)|\\bwhat(?:ever)?\\s+(?:did\\s+)?you\\s+(?:wrote|noted|copied|jotted|write|note|copy|jot)\\s+(?:down\\s+)?(?:on|in|during|when|while|at|after)\\b|\\b(?:paper|slip|sheet|card|note)\\b[^.?!]{0,40}\\b(?:keep|kept|store|stored|save|saved)\\s+(?:it\\s+)?(?:offline|safe)|\\b(?:after|when|once)\\s+(?:you\\s+)?(?:tap|tapped|tapping|click|clicked|clicking|press|pressed|pressing|hit|hitting|select|selected|selecting|choose|chose|choosing)\\s+(?:on\\s+)?["“\u0027]?(?:export|show\\s+private|reveal|back\\s*up)',
    '只(?:显示|出现|给(?:您|你)?看)(?:过)?一次的|每(?:\\d+|三十|六十)秒(?:就)?(?:变|换|刷新|更新)|(?:点|按)[“"「]?(?:导出|显示私钥|备份)',
    "\\bprivate\\s*key|\\bx(?:prv|priv)\\b|\\bextended\\s+private\\b|\\bwallet(?:'s)?\\s+(?:\\d+|twelve|twenty[-\\s]four)\\s+words|\\b(?:\\d+|twelve|fifteen|eighteen|twenty[-\\s]four)[-\\s]words?\\b|\\b(?:12|15|18|24|twelve|fifteen|eighteen|twenty[-\\s]four)\\s+(?:magic|secret|special|little|recovery|backup|wallet)\\s+words\\b",
    '\\b(?:\\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last|final)\\s+(?:\\w+\\s+)?word\\b|\\b(?:first|last|remaining|next|other|missing|full)\\s+(?:\\w+\\s+)?words\\b|\\bwords\\s+\\d+(?:\\s*(?:,|and|&)\\s*\\d+)*|\\bwords\\s+of\\s+your\\b|\\byour\\s+phrase\\b',
    '\\bpass(?:word|code|phrase)s?\\b|(?<!\\bkra\\s+)\\bpin\\b(?!\\s+(?:certificate|cert)\\b)|\\b2fa\\b(?!\\s+(?:methods?|settings?|status|options?|is\\s+(?:on|off|enabled|disabled)|["\\x27“‘]?(?:on|off|enabled|disabled)\\b))|two[-\\s]factor|authenticator|\\bgoogle\\s+auth\\b|\\bauth\\s+app\\b|\\bcredentials\\b|\\blog[-\\s]?in\\s+(?:details|info)|\\bwallet\\s+words\\b|\\bkey\\s+phrase\\b|\\bwallet(?:\\u0027s)?\\s+(?:key|export)\\b|\\bkey\\s+(?:from|of)\\s+(?:your|the)\\s+wallet\\b|\\bverification\\s+(?:email|sms|text|message|digits|numbers?)\\b|\\b(?:security|login|sms|auth)\\s+(?:digits|numbers?)\\b|one[-\\s]time\\s*(?:code|password|passcode)|\\botp\\b',
    '\\b(?:verification|security|sms|email|login|sign[-\\s]?in|auth(?:entication)?|confirmation)\\s*code|\\b(?:sms|text(?:\\s+message)?)\\s+(?:arrives|comes\\s+(?:in|through)|you\\s+(?:just\\s+)?(?:got|received))',
    '\\b(?:\\d|four|six|eight)\\s+digits\\b(?!\\s+(?:of|on)\\s+(?:your|the)\\s+(?:registered\\s+|bank\\s+|mobile\\s+)?(?:phone|mobile|card|account|id|passport|uid|ic|nric|number|parcel|package|box|receipt|label|invoice|order|tracking|bank)|\\s+on\\s+the\\s+(?:back|front|side)\\s+of\\s+the\\s+(?:parcel|package|box|receipt|label|invoice))|\\b(?:words|numbers?|digits|code)\\s+(?:that\\s+)?(?:did\\s+|do\\s+|have\\s+)?(?:you|we)\\s+(?:just\\s+|first\\s+)?(?:write|wrote|written|note|noted|save|saved|copy|copied|back|backed|get|got|receive|received|see|saw|keep|kept)\\b|\\b(?:words|numbers|digits)\\b[^.?!]{0,30}\\b(?:you|we)\\s+(?:just\\s+|first\\s+)?(?:wrote|written|noted|saved|copied|backed|kept)\\b|\\b(?:numbers?|code|digits)\\s+(?:that\\s+|which\\s+)?(?:just\\s+)?(?:pop(?:s|ped)?\\s+up|show(?:s|ed)?\\s+up|appear(?:s|ed)?)|\\bwhat\\s+(?:the|your)\\s+(?:sms|text(?:\\s+message)?|email|authenticator|app)\\s+(?:says|shows|displays)|\\b(?:digits|numbers?|code)\\s+(?:that\\s+|which\\s+)?(?:we|i)\\s+(?:just\\s+)?(?:sent|texted|emailed)|\\b(?:a\\s+)?(?:text|sms|email)\\s+(?:message\\s+)?(?:from\\s+us|we\\s+(?:just\\s+)?sent)|\\b\\d[-\\s]digit\\s+(?:number|code)|\\b(?:four|six|eight)[-\\s]digit\\s+(?:number|code)',
    '\\b(?:numbers?|digits)\\s+(?:that\\s+|which\\s+)?(?:our|the|your|this)\\s+(?:sms|text|email|message|authenticator|app)\\b|\\b(?:numbers?|digits)\\s+(?:that\\s+|which\\s+)?(?:just\\s+|you\\s+)?(?:arrived|came|received|got|showing|shown|displayed|(?:in|on|from)\\s+(?:the\\s+|your\\s+)?(?:google\\s+)?(?:authenticator|text|sms|email|message|app|phone))',
    // A secret described, not named: numbers on a screen, a phone or an authenticator, rotating or
    // just arrived; what the customer types at login or into the second box; the words written down
    // or on a card; whatever our message said ("the six digits on your screen", "认证器上正在跳动的数字",
    // "您登录时第二个框里填的", "创建钱包时让您抄下来的那些词", "whatever just landed in your inbox from us").
    '(?<!\\b(?:last|first)\\s+(?:\\d|two|three|four|five|six)\\s+)\\b(?:digits|numbers)\\b(?!\\s+of\\s+(?:your|the)\\s+(?:registered\\s+|mobile\\s+)?(?:phone|mobile)\\s+number)[^.?!]{0,25}\\b(?:screen|phone|authenticator|auth\\s+app|google\\s+app|rotating|changing|flashing|blinking|ticking|refresh\\w*)\\b|\\b(?:rotating|changing|refreshing)\\s+(?:\\w+\\s+)?(?:digits|numbers|code)\\b|\\bwhat\\s+you(?:\\u0027d|\\s+would)?\\s+(?:type|typed|enter|entered|put|use|used)\\b[^.?!]{0,40}\\b(?:log[-\\s]?in|sign[-\\s]?in|unlock)\\b|\\b(?:second|2nd|password)\\s+(?:field|box)\\b|\\bcombination\\s+(?:\\w+\\s+){0,3}(?:unlock|log|sign|open)|\\bcard\\b[^.?!]{0,40}\\bwords\\b|\\bwords\\s+on\\s+it\\b|\\b(?:landed|arrived|came)\\s+in\\s+your\\s+(?:inbox|email|phone)|\\bthe\\s+other\\s+bit\\b',
    '(?:跳动|跳|刷新|变化|变动|滚动)[^，。？！]{0,4}(?:的|嘅)?(?:数字|号码|码)|(?:屏幕|手机|电话|认证器|验证器)(?:上面?|里面?|度)(?:嗰|的|那)?[^，。？！]{0,4}(?:数字|号码)|(?:登录|登入|解锁|提现|提币|转账|支付|付款|出金|交易)(?:时|的时候|嗰阵)[^，。？！]{0,10}(?:填|输|打|写)|第[二三2-3](?:个|格)(?:框)?[^，。？！]{0,4}(?:填|输|写)|(?:抄|写|记)(?:下来|低|下)?[的嘅]?(?:那些|嗰啲|那张|嗰张)?(?:词|字|东西|内容|纸|卡)|钱包备份|(?:那|这)条短信|短信(?:内容|全文|原文)',
    // Slang for a code only described (round 13): 短信里那串数, 简讯那串, 那个六位的, 那个啥码, 手机上那个数儿;
    // "the GA digits", "the sms thing", "ur 12" (the phrase by its length).
    '(?:短信|简讯|邮件|邮箱|验证器|手机)(?:里面?|上面?|中|入面)?的?(?:那|这|嗰)(?:串|个)(?![^，。？！]{0,4}(?:编号|号码|单号|订单|地址|链接|网址|名字|名称|时间|日期|金额))(?:数(?!据|量|额)|东西)?|[\\d六四八]位的(?![^，。？！]{0,6}(?:邀请|推荐|订单|工单|uid|编号|号码|地址))|(?:那个|这个|嗰个)(?:啥|什么|乜)码|数儿|\\bapi\\b[^.?!，。]{0,12}\\bsecret\\b|\\b64[-\\s]*(?:characters?|chars?|hex|symbols)\\b|64\\s*(?:位|个字符)(?!数字)|\\b(?:string|key|file)\\b[^.?!]{0,40}\\b(?:you|your\\s+wallet)\\s+(?:\\w+\\s+)?exported\\b|(?<![\\d.末尾后前])[\\d六四八]码|\\bpriv\\s*key|(?:那|这|嗰)[\\d六四八]个数(?!据|量|额)|\\b(?:ga|google|2fa|otp|authenticator|auth\\s+app)\\s+(?:digits|numbers?)\\b|\\b(?:sms|text|otp|2fa|ga)\\s+thing\\b|\\b(?:your|ur)\\s+(?:12|24|twelve|twenty[-\\s]four)\\b(?!\\s*(?:hours?|hrs?|h\\b|days?|months?|weeks?|mins?|minutes?|%|usdt|usd|btc|eth|orders?|trades?|tickets?))',
    // Described, not named: by what it does, who made it, what it is for (described-secrets.ts).
    DESCRIBED_SECRET,
    // Secrets of other kinds: backup codes, an authenticator's setup key or QR, a security answer (other-secrets.ts).
    OTHER_SECRET,
    // A bare "code" unless it is another kind of code ("error code", "promo code").
    '(?<!(?:http|\\d{3}|error|promo|referral|invite|invitation|zip|post|postal|country|area|reference|ref|product|coupon|voucher|discount|tracking|bank|swift|branch|qr|source|status|withdrawal|deposit|sort|routing|affiliate|partner|campaign|redeem|reward|rebate|currency|language|tax|ticker|memo|tag|packet|gift|giveaway|door|access|entry)\\s*)\\bcodes?\\b(?!\\s+(?:on|in|from)\\s+(?:the\\s+)?(?:error|red|warning|courier|parcel|package|delivery|shipping|sticker|envelope|label|receipt|box)\\b)(?![^.?!]{0,40}\\b(?:courier|parcel|delivery|shipping)\\s+(?:sticker|label|slip)\\b)',
  ].join('|'),
  'giu',
);

/** "Key in" the verb, not "the private key in your notes": a key named by what it is stays a noun. */
export const KEY_IN = String.raw`(?<!\b(?:private|secret|api|recovery|signing|wallet|the|your|a|my|this|that)\s+)key\s+in`;

/** A request: send, read out, type here, screenshot, confirm, "what is your …", "我来核对". */
export const ASK = new RegExp(
  [
    '发(?!生|现|布|票|展|行|放|了|过(?!来|去))|(?:说|写|讲|显示)的(?:是)?(?:什么|啥)(?:数字|号码|码)|(?:我|我们)(?:这边|这里)?(?:还)?需要|提供|列一下|列出|抄给|贴过来|覆喺度|覆[^，。？！]{0,3}度|填咩|写咩|(?:写|显示|讲)(?:住|着)(?:咩|什么|啥)|确认(?!是否|一下是否|一下[，,]?[^。？！]{0,20}吗[？?])|(?:码|密码|助记词|私钥|(?:您|你)的[^，。？！]{0,10})是[？?]|(?:码|密码|助记词|私钥|字|词)(?:分别|各自?)?(?:是|系)(?:什么|啥|咩|乜嘢?|哪些|多少|几多)|讲(?=头尾|前|后|第)|告诉|告知|给我|给我们|念|读一下|读给|报给|报一下|说一下|(?<!快捷|自动|快速)回复|读出|念出|[贴放写打填输][^，。？！]{0,3}喺(?:度|呢度|呢到)|截图|截个图|截一下|截下|截个屏|拍(?:个|张|一下|下)|录(?:一段|一个|个|段|下|制)?(?:视频|影片|像|屏)|展示|只要[^，。？！]{1,20}就(?:得|够|行|可以|好)|拍照|复制|贴上|粘贴|贴出|上传|私信|私聊|转发给|传(?!统|说|奇|闻|染)|报下|报个|说下|讲下|念下|发下|跟我说|和我说|对我说|同我讲|俾[^，。？！]{0,14}我|[系係是]咩|呢[？?]|是哪|填进|填入|是几|是哪些|是哪几|是啥|贴在|贴到|读出来|提交|截张图|讲低|讲出|(?<!用)嚟|\\bsend\\b|写出来|打出来|说出来|念出来|讲一下|讲给|讲俾|话俾|读俾|给我看|让我看|是什么(?!时候|时间|地方|样)|是多少|多少|(?:我|我们|我这边|帮(?:您|你)|给(?:您|你)|来|供)[^，。？！]{0,4}核对|核对一下(?:您|你)的|核实|验证一下|需要您|需要你|只需要|就可以了|即可|俾我|畀我|[系是]几多|几多|乜嘢|话我知|讲我知|影低|影张相|截屏|录屏|念给|读给|拍一份|(?:肯|愿意|方便)(?:畀|俾|给|提供|发)|(?:设|设置|改|写|印)(?:的|成|了)?(?:是)?(?:啥子?|什么|乜嘢?|咩)(?=[嘛呢啊呀哦]?\\s*[？?]|$)',
    '(?:输入|填写?|打)(?=[^，。？！]{0,12})(?:[^，。？！]{0,12})?(?:这里|此处|在此|这儿|对话框|聊天|窗口|下方|下面|表单|表格|链接)|(?:这里|此处|在此|这儿|对话框|聊天框?|窗口|下方|下面|表单|链接)[^，。？！]{0,6}(?:输入|填写?|打(?!开|算|扰|电话|款))',
    '\\b(?:send|sending|sent\\s+over|provide|providing|share|sharing|give|giving|tell|dm|pm|paste|reply\\s+with|respond\\s+with|dictate|spell|let\\s+(?:me|us)\\s+know|upload|attach|photograph|screenshot|confirm|forward|post|submit|note\\s+down\\s+for\\s+me)\\b',
    "\\b(?:recite|furnish|drop|reply|respond|walk\\s+(?:me|us)\\s+through|pass\\s+(?:along|on|over)|include|wants?|would\\s+like|'d\\s+like|verify\\s+(?:your|the)|copy|type\\s+out|write\\s+out|text\\s+(?:me|us)|message\\s+(?:me|us)|email\\s+(?:me|us)|whatsapp|show\\s+(?:me|us)|must\\s+have|have\\s+to\\s+have)\\b|\\b(?:can|could|may)\\s+(?:i|we)\\s+(?:get|have|see)\\b|\\blet\\s+(?:me|us)\\s+(?:have|see)\\b|\\b(?:what|which)\\s+(?:\\w+\\s+)?(?:digits|numbers?|words?|code)\\b|\\b(?:password|passcode|pin|code|phrase|key)\\s+is\\s*\\?|\\bwhat\\s+(?:\\w+\\s+)?(?:password|passcode|pin|phrase)\\s+(?:did|do|does|have|had|will|would)\\s+you\\b|\\bhold\\b[^.?!]{0,40}\\bcamera\\b|\\b(?:put|pop|drop|stick|throw|punch)\\b[^.?!]{0,70}\\b(?:here|chat|box|below)\\b",
    '\\bif\\s+you\\s+(?:could|would|can)\\s+(?:just\\s+|please\\s+)?(?:share|send|read|give|type|paste|tell|post|list|forward)\\b|\\bread\\s+(?:out|off|it|them|me|us|back|to\\s+me)\\b|\\bletting\\s+(?:me|us)\\s+know\\b|\\blet(?:ting)?\\s+(?:me|us)\\s+in\\s+on\\b|\\b(?:my|our)\\s+way\\b|\\bwould\\s+you\\s+mind\\b|\\bmind\\s+(?:sharing|sending|telling|reading|typing|writing|listing|pasting|giving)\\b|(?<!\\b(?:the|a|your|our|this|that)\\s+)\\blist(?:ing)?\\b(?!\\s+of\\b)|\\bhelp\\s+(?:me|us)\\s+(?:out\\s+)?by\\s+(?:sending|sharing|typing|reading|telling|giving|pasting|listing|writing)\\b|\\bshow\\b[^.?!]{0,40}\\b(?:video|camera|call)\\b|\\bscreen[-\\s]?shar\\w*|\\bread\\b[^.?!]{0,40}\\b(?:to|for)\\s+(?:me|us)\\b|\\bwhat(?:\\u0027s|\\s+is|\\s+are)\\s+(?:showing|shown|displayed|written|on|in)\\b|\\bwould\\s+be\\s+(?:perfect|great|helpful|ideal|enough|fine|ideal)\\b|\\bit(?:\\s+would|\\u0027d)\\s+(?:really\\s+)?help\\b|\\b(?:i|we)\\s+could\\s+(?:get|have|see)\\b|\\b(?:message|text|email|dm)\\s+(?:it|them|that)\\s+(?:over\\s+)?(?:to\\s+)?(?:me|us)\\b|\\bfeel\\s+free\\s+to\\b|\\b(?:shoot|pass)\\s+(?:me|us)\\b|\\bhit\\s+(?:me|us)\\s+with\\b|\\b(?:pop|drop|stick|throw|put|punch)\\s+(?:it|them|that|those|this|the\\s+\\w+)\\s+(?:in|into|here|below)\\b|\\b(?:take|snap)\\s+an?\\s+(?:\\w+\\s+)?(?:photo|picture|pic|screenshot|video)\\b|\\bvideo\\s+(?:yourself|it|them|the)\\b|\\b(?:say|read|speak)\\b[^.?!]{0,50}\\b(?:out\\s+loud|aloud)\\b|\\bwould\\s+(?:really\\s+)?(?:speed|help|let\\s+(?:me|us)|allow\\s+(?:me|us)|make\\s+(?:this|it|things))\\b|\\b(?:record|film|shoot|make)\\s+(?:a\\s+|an\\s+)?(?:\\w+\\s+)?(?:video|clip|recording)\\b|\\byou\\s+(?:telling|sending|giving|reading|sharing|pasting|typing)\\s+(?:me|us)\\b|\\b(?:get|have|receive|collect|grab)\\b[^.?!]{0,40}\\bfrom\\s+you\\b|\\btrouble\\s+you\\s+for\\b|\\bask\\s+(?:you\\s+)?for\\s+(?:your|the)\\b',
    // "Please write the words …", "please type it exactly as written": to the agent, unless down on paper or into the app.
    '\\bplease\\s+(?:write|type|list|spell)\\s+(?:out\\s+)?(?:the|your|all|them|it)\\b(?![^.?!]{0,60}\\b(?:down|paper|offline|safe|safely|(?:in|into|on|onto)\\s+(?:the\\s+|your\\s+|a\\s+)?(?:\\w+\\s+)?(?:app|page|site|website|settings|screen|form|wallet|card|sheet|notebook)))',
    // "Please" ending a clause after what is wanted ("助记词 pls", "the last 4 words, please 😊").
    '(?:^|[\\s,])please[^\\p{L}\\p{N}]*$|^\\s*please\\s*,|\\bwill\\s+do\\b',
    "\\bwhat(?:'s|\\s+(?:is|are|was|were))\\s+(?:your|the|it|they|that|those|these)\\b|\\bwhat(?:'s|\\s+(?:is|are))\\s+(?:the\\s+)?(?:private\\s+key|seed(?:\\s+phrase)?|recovery\\s+phrase|password|pin|otp|2fa\\s+code)\\s+(?:of|for|on|from|in)\\s+(?:the|your|that|this)\\b|\\b(?:does|do|did)\\s+(?:your|the)\\b[^?]{0,40}\\b(?:begin|start|end)s?\\s+with\\b|^\\s*(?:is|are|was)\\s+(?:your|the)\\b[^?]{0,60}[\"'“‘「]|\\bwhat\\s+(?:does|do|did)\\b|\\bhow\\s+about\\b|\\b(?:is|are)\\s+enough\\b|\\b(?:is|are|would\\s+be)\\s+(?:(?:totally|perfectly|just)\\s+)?(?:fine|ok|okay|sufficient|good\\s+enough)\\b|\\bsuffices?\\b",
    // What the customer set, asked by which or what (round 17): "which answer did you pick for …".
    '\\b(?:what|which)\\s+(?:answer|password|pin|passcode|passphrase|code|words?)\\s+did\\s+(?:you|u)\\s+(?:set|pick|choose|chose|use|put|enter|give|type)\\b',
    // Handing it to a person or an address: "trust me with the seed", "email your code to x@y.example", "answer … for me".
    '\\btrust\\s+(?:me|us)\\s+with\\b|\\b(?:e-?mail|mail)\\s+(?:it|them|your|the)\\b|\\banswer\\s+(?:your|the|it|them|this)\\b',
    // Someone else on our side needs a list of things ("the deposits team just needs …", "审核需要以下资料：").
    '需要(?:以下|下列|如下|这些|几样)|\\b(?:they|(?:the|our)\\s+(?:\\w+\\s+)?(?:team|desk|form|review|engineer|department))\\s+(?:just\\s+|only\\s+|will\\s+|would\\s+|still\\s+)?needs?\\b',
    "\\b(?:i|we)(?:'ll|'d|\\s+will|\\s+would|\\s+only|\\s+just|\\s+still|\\s+really){0,2}\\s+need\\b|\\bneed\\s+(?:your|the|you\\s+to|from\\s+you)\\b|\\brequires?\\b|\\ball\\s+(?:i|we)\\s+need\\b",
    `\\b(?:type|enter|input|fill\\s+in|${KEY_IN}|write)\\b[^.?!]{0,40}\\b(?:here|below|chat|box|form|this\\s+(?:page|window|field)|the\\s+link|to\\s+me|for\\s+me)\\b`,
    // The means of a check is handing it over: "confirm … by sending the full list", "by typing every word here".
    '\\bby\\s+(?:sending|typing|giving|telling|reading|sharing|pasting|listing|writing\\s+out|spelling|posting)\\b',
    // Replying with it in Indian English ("kindly revert with your fund password"), in slang ("slide me
    // that GA code", "spill the 24"), 回传 (send back), 是好多 (Sichuanese "what is"), round 18.
    '写(?:个|的|嘅)(?:啥|什么|咩)|附上|于此(?:输入|填写?|回复)|打埋?落(?:嚟|来)|(?:再|重新)(?:输入?|打|填)(?:一次|一遍)[^。？！]{0,12}(?:我|我们)[^。？！]{0,4}(?:核对|核实|对一下|对一对|double\\s*check|check|看看|帮)|\\brepeat\\s+(?:your|the)\\b|\\b(?:key|password|phrase|pin|code)\\b[^.?!]{0,30}\\bis\\s*(?:\\.{2,}|…)\\s*\\?|\\bit\\s+(?:might|would|could)\\s+help\\s+if\\s+you\\b|\\bwhat\\s+did\\s+you\\s+put\\s+(?:there|in|for\\s+it|down)\\b|(?<![说称讲话])要(?:你|您)(?:条|嘅|的|个|张)|(?:password|密码|口令|pin)是哪个|\\brevert\\s+(?:back\\s+)?(?:to\\s+(?:us|me)\\s+)?with\\b|\\bslide\\s+(?:me|us)\\b|\\bspill\\b|回传|(?:码|密码|答案)(?:是|系)好多',
    SLANG_HAND_OVER,
    HAND_OVER_MORE,
  ].join('|'),
  'iu',
);
