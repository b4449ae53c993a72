import {
  ANAPHORIC,
  CIRCUMSTANCE,
  NEGATION,
  OWN_WALLET,
  POINTS_TO_LINK,
  PURPOSE,
  SAYS_RISK,
  WE_SEND,
} from './ask-cues.ts';
import { DESCRIBED_SECRET } from './described-secrets.ts';
import type { Finding } from './findings.ts';
import { withoutReportedQuotes } from './reported-speech.ts';
import { simplifiedSameLength } from './simplified.ts';

/**
 * An agent's message that asks the customer for a secret: in one sentence, a secret (named —
 * "助记词", "seed phrase", "the code we sent", "words 1, 5 and 9", "6位数字" — or referred back to:
 * "We sent a code. Tell me what it is.") and a request to send, read out, type here, screenshot,
 * confirm or hand it over, in a clause that is not negated. Advice ("we will never ask for your
 * seed phrase", "请不要在对话里发送密码", "不需要提供验证码，请提供UID") negates its own clause only,
 * so an advice clause next to a real ask does not excuse it. Chinese is read in Simplified.
 */

/** Things nobody may be asked for. */
const SECRET = new RegExp(
  [
    // Chinese (Simplified; Traditional is converted before matching).
    '助记词|记忆词|私钥|密钥|秘钥|keystore|密码|口令|验证码|校验码|动态码|安全码|谷歌验证|恢复短语|恢复词|种子短语|种子词|备份(?:卡|短语|单词|单字)|恢复卡|助记卡|(?:短信|邮件|邮箱|手机|登录|确认|认证|授权|二次)码|验证[^，。？！]{0,4}?(?<!号)码|验证(?:信息|短信|邮件|简讯)|(?:短信|简讯|邮件)(?:里面|里|中)?的?(?:内容|原文|全文)|备份的那张(?:纸|卡)|(?:纸|卡片?)上面?(?:写|记|抄)(?:的|着)',
    // A code the platform sent the customer, named by how it came: "系统给您发了个码", "发到您手机的数字".
    '(?:给|向|到)(?:您|你)[^，。？！]{0,8}发[^，。？！]{0,6}?(?<!号)(?:码|数字)|发(?:到|给)(?:您|你)[^，。？！]{0,8}?(?<!号)(?:码|数字)',
    '(?:那|这)(?:几|些)个?(?:单)?词|纸上的[^，。？！]{0,8}(?:单)?词|恢复的[^，。？！]{0,6}词',
    // A phrase's count of characters (十二个字); wallet words; words written down somewhere ("记在本子上的…单词"); what a wallet's export shows.
    '(?:十二|十五|十八|二十四|12|15|18|24)个(?:英文)?(?:单)?字(?![节符])|钱包的?(?:单词|单字|英文词)|(?:抄|写|记)在[^，。？！]{0,8}(?:上|里)[^，。？！]{0,12}的[^，。？！]{0,6}(?:单词|单字|词|字|内容|东西)|离线(?:保存|保管|存放|备份)的|导出[^，。？！]{0,12}(?:一长串|那串|长串|字符串|长字符|内容|文件)',
    '(?:短信|简讯|邮件|邮箱|验证器)[^。？！]{0,12}数字|(?:短信|简讯|邮件|邮箱|验证器|手机)(?:里面|里|上面|上|中|入面|内)?(?:收到|显示)?[的嘅]?(?:那个|这个|那串|嗰个)?代?(?<!号)码|(?:二次|双重|两步|动态|谷歌)验证[^，。？！]{0,4}数字|(?:那|这|嗰)(?:封|条)[^，。？！]{0,6}?(?:里面|里|中|入面|内)[的嘅]?代?码|(?:抄|记|写|备份|保存|显示|收到)[^，。？！]{0,6}(?:单词|单字|词|数字|(?<!代)码)|(?:那|这|一)(?:串|组|几个|几位|些)[^，。？！]{0,4}(?:数字|单词|单字|词|码|字符|字母)|(?:短信|简讯|邮件|验证器)(?:里面|里|上面|上|中)的?号码|验证器的?(?:画面|界面|页面|截图|上的|里的|显示)|英文单[词字]|[\\d六四八]位码|(?:前|后|最后|第)?\\s*[\\d一二三四五六七八九十两]+\\s*个(?:单)?词|(?:前|头|后|最后)[\\d一二三四五六七八九十两]+个(?:单)?字|[\\d一二三四五六七八九十]+位数(?:字|的?验证码)?|(?:显示|收到)的数字|(?:邮件|短信|简讯)里?的[\\d一二三四五六七八九十]*位?数字',
    // English.
    '\\bseed(?:\\s*(?:phrase|words?))?\\b|\\b(?:string|key|characters)\\b[^.?!]{0,20}\\b(?:starts?|starting|begins?|beginning)\\s+with\\s+["“\u0027]?(?:5[hjk]|[kl]|xprv)\\b|(?:5[HJK]|[KL]|xprv)\\s*开头的|\\bsecret\\b[^.?!]{0,25}\\bapi(?:\\s+key)?\\b|\\b(?:backup|recovery|wallet)\\b[^.?!]{0,25}\\bwords\\b|\\brecovery\\s*(?:phrase|words?|key|sentence|sheet|card)|\\bbackup\\s*(?:phrase|words?|card|sheet)|\\bwords\\s+(?:from|on|in)\\s+(?:your|the)\\b|\\bmnemonic|\\bsecret\\s*(?:phrase|words?|key|recovery)|\\bapi[\\s_-]*secret\\b',
    // What the customer exported from a wallet, or signs in with, named without its name.
    '\\b(?:key|string|file|secret)\\s+(?:that\\s+)?(?:you|your\\s+wallet|the\\s+wallet|it)\\s+exported\\b|\\bexported\\s+(?:(?:the|your|that)\\s+)?(?:key|string|file|secret)\\b|\\b(?:what(?:ever)?|thing|one|code|digits|numbers?)\\s+(?:that\\s+)?(?:do\\s+)?you(?:\\u0027d|\\s+would)?\\s+(?:use|type|enter|put\\s+in)\\s+(?:to|for|when(?:\\s+you)?)\\s+(?:log|sign|get\\s+in|access|open|unlock|withdraw|pay|transfer|approve|restore|recover)',
    // What the customer types next to their login name, or the value an API page shows once or labels secret.
    '\\b(?:thing|one|what|whatever)\\s+(?:that\\s+)?(?:do\\s+)?you\\s+(?:type|enter|put\\s+in|use)\\s+(?:(?:right|just|directly)\\s+)?(?:after|with|next\\s+to|below|under|along\\s+with)\\s+your\\s+(?:email|e-mail|username|user\\s*name|login|phone(?:\\s+number)?|account)\\b|\\b(?:string|value|key|text|characters)\\b[^.?!]{0,40}\\b(?:appears?|shown|shows?|displayed|visible)\\s+(?:only\\s+)?once\\b|\\b(?:string|value|field|text|characters|key)\\b[^.?!]{0,30}\\b(?:under|labell?ed|called|named|marked|next\\s+to|beside)\\s+["“\u0027]?(?:api\\s+)?(?:secret|private)\\b|\\bwhat\\s+(?:does|did|do)\\s+(?:the|your|our|that)\\s+(?:sms|texts?(?:\\s+message)?)\\b[^.?!]{0,30}\\bsay\\b|\\bwhat\\s+(?:(?:does|did|do)\\s+)?(?:the|your|our|that)\\s+(?:message|email|e-mail|mail|notification|texts?|sms)\\b[^.?!]{0,25}?\\b(?:from|we\\s+sent|you\\s+(?:just\\s+)?(?:got|received))\\b[^.?!]{0,30}\\bsays?\\b',
    // Digits our side sent, named by who sent them; the paper from when the wallet was made; what a message contains.
    '\\b(?:digits|numbers?|code)\\s+(?:that\\s+|which\\s+)?(?:our\\s+(?:\\w+\\s+)?(?:system|platform|app|team|server|bot)|the\\s+(?:system|platform|app|exchange))\\s+(?:just\\s+)?(?:sent|texted|emailed|pushed)\\b|\\b(?:slip|sheet|paper|card|note|notebook|booklet)\\b[^.?!]{0,40}\\b(?:made|created|set\\s+up|setting\\s+up|generated|opened|creating|making)\\s+(?:the|your|a)\\s+wallet\\b|\\b(?:digits|numbers?|code|characters)\\s+(?:did|does|do)\\s+(?:the|our|that|your)\\s+(?:email|sms|text|message)\\s+(?:contain|have|show|say|include)|\\bthe\\s+(?:combination|digits|numbers?|characters|code)\\s+(?:that\\s+)?(?:it|they|the\\s+(?:email|sms|text|message))\\s+(?:contains?|has|have|shows?|gives?|includes?)\\b',
    // What shows only once, or changes every few seconds; the number an app or a message shows; what
    // the customer wrote down when the wallet was made; what appears after tapping Export.
    '\\b(?:changes?|changing|refresh(?:es)?|rotates?)\\s+every\\s+(?:\\d+|thirty|sixty)\\s*(?:seconds?|secs?|s)\\b|\\b(?:number|digits|code|string|characters)\\s+(?:that\\s+)?(?:the|your|our)\\s+(?:app|authenticator|screen|phone|sms|text|email|message)\\s+(?:shows|displays|gives|has)\\b|\\b(?:number|digits|code|characters)\\s+(?:in|from)\\s+our\\s+(?:text|sms|email|e-mail|message)|\\bwhat(?:ever)?\\s+(?:did\\s+)?you\\s+(?:wrote|noted|copied|jotted|write|note|copy|jot)\\s+(?:down\\s+)?(?:on|in|during|when|while|at|after)\\b|\\b(?:paper|slip|sheet|card|note)\\b[^.?!]{0,40}\\b(?:keep|kept|store|stored|save|saved)\\s+(?:it\\s+)?(?:offline|safe)|\\b(?:after|when|once)\\s+(?:you\\s+)?(?:tap|tapping|click|clicking|press|pressing|hit|hitting|select|selecting|choose|choosing)\\s+(?:on\\s+)?["“\u0027]?(?:export|show\\s+private|reveal|back\\s*up)',
    '只(?:显示|出现|给(?:您|你)?看)(?:过)?一次的|每(?:\\d+|三十|六十)秒(?:就)?(?:变|换|刷新|更新)|(?:点|按)[“"「]?(?:导出|显示私钥|备份)',
    "\\bprivate\\s*key|\\bx(?:prv|priv)\\b|\\bextended\\s+private\\b|\\bwallet(?:'s)?\\s+(?:\\d+|twelve|twenty[-\\s]four)\\s+words|\\b(?:\\d+|twelve|fifteen|eighteen|twenty[-\\s]four)[-\\s]words?\\b",
    '\\b(?:\\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last|final)\\s+(?:\\w+\\s+)?word\\b|\\b(?:first|last|remaining|next|other|missing|full)\\s+(?:\\w+\\s+)?words\\b|\\bwords\\s+\\d+(?:\\s*(?:,|and|&)\\s*\\d+)*|\\bwords\\s+of\\s+your\\b|\\byour\\s+phrase\\b',
    '\\bpass(?:word|code|phrase)s?\\b|\\bpin\\b|\\b2fa\\b|two[-\\s]factor|authenticator|\\bgoogle\\s+auth\\b|\\bauth\\s+app\\b|\\bcredentials\\b|\\blog[-\\s]?in\\s+(?:details|info)|\\bwallet\\s+words\\b|\\bkey\\s+phrase\\b|\\bwallet(?:\\u0027s)?\\s+(?:key|export)\\b|\\bkey\\s+(?:from|of)\\s+(?:your|the)\\s+wallet\\b|\\bverification\\s+(?:email|sms|text|message|digits|numbers?)\\b|\\b(?:security|login|sms|auth)\\s+(?:digits|numbers?)\\b|one[-\\s]time\\s*(?:code|password|passcode)|\\botp\\b',
    '\\b(?:verification|security|sms|email|login|sign[-\\s]?in|auth(?:entication)?|confirmation)\\s*code|\\b(?:sms|text(?:\\s+message)?)\\s+(?:arrives|comes\\s+(?:in|through)|you\\s+(?:just\\s+)?(?:got|received))',
    '\\b(?:\\d|four|six|eight)\\s+digits\\b|\\b(?:words|numbers?|digits|code)\\s+(?:that\\s+)?(?:did\\s+|do\\s+|have\\s+)?(?:you|we)\\s+(?:just\\s+|first\\s+)?(?:write|wrote|written|note|noted|save|saved|copy|copied|back|backed|get|got|receive|received|see|saw|keep|kept)\\b|\\b(?:words|numbers|digits)\\b[^.?!]{0,30}\\b(?:you|we)\\s+(?:just\\s+|first\\s+)?(?:wrote|written|noted|saved|copied|backed|kept)\\b|\\b(?:numbers?|code|digits)\\s+(?:that\\s+|which\\s+)?(?:just\\s+)?(?:pop(?:s|ped)?\\s+up|show(?:s|ed)?\\s+up|appear(?:s|ed)?)|\\bwhat\\s+(?:the|your)\\s+(?:sms|text(?:\\s+message)?|email|authenticator|app)\\s+(?:says|shows|displays)|\\b(?:digits|numbers?|code)\\s+(?:that\\s+|which\\s+)?(?:we|i)\\s+(?:just\\s+)?(?:sent|texted|emailed)|\\b(?:a\\s+)?(?:text|sms|email)\\s+(?:message\\s+)?(?:from\\s+us|we\\s+(?:just\\s+)?sent)|\\b\\d[-\\s]digit\\s+(?:number|code)|\\b(?:four|six|eight)[-\\s]digit\\s+(?:number|code)',
    '\\b(?:numbers?|digits)\\s+(?:that\\s+|which\\s+)?(?:our|the|your|this)\\s+(?:sms|text|email|message|authenticator|app)\\b|\\b(?:numbers?|digits)\\s+(?:that\\s+|which\\s+)?(?:just\\s+|you\\s+)?(?:arrived|came|received|got|showing|shown|displayed|(?:in|on|from)\\s+(?:the\\s+|your\\s+)?(?:google\\s+)?(?:authenticator|text|sms|email|message|app|phone))',
    // A secret described, not named: numbers on a screen, a phone or an authenticator, rotating or
    // just arrived; what the customer types at login or into the second box; the words written down
    // or on a card; whatever our message said ("the six digits on your screen", "认证器上正在跳动的数字",
    // "您登录时第二个框里填的", "创建钱包时让您抄下来的那些词", "whatever just landed in your inbox from us").
    '\\b(?:digits|numbers)\\b[^.?!]{0,25}\\b(?:screen|phone|authenticator|auth\\s+app|google\\s+app|rotating|changing|flashing|blinking|ticking|refresh\\w*)\\b|\\b(?:rotating|changing|refreshing)\\s+(?:\\w+\\s+)?(?:digits|numbers|code)\\b|\\bwhat\\s+you(?:\\u0027d|\\s+would)?\\s+(?:type|typed|enter|entered|put|use|used)\\b[^.?!]{0,40}\\b(?:log[-\\s]?in|sign[-\\s]?in|unlock)\\b|\\b(?:second|2nd|password)\\s+(?:field|box)\\b|\\bcombination\\s+(?:\\w+\\s+){0,3}(?:unlock|log|sign|open)|\\bcard\\b[^.?!]{0,40}\\bwords\\b|\\bwords\\s+on\\s+it\\b|\\b(?:landed|arrived|came)\\s+in\\s+your\\s+(?:inbox|email|phone)|\\bthe\\s+other\\s+bit\\b',
    '(?:跳动|跳|刷新|变化|变动|滚动)[^，。？！]{0,4}(?:的|嘅)?(?:数字|号码|码)|(?:屏幕|手机|电话|认证器|验证器)(?:上面?|里面?|度)(?:嗰|的|那)?[^，。？！]{0,4}(?:数字|号码)|(?:登录|登入|解锁|提现|提币|转账|支付|付款|出金|交易)(?:时|的时候|嗰阵)[^，。？！]{0,10}(?:填|输|打|写)|第[二三2-3](?:个|格)(?:框)?[^，。？！]{0,4}(?:填|输|写)|(?:抄|写|记)(?:下来|低|下)?[的嘅]?(?:那些|嗰啲|那张|嗰张)?(?:词|字|东西|内容|纸|卡)|钱包备份|(?:那|这)条短信|短信(?:内容|全文|原文)',
    // Described, not named: by what it does, who made it, what it is for (described-secrets.ts).
    DESCRIBED_SECRET,
    // A bare "code" unless it is another kind of code ("error code", "promo code").
    '(?<!(?:error|promo|referral|invite|invitation|zip|post|postal|country|area|reference|ref|product|coupon|voucher|discount|tracking|bank|swift|branch|qr|source|status|withdrawal|deposit|sort|routing|affiliate|partner|campaign|redeem|reward|rebate|currency|language|tax|ticker|memo|tag)\\s*)\\bcodes?\\b',
  ].join('|'),
  'giu',
);

/** A request: send, read out, type here, screenshot, confirm, "what is your …", "我来核对". */
const ASK = new RegExp(
  [
    '发(?!生|现|布|票|展|行|放|了|过(?!来|去))|提供|列一下|列出|抄给|贴过来|覆喺度|覆[^，。？！]{0,3}度|填咩|写咩|确认(?!是否|一下是否)|告诉|告知|给我|给我们|念|读一下|读给|报给|报一下|说一下|回复|读出|念出|[贴放写打填输][^，。？！]{0,3}喺(?:度|呢度|呢到)|截图|截个图|截一下|截下|截个屏|拍(?:个|张|一下|下)|录(?:一段|一个|个|段|下|制)?(?:视频|影片|像|屏)|展示|只要[^，。？！]{1,20}就(?:得|够|行|可以|好)|拍照|复制|贴上|粘贴|贴出|上传|私信|私聊|转发给|传(?!统|说|奇|闻|染)|报下|报个|说下|讲下|念下|发下|跟我说|和我说|对我说|同我讲|俾[^，。？！]{0,8}我|[系係是]咩|呢[？?]|是哪|填进|填入|是几|是哪些|是哪几|是啥|贴在|贴到|读出来|提交|截张图|讲低|讲出|嚟|\\bsend\\b|写出来|打出来|说出来|念出来|讲一下|讲给|讲俾|话俾|读俾|给我看|让我看|是什么(?!时候|时间|地方|样)|是多少|多少|核对|核实|验证一下|需要您|需要你|只需要|就可以了|即可|俾我|畀我|[系是]几多|几多|乜嘢|话我知|讲我知|影低|影张相|截屏|录屏|念给|读给',
    '(?:输入|填写?|打)(?=[^，。？！]{0,12})(?:[^，。？！]{0,12})?(?:这里|此处|在此|这儿|对话框|聊天|窗口|下方|下面|表单|表格|链接)|(?:这里|此处|在此|这儿|对话框|聊天框?|窗口|下方|下面|表单|链接)[^，。？！]{0,6}(?:输入|填写?|打(?!开|算|扰|电话|款))',
    '\\b(?:send|sending|sent\\s+over|provide|providing|share|sharing|give|giving|tell|dm|pm|paste|reply\\s+with|respond\\s+with|dictate|spell|let\\s+(?:me|us)\\s+know|upload|attach|photograph|screenshot|confirm|forward|post|submit|note\\s+down\\s+for\\s+me)\\b',
    "\\b(?:recite|furnish|drop|reply|respond|walk\\s+(?:me|us)\\s+through|pass\\s+(?:along|on|over)|include|wants?|would\\s+like|'d\\s+like|verify\\s+(?:your|the)|copy|type\\s+out|write\\s+out|text\\s+(?:me|us)|message\\s+(?:me|us)|email\\s+(?:me|us)|whatsapp|show\\s+(?:me|us)|must\\s+have|have\\s+to\\s+have)\\b|\\b(?:can|could|may)\\s+(?:i|we)\\s+(?:get|have|see)\\b|\\blet\\s+(?:me|us)\\s+(?:have|see)\\b|\\b(?:what|which)\\s+(?:\\w+\\s+)?(?:digits|numbers?|words|code)\\b|\\bwhat\\s+(?:\\w+\\s+)?(?:password|passcode|pin|phrase)\\s+(?:did|do|does|have|had|will|would)\\s+you\\b|\\bhold\\b[^.?!]{0,40}\\bcamera\\b|\\b(?:put|pop|drop|stick|throw|punch)\\b[^.?!]{0,70}\\b(?:here|chat|box|below)\\b",
    '\\bif\\s+you\\s+(?:could|would|can)\\s+(?:just\\s+|please\\s+)?(?:share|send|read|give|type|paste|tell|post|list|forward)\\b|\\bread\\s+(?:out|off|it|them|me|us|back|to\\s+me)\\b|\\bletting\\s+(?:me|us)\\s+know\\b|\\blet(?:ting)?\\s+(?:me|us)\\s+in\\s+on\\b|\\b(?:my|our)\\s+way\\b|\\bwould\\s+you\\s+mind\\b|\\bmind\\s+(?:sharing|sending|telling|reading|typing|writing|listing|pasting|giving)\\b|(?<!\\b(?:the|a|your|our|this|that)\\s+)\\blist(?:ing)?\\b(?!\\s+of\\b)|\\bhelp\\s+(?:me|us)\\s+(?:out\\s+)?by\\s+(?:sending|sharing|typing|reading|telling|giving|pasting|listing|writing)\\b|\\bshow\\b[^.?!]{0,40}\\b(?:video|camera|call)\\b|\\bscreen[-\\s]?shar\\w*|\\bread\\b[^.?!]{0,40}\\b(?:to|for)\\s+(?:me|us)\\b|\\bwhat(?:\\u0027s|\\s+is|\\s+are)\\s+(?:showing|shown|displayed|written|on|in)\\b|\\bwould\\s+be\\s+(?:perfect|great|helpful|ideal|enough|fine|ideal)\\b|\\bit(?:\\s+would|\\u0027d)\\s+(?:really\\s+)?help\\b|\\b(?:i|we)\\s+could\\s+(?:get|have|see)\\b|\\b(?:message|text|email|dm)\\s+(?:it|them|that)\\s+(?:over\\s+)?(?:to\\s+)?(?:me|us)\\b|\\bfeel\\s+free\\s+to\\b|\\b(?:shoot|pass)\\s+(?:me|us)\\b|\\bhit\\s+(?:me|us)\\s+with\\b|\\b(?:pop|drop|stick|throw|put|punch)\\s+(?:it|them|that|those|this|the\\s+\\w+)\\s+(?:in|into|here|below)\\b|\\b(?:take|snap)\\s+an?\\s+(?:\\w+\\s+)?(?:photo|picture|pic|screenshot|video)\\b|\\bvideo\\s+(?:yourself|it|them|the)\\b|\\b(?:say|read|speak)\\b[^.?!]{0,50}\\b(?:out\\s+loud|aloud)\\b|\\bwould\\s+(?:really\\s+)?(?:speed|help|let\\s+(?:me|us)|allow\\s+(?:me|us)|make\\s+(?:this|it|things))\\b|\\b(?:record|film|shoot|make)\\s+(?:a\\s+|an\\s+)?(?:\\w+\\s+)?(?:video|clip|recording)\\b|\\byou\\s+(?:telling|sending|giving|reading|sharing|pasting|typing)\\s+(?:me|us)\\b|\\b(?:get|have|receive|collect|grab)\\b[^.?!]{0,40}\\bfrom\\s+you\\b|\\btrouble\\s+you\\s+for\\b|\\bask\\s+(?:you\\s+)?for\\s+(?:your|the)\\b',
    // "Please write the words …", "please type it exactly as written": to the agent, unless down on paper or into the app.
    '\\bplease\\s+(?:write|type|list|spell)\\s+(?:out\\s+)?(?:the|your|all|them|it)\\b(?![^.?!]{0,60}\\b(?:down|paper|offline|safe|safely|(?:in|into|on|onto)\\s+(?:the\\s+|your\\s+|a\\s+)?(?:\\w+\\s+)?(?:app|page|site|website|settings|screen|form|wallet|card|sheet|notebook)))',
    // "Please" ending a clause after what is wanted ("助记词 pls", "the last 4 words, please 😊").
    '(?:^|[\\s,])please[^\\p{L}\\p{N}]*$|^\\s*please\\s*,|\\bwill\\s+do\\b',
    "\\bwhat(?:'s|\\s+(?:is|are|was|were))\\s+(?:your|the|it|they|that|those|these)\\b|\\b(?:does|do|did)\\s+(?:your|the)\\b[^?]{0,40}\\b(?:begin|start|end)s?\\s+with\\b|^\\s*(?:is|are|was)\\s+(?:your|the)\\b[^?]{0,60}[\"'“‘「]|\\bwhat\\s+(?:does|do|did)\\b|\\bhow\\s+about\\b|\\b(?:is|are)\\s+enough\\b|\\b(?:is|are|would\\s+be)\\s+(?:(?:totally|perfectly|just)\\s+)?(?:fine|ok|okay|sufficient|good\\s+enough)\\b|\\bsuffices?\\b",
    "\\b(?:i|we)(?:'ll|'d|\\s+will|\\s+would|\\s+only|\\s+just|\\s+still|\\s+really){0,2}\\s+need\\b|\\bneed\\s+(?:your|the|you\\s+to|from\\s+you)\\b|\\brequires?\\b|\\ball\\s+(?:i|we)\\s+need\\b",
    '\\b(?:type|enter|input|fill\\s+in|write)\\b[^.?!]{0,40}\\b(?:here|below|chat|box|form|this\\s+(?:page|window|field)|the\\s+link|to\\s+me|for\\s+me)\\b',
  ].join('|'),
  'iu',
);

/** The secret handed to someone, whatever else is said about it ("需要您的交易密码才能找回"). */
const HAND_OVER =
  /发我|发给我|发过来|\b(?:message|text|email|dm|forward)\s+(?:it|them|that)\s+(?:over\s+)?(?:to\s+)?(?:me|us)\b|(?:粘)?贴(?:过来|给我)|\b(?:(?:could|would|can)\s+you|you\s+(?:could|would|can))\s+(?:please\s+|kindly\s+|just\s+)?(?:provide|send|share|give|tell|read)\s+(?:(?:me|us)\s+)?(?:the|your)\s+(?:\w+[-\s]+){0,2}?(?:code|password|passcode|pin|phrase|words|key|digits)\b|告诉我(?!是否)|私信我|私聊我|给我|念一下|报给我|需要您的|需要你的|只需要|是什么|是多少|send\s+(?:it\s+|them\s+)?(?:to\s+)?(?:me|us)\b|\b(?:hit\s+(?:me|us)\s+with|shoot\s+(?:me|us)|pass\s+(?:me|us))\b|\bdm\s+me\b|tell\s+me\b|give\s+(?:me|us)\b|share\s+(?:it\s+|them\s+)?with\s+(?:me|us)|paste\s+(?:it\s+)?here|type\s+(?:it\s+)?here|reply\s+with|read\s+(?:it\s+)?(?:out|to\s+me)|read\s+(?:it\s+|them\s+)?(?:me|us)\b|let\s+(?:me|us)\s+know|what(?:'s|\s+is|\s+are)\s+(?:your|the)\b|\b(?:i|we)\s+(?:\w+\s+)?need\s+(?:your|the)\b/i;

/** Secrets nobody may ever be asked to hand over or show: no other words excuse asking for them. */
const NEVER_LEGIT =
  /助记词|记忆词|私钥|keystore|seed|recovery\s*(?:phrase|words?|key|sheet|card)|backup\s*(?:phrase|words?|card|sheet)|mnemonic|secret\s*(?:phrase|key|words?)|private\s*key|恢复短语|恢复词|种子/i;

/** Words that make the secret the subject of an instruction, not the thing asked for ("reset your 2FA"). */
const MANAGE =
  /reset|change|update|enable|disable|turn\s+on|turn\s+off|unbind|\bbind|recover(?!y)|access|error|page|link|used\s+for|linked|bound|expire|(?<!\b(?:that|which|just)\s+)arriv|重置|修改|更改|开启|关闭|绑定|解绑|找回|设置(?!的)|报错|页面|错误|过期|收不到|没收到|不到|not\s+(?:arriv|receiv|com)|didn'?t\s+(?:arriv|get|receive|come)/i;
/** A new secret being set: the secret's own name is part of these words ("the new password"). */
const SETS_NEW = /\bnew\s+(?:password|pin|passcode)|新的?密码/i;
const NEAR = 16;

/** A request with its own, harmless object: a page, a record, an order number. */
const OWN_OBJECT =
  /错误代码|错误码|页面|界面|记录|订单|编号|单号|uid|txid|哈希|地址|金额|时间|设置(?!的)|收据|凭证|工单|手机号|电话号码|卡号|身份证|银行卡|\b(?:(?:phone|mobile|card|id|account)\s+number|(?:bank|debit|credit)\s+card|(?<!(?:recovery|backup|seed|mnemonic)\s+)card|page|screen(?!shot)|record|history|uid|txid|hash|address|amount|order|error|settings?|receipt|invoice|reference|ticket)\b/i;

const OWN_OBJECTS = new RegExp(OWN_OBJECT.source, 'gi');

/**
 * An object that carries the secret, or that the secret belongs to: "the page that shows your
 * private key", "显示助记词的页面", "充值地址对应的私钥", "the key behind your deposit address".
 */
const CARRIES =
  /\b(?:shows?|showing|displays?|displaying|with|containing|contains|has|of\s+(?:your|the)|behind|controlling|controls|belonging\s+to|corresponding\s+to)\b|^\s*(?:'s|’s)\s|^\s*(?:对应|所属|背后)?[的嘅之]\s*$|显示|带有|含有|上面?的|对应的|所属的|背后的/i;

/** The object is the place the secret shows: "a picture of the screen where the API secret is shown". */
const WHERE_SHOWN = /^\s*where\b[^.?!]{0,40}\b(?:shown|displayed|visible|appears?|written|listed)\b/i;

/** A secret named only by its shape ("六位数字", "the 6 digits"): another object may own that shape. */
const SHAPE_ONLY = /^[^码密词字键]*(?:数字|位数)[^码密词]*$|^(?:\w+[-\s]+)*(?:digits?|numbers?)(?:\s+\w+)*$/i;

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

/** The words after a shape that say where it shows: "(the six digits) on your screen", "(六位数字)在手机上". */
const SHOWN_AT =
  /^\s*(?:\w+\s+)?(?:on|in|from)\s+(?:the\s+|your\s+)?(?:\w+\s+)?(?:screen|phone|authenticator|app)\b(?!\s*(?:number|no\b|#))|^[^，。]{0,4}(?:屏幕|手机|认证器|验证器)(?:上|里)/i;
/** Digits described by the screen or device they show on: the secret itself, not another object's number. */
const DESCRIBED_BY_PLACE = /screen|phone|authenticator|rotat|chang|refresh|屏幕|手机|电话|认证器|验证器|跳/i;

/** The customer's own earlier act, reported, not requested: "您刚才发了验证码", "you already sent it". */
const CUSTOMER_DID =
  /(?:您|你)(?:之前|刚才|刚刚|已经|先前|以前|已)[^，。？！]{0,3}(?:发|提供|发送|贴|粘贴|告诉)(?:了|过|在|到|的)?|(?:您|你)(?:发|发送|贴|提供)(?:的|嘅|咗嘅)|\byou\s+(?:already\s+|just\s+|have\s+|had\s+)*(?:sent|shared|posted|pasted|gave|typed|entered)\b/gi;

/** The agent will act with what is typed ("我这边帮您下单", "so I can reset it for you"): typing it is handing it over. */
const AGENT_ACTS =
  /我这边|我这里|我们这边|我来|我帮您|我帮你|我们帮您|我们帮你|帮您(?:下单|操作|处理|提交|解锁)|\bon\s+(?:my|our)\s+(?:end|side)\b|\b(?:i|we)(?:'ll|\s+will|\s+can)\s+(?:\w+\s+)?(?:do|handle|finish|complete|place|process|push|submit|reset|unlock|link|bind|check|match|fix|verify|see)\b/i;
const ENTER = /输入|填写|填入|打一下|打出来|打给我|\b(?:enter|type|input|key\s+in)\b/i;
/** Entering a phrase or a private key anywhere the agent points to (a page, a form) is handing it over. */
const ENTER_ANYWHERE = /输入|填写|填入|填|\b(?:enter|type|input|key\s+in|fill|submit)\b/i;
/** Where the customer types a secret for themselves: then typing it is not handing it over. */
const OWN_PLACE =
  /app|客户端|页面|官网|网页|设置|手机上|\b(?:page|site|website|settings|screen|window\s+that\s+opens|field\s+that\s+appears)\b/i;
/**
 * The request is carried out in the customer's own place ("confirm the withdrawal in the app with
 * your authenticator", "填进网页的输入框"): using a secret there is not handing it to the agent. (A
 * place that only says where the secret shows, "the numbers shown in your app", is not one.)
 */
const IN_OWN_PLACE =
  /(?<!\b(?:shown|showing|shows|displayed|displaying|appears?|appearing|see|seeing|visible|written|sent|changes?|changing|refresh(?:es|ing)?|rotat(?:es|ing)|generated?|generates)\s+)\b(?:in|on|inside|within|via|through|into)\s+(?:the|your|our)\s+(?:\w+\s+)?(?:app|website|site|web\s*page|settings)\b|(?:在|进|到|入)[^，。？！]{0,6}?(?:app|客户端|网页|网站|官网|页面|设置|应用)|弹出(?:来)?的?(?:窗口|框|页面)|弹窗|(?:app|客户端|网页|网站|官网)(?:里|内|上|的)(?![^，。？！]{0,10}(?:数字|位数|码|显示|变化|跳))/i;
/** The agent's own confirming ("I'll confirm the reset went through") asks nothing of the customer. */
const AGENT_CONFIRMS = /\b(?:i|we)(?:'ll|\s+will|\s+can|\s+then)?\s+(?:then\s+)?confirm\b/gi;

/** Chat shorthand read as the words it stands for ("can u read me ur code", "whats the pin"). */
function normalise(sentence: string): string {
  return (
    sentence
      .replace(/\bu\b/gi, 'you')
      .replace(/\bur\b/gi, 'your')
      .replace(/\br\b/gi, 'are')
      .replace(/\bwhats\b/gi, "what's")
      .replace(/\b(?:pls|plz)\b/gi, 'please')
      .replace(/\bwrds\b/gi, 'words')
      .replace(/\bw\//gi, 'with ')
      // Hong Kong's 短訊 (read as 短讯) is the 短信 the vocabulary names.
      .replace(/短讯/g, '短信')
      // An idiom whose words look like an object ("on the same page" is no web page).
      .replace(/\bon\s+the\s+same\s+page\b/gi, 'in agreement')
      // A description, not advice: "the words you were told never to share" names the phrase.
      .replace(
        /\b(?:were|was|been|are|is)\s+told\s+(?:never|not)\s+to\s+(?:share|show|give|tell|reveal)\b/gi,
        'were told to keep private',
      )
  );
}

/** Whether a piece names a secret at all (cheaper than requestSignals). */
export function namesSecret(piece: string): boolean {
  return SECRET_IN(normalise(piece));
}

function SECRET_IN(clause: string): boolean {
  return secretMatches(clause).length > 0;
}

/**
 * Where SECRET matches in a string. The rules and the classifier read the same sentence and clause
 * several times over (the live-secret test, the request's object, the classifier's window and its
 * signals), and SECRET, a long alternation, is most of the ask screen's cost: each string is
 * scanned once. A pure function of the string, so the verdicts are the same as scanning each time.
 */
const secretCache = new Map<string, RegExpExecArray[]>();
const SECRET_CACHE_SIZE = 512;
function secretMatches(s: string): RegExpExecArray[] {
  let found = secretCache.get(s);
  if (!found) {
    if (secretCache.size >= SECRET_CACHE_SIZE) secretCache.clear();
    found = [...s.matchAll(SECRET)];
    secretCache.set(s, found);
  }
  return found;
}

export interface Piece {
  start: number;
  end: number;
  text: string;
}

/** Sentences (with offsets); a list number's dot or "1, 5 and 9" does not end one. */
export function sentences(text: string): Piece[] {
  const out: Piece[] = [];
  for (const m of text.matchAll(/(?:[^。！？!?\n.;；]|\.(?=\d|\w))+[。！？!?\n.;；]*/g)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

/** Clauses of a sentence: commas split them (not the comma in "1, 5 and 9"), as do dashes. */
const CLAUSE_END =
  /[，,:：—](?!\s*\d)|\s+-\s+|\b(?:but|and\s+then|so|because)\b|\band\s+(?=(?:i|we)(?:\s|'))/gi;
function clauses(sentence: string): string[] {
  return sentence.split(CLAUSE_END);
}

/** The clauses of a sentence with their offsets in it (a clause keeps its own words only). */
export function clauseBounds(sentence: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let at = 0;
  CLAUSE_END.lastIndex = 0;
  for (const m of sentence.matchAll(CLAUSE_END)) {
    out.push({ start: at, end: m.index });
    at = m.index + m[0].length;
  }
  out.push({ start: at, end: sentence.length });
  return out.filter((c) => sentence.slice(c.start, c.end).trim());
}

/** Whether every mention of a secret sits next to a word that manages it ("reset your 2FA"). */
function onlyManaged(sentence: string): boolean {
  for (const m of secretMatches(sentence)) {
    // The words around the mention, not inside it ("the number that changes in your app" names no change).
    const end = m.index + m[0].length;
    const around = `${sentence.slice(Math.max(0, m.index - NEAR), m.index)} ${sentence.slice(end, end + NEAR)}`;
    if (!MANAGE.test(around) && !SETS_NEW.test(sentence.slice(Math.max(0, m.index - NEAR), end + NEAR)))
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
    const described = DESCRIBED_BY_PLACE.test(m[0]) || SHOWN_AT.test(after);
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
    if (
      CARRIES.test(rest) ||
      WHERE_SHOWN.test(clause.slice(after + own.index + own[0].length, m.index + m[0].length + 30))
    )
      return true;
  }
  return !secret && !OWN_OBJECT.test(clause);
}

/** A list item's mark ("- ", "• ", "2) ", "3. "), and a line that introduces a list. */
const LIST_ITEM = /^\s*(?:[-•*·–]|\d{1,2}[.)、]|[（(]\d{1,2}[)）])\s*/;
const INTRODUCES_LIST = /[:：]\s*$/;

export interface RequestOptions {
  /** The message also shows phrase-like words ("send yours the same way"). */
  showsPhrase?: boolean;
}

export function detectSecretRequests(original: string, options: RequestOptions = {}): Finding[] {
  // A scammer's ask quoted in a warning is not the agent's (blanked; offsets unchanged).
  const text = simplifiedSameLength(withoutReportedQuotes(original));
  const out: Finding[] = [];
  let earlierSecret = false;
  // A request that ends in a colon ("Please reply with:") carries over to each item of the list under it.
  let listRequest = '';
  for (const s of sentences(text)) {
    const item = LIST_ITEM.exec(s.text);
    const said =
      item && listRequest ? `${listRequest} ${normalise(s.text.slice(item[0].length))}` : normalise(s.text);
    if (!item) listRequest = INTRODUCES_LIST.test(s.text) && ASK.test(s.text) ? normalise(s.text).trim() : '';
    const named = liveSecret(said);
    const yours =
      Boolean(options.showsPhrase) && /\byours\b|\bthe\s+rest\b|同样|照这样|按这个格式/i.test(said);
    // Nothing in this sentence or before it names a secret: it cannot ask for one (most sentences).
    if (!named && !yours && !earlierSecret) continue;
    const secretBefore = earlierSecret;
    earlierSecret ||= named;
    // Handing it over named as a risk: advice about the whole sentence.
    if (SAYS_RISK.test(said)) continue;
    const live = clauses(said)
      .filter((c) => !NEGATION.test(c) && !CIRCUMSTANCE.test(c))
      .map((c) =>
        c.replace(WE_SEND, ' ').replace(PURPOSE, ' ').replace(CUSTOMER_DID, ' ').replace(AGENT_CONFIRMS, ' '),
      );
    // The ask and the secret in one clause, or the ask in another clause with no object of its own;
    // "type it" counts as handing it over when the agent says they will act with it (in a clause
    // that is not negated: "我这边不需要" says the agent will not).
    const agentActs = live.some((c) => AGENT_ACTS.test(c));
    const ownPlace = (c: string) =>
      IN_OWN_PLACE.test(c) && !HAND_OVER.test(c) && !NEVER_LEGIT.test(c) && !agentActs;
    const asks = () =>
      live.some(
        (c) =>
          (asksFor(c) && !ownPlace(c)) ||
          (agentActs && ENTER.test(c) && !OWN_PLACE.test(c) && SECRET_IN(c)) ||
          (ENTER_ANYWHERE.test(c) && NEVER_LEGIT.test(c) && !(OWN_WALLET.test(c) && !POINTS_TO_LINK.test(c))),
      );
    const referred = secretBefore && live.some((c) => ANAPHORIC.test(c));
    let ask = ((named || yours) && asks()) || referred;
    if (
      ask &&
      !referred &&
      !yours &&
      !HAND_OVER.test(said) &&
      !NEVER_LEGIT.test(said) &&
      !agentActs &&
      onlyManaged(said)
    )
      ask = false;
    if (!ask) continue;
    out.push({ kind: 'secret_request', start: s.start, end: s.start + s.text.trimEnd().length });
  }
  return out;
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
 * Whether a piece carries one of the plain "not an ask" cues (advice, when/whether, we-send, the
 * customer's past act): tested before the full signals, which cost more.
 */
export function plainlyNotAsk(simplified: string): boolean {
  const said = normalise(simplified);
  return [NEGATION, CIRCUMSTANCE, WE_SEND, CUSTOMER_DID, SAYS_RISK].some((re) => {
    re.lastIndex = 0;
    const hit = re.test(said);
    re.lastIndex = 0;
    return hit;
  });
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
    handOver: test(HAND_OVER),
    neverLegit: test(NEVER_LEGIT),
    negation: test(NEGATION),
    circumstance: test(CIRCUMSTANCE),
    weSend: test(WE_SEND),
    customerDid: test(CUSTOMER_DID),
    ownObject: test(OWN_OBJECT),
    managed: SECRET_IN(said) && onlyManaged(said),
    ownPlace:
      (test(ENTER) && test(OWN_PLACE)) || (test(IN_OWN_PLACE) && !test(HAND_OVER) && !test(NEVER_LEGIT)),
    liveSecret: sentences(said).some((s) => liveSecret(s.text)),
  };
}
