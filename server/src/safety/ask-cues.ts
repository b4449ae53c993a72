/**
 * The ask screen's cues that a reply, or a clause of it, is not an ask (detect-request.ts): advice
 * against sharing, a question about when or whether, our side sending a code, a purpose, the
 * customer's own wallet; and ANAPHORIC, an ask whose object is in an earlier sentence. Kept apart
 * from the vocabulary of secrets and requests so each list stays readable.
 */

import { SLANG_HAND_OVER } from './ask-vocabulary.ts';

/** A clause that advises against sharing, or says it is not needed. */
export const NEGATION = new RegExp(
  [
    '没有任何|并没有|从来没有|钓鱼|如果有|(?<!会)不会|(?<!要)不要|(?<!需)不需要|无需|(?<!用)不用(?!全部|全发|全给|全念|全说|全讲|全告诉|全打|整个|整串|整组|那么多|都发|都给)|勿|绝不|从不|决不|(?<![分区特个识级类告差性辨派])别(?!家|的|人|处|样|地方|名|称|号)|(?<!能)不能|(?<!可)不可|禁止|拒绝|骗子|诈骗|谨防|任何人|只属于|只用于|只能由|(?<![是系][你您])本人(?!确认|核实|核验|验证|身份|操作|所有|持有)',
    // Round 20: 用不着 / 犯不着 (no need), 一律拉黑 (block them all), "nothing to send us", "need not".
    "用不着|犯不着|(?:一律|直接|立刻|马上)拉黑|\\bnothin(?:g|')?\\s+(?:to|tae)\\s+send\\b|\\bneed\\s+not\\b",
    // Round 22: 毋须 (formal: need not), 免传 / 免给 (Taiwan: no need to send), "without disclosing it", Tagalog 'wag.
    '毋须|毋需|免(?=传|给|发|提供|回传|寄|报)|\\bwithout\\s+(?:disclosing|revealing|sharing|telling|sending|giving)\\b|\\b(?:wag|huwag)\\b',
    // Round 25: Malay 'tak payah' / 'tak perlu' (no need), 'jangan' (don't); Scots 'nae staff'.
    '\\b(?:tak|tidak)\\s+(?:payah|perlu)\\b|\\bjangan\\b',
    // Round 25: "that's all we need, no passwords", "there's no codes on it".
    '\\bno\\s+(?:\\w+\\s+)?(?:passwords?|passcodes?|codes?|pins?|otps?|seeds?|phrases?|private\\s+keys?|secrets?)\\b',
    '\\b(?:never|nobody|no\\s+one|noone|phishing|fake|impostors?|liveness)\\b|\\bmake\\s+you\\s+no\\b|\\bno\\s+(?:ever|dey)\\b|\\bno\\s+be\\s+(?:any\\s+)?(?:otp|code|password|pin|us)\\b|\\b(?:its\\s+own|a\\s+unique|its\\s+unique)\\s+(?:unique\\s+)?password\\b|\\bnothing\\s+secret\\b|不是(?:啥|什么|甚么)(?:密码|秘密|验证码)|活体|\\b(?:cover|hide|blur|mask|redact|black\\s+out|crop\\s+out)\\s+(?:up\\s+)?(?:the|your|any|all)\\b|\\bnot\\s+even\\b|\\bno\\s+need\\b|\\bnot\\s+(?:here|in\\s+(?:this|the)\\s+chat)\\b',
    "\\b(?:do|does|did|will|would|should|must|can|could|need)\\s*(?:n[o']?t|\\s+not)\\s+(?:\\w+\\s+)?(?:want|take|record|film|photograph|snap|capture|video|copy|ask|share|give|send|tell|post|type|enter|reveal|read|need|screenshot|request|forward|say|paste|upload|store|keep|see|reply|respond|provide|disclose|show|write|spell|include|dictate|text|email|dm|message)",
    "\\bwon'?t\\s+(?:ever\\s+)?(?:have|need)\\s+to\\s+(?:\\w+\\s+)?(?:give|send|share|tell|type|enter|read|provide|show|reveal)\\b",
    "\\b(?:don'?t|doesn'?t|won'?t|can'?t)\\s+(?:\\w+\\s+)?(?:want|take|record|film|photograph|snap|capture|video|copy|ask|share|give|send|tell|post|type|enter|reveal|read|need|screenshot|request|forward|paste|upload|see|reply|respond|provide|disclose|show|write|spell|include|dictate|text|email|dm|message)",
    '\\bnot\\s+(?:to\\s+)?(?:share|give|send|post|reveal|needed|required)|\\bnot\\s+(?:going\\s+to|gonna)\\s+(?:ask|need|request|want)|\\bnot\\s+(?:asking|requesting)\\b',
    '\\b(?:anyone|anybody|someone|somebody|whoever|people|strangers?|(?:a|any|the|that|this)\\s+(?:caller|scammer|fraudster|impostor|imposter|person|guy|man|woman|stranger|account|bot|group)|(?:a|any|every)\\s+(?:\\w+\\s+)?(?:message|email|e-mail|call|sms|text|site|website|link|dm|account)s?)\\b[^.?!;]{0,50}?\\b(?:asks?|asking|asked|requests?|requesting|requested|wants?|wanting|wanted|demands?|demanding|demanded|told\\s+you\\s+to|made\\s+you|got\\s+you\\s+to|(?:says?|saying|claims?|claiming)\\s+(?:they|he|she|it)\\s+(?:needs?|wants?|must))\\b|\\b(?:he|she|they)\\b[^.?!;]{0,50}?\\b(?:asked|requested|wanted|demanded|told\\s+you\\s+to|made\\s+you|got\\s+you\\s+to)\\b|\\bif\\s+\\w+\\s+asks?\\b|\\b(?:the\\s+)?(?:customer|user|client)\\s+(?:says?|said|claims?|reports?|reported|mentioned|told\\s+us)\\b|\\bwho\\s+(?:asked|wanted|requested|demanded)\\b|\\b(?:asked|asking|asks|requested|requesting|told)\\s+(?:the|a|this|that)\\s+(?:customer|user|client)\\b',
    '遮住|遮挡|遮盖|盖住|挡住|打码|打上码|马赛克|涂掉|涂黑|隐藏|(?<![持所拥擁])有人|他人|别人|陌生人|自称|冒充|索要|没有必要|没必要|不必|唔好(?!意思)|唔使|唔洗|唔需要|(?<!可)唔可以|(?<!会)唔会|唔系(?:我哋|我们)|(?:那个人|那位|对方|骗子|陌生人|群组?里|坏人|假客服|那个(?:[a-z]+)?(?:用户|账号|号|人|客服))[^，。？！]{0,20}(?:让|叫|要|要求|逼)(?:您|你)|(?:他们|她们|他|她)(?![^，。？！]{0,6}(?:会|将|需要))[^，。？！]{0,20}(?:让|叫|要|要求|逼)(?:您|你)|(?:您|你)(?:并)?(?:没有|没|未|冇)(?:提供|发|给|告诉|透露|俾)|(?:自己|自行)(?:知道|保管|保存|留着)|(?:要求|让|叫|向|跟|找|问)(?:用户|客户|客人)(?:提供|发|要|索要|给|拿|报)',
    '\\bno\\s+(?:situation|circumstances?|reason|case)\\b|\\bno\\s+(?:\\w+\\s+){0,2}(?:is|are)\\s+(?:needed|required|necessary)\\b|\\bn(?:o|ae)\\s+(?:\\w+\\s+)?(?:agent|staff|employee|admin|moderator|representative|rep|team\\s+member)s?\\b|\\bignore\\b|\\bunder\\s+no\\b|\\b(?:is|are)(?:n\\u0027t|\\s+not)\\s+(?:necessary|needed|required)\\b|\\bunnecessary\\b|\\bnot\\s+(?:the|your|any)\\s+(?:\\w+\\s+)?(?:code|password|phrase|words|key|pin)\\b|\\bstays?\\s+with\\s+you\\b|\\bavoid\\s+\\w+ing\\b|\\brefuse\\b|\\bscam(?:mer)?s?\\b|\\bbeware\\b|\\bto\\s+yourself\\b|\\bfor\\s+you\\s+only\\b|\\bonly\\s+for\\s+you\\b|\\bare\\s+yours\\s+alone\\b',
  ].join('|'),
  'iu',
);

/** "Tell me what it is", "what does it say", "念一下": an ask whose object is in an earlier sentence. */
export const ANAPHORIC =
  /把(?:它|它们)(?:打|写|发|念|报|讲|说)(?:出来|给我|过来)|\b(?:copy|paste)\s+(?:it|them|those)\s+(?:here|into\s+(?:this|the)\s+chat)\b|\bi-?send\s+(?:na\s+)?(?:lang\s+)?(?:po\s+)?dito\b|私我(?=没|冇|就|吧|哦|啊|呀|一下|$|[^\u4e00-\u9fff])|私信(?:扔|发|传)来|\bdrop\s+(?:it|them)\s+in\s+(?:my\s+|the\s+|ur\s+)?dms?\b|\b(?:provide|give)\s+(?:it|them)\s+to\s+(?:me|us)\b|tell\s+me\s+what\s+(?:it|they)\s+(?:is|are|says?)|what\s+(?:does|do)\s+(?:it|they)\s+say|read\s+(?:it|them)\s+(?:out|to\s+me|back)|(?:send|forward|pass|dm|pm|message|whatsapp|text)\s+(?:it|them)\s+(?:\w+ly\s+|only\s+)?(?:to\s+me|over|here|on\s+to\s+me)|(?:type|paste|list|write|spell)\s+(?:it|them|the\s+rest)\s+(?:here|out|below|for\s+me|to\s+me)|(?:copy|paste|put|type|write|include)\s+(?:it|them)\s+(?:in|into)\s+(?:your|the|a|this)\s+(?:\w+\s+)?(?:reply|message|response|chat)|(?:send|give|pass|share|paste|drop|dm)\s+(?:it|them)\s+(?:once\s+|now\s+|here\s+)?(?:and|so)\s+(?:i|we)\b|\b(?:provide|share|send)\s+(?:it|them)\s*(?:[.!。]|$)|\bwhat(?:'s|\s+is)\s+it\s*\?|\b(?:reply|respond|answer)\s+with\s+(?:it|them)\b|放心发|传给我|(?:给|俾|畀)(?:我|我们)(?:说|讲|念|发|报)?就(?:中|成|行|好|得|安全|可以)|贴(?:喺|在)(?:度|这里|这儿)就(?:得|行|好)|(?:type|paste|put|drop)\s+(?:it|them)\s+in\s+here\b|send\s*(?:俾|畀|给)我|send过(?:嚟|来)|(?:给|跟)(?:我|我们)(?:说说|讲讲)(?:中|吧|呗|就中|就行)?\s*(?:[。！!]|$)|念一下|读一下|报给我|发过来|发给我|发我|告诉我|跟我说|和我说|说一下|(?:直接)?(?:打|写)(?:给|俾|畀)我|(?:读|念|讲)(?:俾|畀|给)我|私(?:讯|信|聊)我|(?:你|您)给我(?:好了|就好|就行|吧)|\b(?:share|sharing|send|sending|give|giving|tell|telling|show|showing)\s+(?:it|them)\s+(?:here\s+)?(?:only\s+|just\s+)?(?:with|to|give)\s+(?:me|us)\b|\b(?:can|just|pls|please)\s+send\s+(?:it\s+)?to\s+(?:me|us)\b|\bsend\s+(?:me|us)\s+(?:one|some|all|any|a\s+couple|two|three)\s+of\s+them\b|\b(?:type|paste|list|write|post)\s+(?:those|these)\s+(?:here|below|for\s+me|to\s+me)\b|\bfor\s+me\s+you\s+can\s+(?:write|type|send|tell)\s+(?:it|them)\b|\byou\s+can\s+(?:write|type|send|tell)\s+(?:it|them)\s+(?:to\s+me|here|for\s+me)\b|\bwhat\s+(?:it|they)\s+be\b|\b(?:need|want|take|have)\s+yours\b|^\s*(?:now\s+|just\s+|then\s+|so\s+)?(?:write|type)\s+(?:me\s+)?(?:the|your|that)\s+(?:\w+\s+)?code\b|\b(?:send|paste|share|give|drop|post)\s+(?:me\s+|us\s+)?yours\b|\b(?:pop|drop|stick|put|chuck|bung|sling|throw)\s+(?:it|them|that|those)\s+(?:in\s+)?(?:here|over|across|in\s+(?:the|this)\s+chat)\b|\b(?:send|forward|pass)\s+(?:it|them)\s+across\b|\bsend\s+(?:it\s+|them\s+)?over\s*(?:[.!。]|$)|\b(?:pm|dm)\s*我|\b(?:confirm|read|send|type)\s+(?:it|them)\s+back\s+(?:to\s+(?:me|us)|here)\b|\b(?:just\s+)?(?:type|write|list)\s+(?:it|them|the\s+words|those\s+words|these\s+words)\s+(?:all\s+)?in\s+order\b|\byou\s+can\s+(?:give|share|send|tell)\s+(?:it|them)\s+to\s+(?:me|us)\b|直接(?:给|发|传|畀|俾)我(?:就好|就行|吧|就得)|paste\s*(?:落|过)?(?:嚟|来)?(?:呢个|这个)?\s*chat|(?:^|请)\s*直接(?:在这里)?(?:输入|填写?|打)(?:吧|即可|就行|就好)?\s*(?:[。！!]|$)|(?:在|到)(?:下面|下方|这里|这儿|此处)[^，。？！]{0,3}(?:输入|填|打)(?:吧|一下|进来)?\s*(?:[。！!]|$)|回复(?:在|到)(?:这里|这儿|此处|下面|下方|对话框)|(?:^\s*|\bplease\s+|\bjust\s+|\bthen\s+|\bnow\s+|\bgo\s+on\s+(?:and\s+)?|\bgo\s+ahead\s+(?:and\s+)?)(?:type|paste|drop|post|write)\s+(?:it|them)\s*(?:[.!。]|$)|\bread\s+me\s+(?:the\s+)?(?:first|last|top|next|second)\s+(?:one|two|three|few|line|row|group)\b|(?:给|畀|俾|发|传|告诉|讲|念|读)(?:我|我们)[^，。？！]{0,4}(?:没关系|没问题|冇问题|冇所谓|没事|冇得事|不要紧|就得|就可以|就行|就好|是安全的|很安全)|(?:读|念|唸|讲)(?:一次|一遍|一下)(?:给|俾|畀)我|(?:在|到)(?:咱们|我们)?(?:这个|这)?(?:对话框|聊天框|聊天窗口?|会话框?)里?(?:输|打|填|发)|(?:粘|贴|copy|拷)过来|(?:请|敬请|麻烦)(?:您|你|阁下)?(?:例外|破例|特别|单独|直接|务必)?(?:提供|发送|告知|发来)(?:予|给|至)?(?:本部门|本团队|我司|我们|我|本人)?(?:一下)?\s*(?:[。！.!]|$)|\b(?:pop|stick|bung)\s+(?:it|them)\s+in\s*(?:[.!。]|$)|\b(?:transmit|communicate|submit|hand)\s+(?:it|them)\s+(?:over\s+)?to\s+(?:me|us)\b|\b(?:share|send|provide|forward|furnish|mail|revert\s+with)\s+(?:us\s+|me\s+)?the\s+same\b(?!\s+(?:\w+\s+)?(?:screenshot|photo|picture|document|file|form|way|day|time|issue|error|problem|details?\s+of\s+the\s+(?:error|issue)))|\bwhat(?:'s|\s+is)\s+it\s+(?:sayin'?|saying|showin'?|showing)\b|\bfire\s+(?:it|them|that|those)\s+(?:over|across|through|my\s+way)\b/i;

/**
 * A part of the secret asked for against the whole: "No need for the whole password, just the first
 * four characters", "密码不用全部讲，前四码就好" (the whole is named in advice, the part is the ask).
 */
export const PART_OF_WHOLE =
  /^\s*(?:just|only)\s+(?:the\s+)?(?:first|last)\s+(?:\d+|one|two|three|four|few)\s+(?:digits?|characters?|letters?|words?)\s+of\s+(?:the|your|that)\b|\b(?:whole|full|entire|complete|all\s+of)\b[^.?!]{0,40}\b(?:just|only)\s+(?:\w+\s+){0,2}?(?:the\s+)?(?:first|last)\s+(?:\w+\s+)?(?:characters?|digits?|letters?|words?|numbers?)\b|(?:全部|整个|全)[^。？！]{0,12}(?:前|后|头|最后)[\d一二三四五六七八九十两]+(?:位|个|码|字)就(?:行|好|可以|得|够|成)|\b(?:whole|full|entire|complete|all\s+of)\b[^.?!]{0,40}\b(?:just|only)\b[^.?!]{0,30}\b(?:what|which)\s+(?:letter|digit|character|number|word)s?\s+(?:it|they)\s+(?:starts?|begins?|ends?)\b|(?:头|前|最后|最尾)[\d一二三四五六七八九十两]+个(?:字|词)[^。？！]{0,16}(?:唔使|不用|不需要)(?:成个|整个|全部)/i;

/**
 * An exception made to advice: "we never ask, but …", "though", "except me", 不过 / 但是 / 这次, and
 * (round 13) the agent's side called the safe place: "发给我们没问题", "私訊我就冇問題", "send them
 * privately to me instead", "send it only in this official chat"; (round 14) "告诉我们没关系", "给我冇得事",
 * "打俾我就最安全", "I am not a stranger, I am your support", "just this one time", "阿拉是官方".
 */
export const EXCEPTION =
  /\b(?:but|though|tho|however|nevertheless|nonetheless|except|exception|exceptionally|this\s+time|in\s+your\s+case|instead|privately)\b|不过|但是|但|可是|然而|今次|这次|特别|破例|(?:发|send|提供|畀|俾|给)[^，。？！]{0,6}(?:没问题|冇问题|是安全的|无问题)|(?:私讯|私信|私聊)我就(?:没|冇)问题|(?:私讯|私信|私聊|\bpm|\bdm)(?:发)?(?:我|me)就(?:行|好|得|可以)|\b(?:safe|fine|ok(?:ay)?)\s+to\s+(?:send|share|give|provide)\b[^.?!]{0,20}\b(?:us|me|here)\b|\bonly\s+(?:in\s+this\s+(?:\w+\s+)?chat|to\s+me)\b|只(?:在|能在|可以在)(?:咱们|我们)?(?:这个|这)?(?:对话框|聊天框|聊天窗口?|会话框?)|\bthis\s+one\s+time\b|(?:客服|我们|我)不算|\bfor\s+outside(?:rs|\s+people)\b|\boutsiders\b|\bwith\s+(?:me|us)\s+(?:is|it'?s)\s+(?:safe|ok|okay|fine)\b|\bjust\s+this\s+once\b|\bnot\s+a\s+stranger\b|\bi\s*(?:am|'m)\s+(?:your\s+)?(?:official\s+)?support\b|\bwe\s*(?:are|'re)\s+(?:the\s+)?official\b|(?:给|告诉|发给?|打俾|俾)(?:我|我们)[^，。？！]{0,4}(?:没关系|冇得事|没事|不要紧|最安全)|(?:^|[，,；;]\s*)(?:发|给|传|告诉)(?:我|我们)就(?:行|好|得|可以)|(?:我|我们)(?:这边|呢边|这儿|这里)?(?:是|系)[^，。？！]{0,6}官方|(?:非|不是|不算)第三方|\bnot\s+a\s+third[-\s]party\b|\bthis\s+is\s+(?:the|an|our)\s+official\b|(?:我|我们)(?:这边|呢边|这里)?(?:是|系)(?:你的|您的|你们的)?(?:专属|官方|正式|指定)?(?:公司|平台|门市|门店|版主|客服|工作人员|职员)(?:的人)?|不是陌生人|不是外人|不算外人|(?:就|只)告诉我一个人|(?:你|您)给我(?:好了|就好|就行)|(?:私讯|私信|私聊|读俾|讲俾)我[^，。？！]{0,4}(?:没关系|没问题|冇问题)|\bas\s+i\s*(?:am|'m)\s+(?:a\s+|an\s+|the\s+|your\s+)?(?:verified|official|authori[sz]ed)\b|\bpero\b|\bokay\s+lang\b|\bsafely\s+(?:send|share|give|provide|pass)\b[^.?!]{0,20}\b(?:us|me|here)\b|\bin\s+this\s+instance\b|私(?:我|我们)(?:没关系|没问题|冇问题|就好|就行)|\bi\s*(?:am|'m)\s+from\s+(?:the\s+)?(?:security|support|compliance)\b|\bfor\s+me\s+you\s+can\b|\bmi\s+a\s+(?:di|the)\s+official\b|\bwe\s*(?:'re|are)\s+internal\b|\binternal\s+(?:desk|team|staff)\b|(?:算|是)(?:公司)?内部|除了(?:我|我们|客服|小编|这种|这次|这个)|(?:惟|唯)(?=本次|此次|这次|今次)|本次|此次|情况特殊|特殊情况|所以(?:请)?(?:您|你)?(?:在|到)(?:这个|这|本)|仍(?:然)?(?:需|要|请|得|须|敬请)/i;
/**
 * A whole reply that is only a secret's name as a question, or a part of it (round 19): "OTP?", "Your
 * PIN?", "验证码？", "私钥前8位。" — in a chat, a bare name is asking for it.
 */
export const BARE_ASK =
  /^\s*(?:(?:and|so|ok|okay|then|now)[,\s]+)?(?:(?:the|your|ur)\s+)?(?:otp|sms\s+code|e-?mail\s+code|2fa(?:\s+code)?|code|pin|password|passcode|seed\s+phrase|recovery\s+phrase|private\s+key)\s*(?:pls|please)?\s*[?？]+\s*$|^\s*(?:验证码|密码|码|动态码|私钥|助记词|口令)(?:呢)?\s*[?？]+\s*$|^\s*(?:私钥|助记词|密码|验证码|资金密码)的?(?:前|后|最后|头)\s*[\d一二三四五六七八九十两]+\s*(?:位|个|码|字|个词)(?:呢|吧|就行|就好)?\s*[。.!！?？]?\s*$/i;
/** "It" or "them" handed over, or a Chinese pointer that can only mean the thing named: "send it to me", 放心发. */
export const PRONOUN_HANDED =
  /\b(?:it|them|yours)\b|它|(?:发|给|传)(?:我|我们)一份|拍(?:一张|张|一下)(?:发|给|传)我|放心发|send(?:俾|畀|给)我|那(?:组|串|几个|几位|些|行|张上的)|(?:最上面|第一|前面)(?:那)?(?:组|个|行)|手打|手抄|照着打|\b(?:first|last|top|next|second)\s+one\b/i;
/** Copied out by hand for the agent: the thing copied is the secret named before (round 17). */
export const TRANSCRIBED = /手打|手抄|照着打|抄一份/;
/** A page the agent gives ("the link I just sent", "我发的链接"): typing a secret there is handing it over. */
export const AGENT_LINK =
  /\b(?:link|page)\s+(?:that\s+)?(?:i|we)(?:'ve|\s+have)?\s+(?:just\s+)?(?:sent|shared|gave|posted)|\bopen\s+this\s+(?:page|link)\b|我(?:刚才?)?(?:发|传|给)(?:您|你)?的(?:链接|连结|网址|页面)|点(?:击)?(?:这个|此|下面的?)(?:链接|连结)/i;
/** The agent's side sending a code: "we'll send you a new code", "系统已向您的邮箱发送了验证码". */
export const WE_SEND =
  /以后的?(?:验证码|短信|通知|邮件)[^，。？！]{0,6}(?:会|将)?(?:发|发送)(?:到|至)(?!我)|(?:已经?|已|刚刚?)(?:寄出|发出|送出)|(?:已经?|已)\s*send|send咗(?:去|到|俾|畀)(?:您|你)|(?:已经?|刚刚?|刚才)(?:向|给|往)(?:您|你)[^，。？！]{0,10}(?:发送|发)(?:了)?|\b(?:i|we|the\s+system|the\s+app)(?:'ll|'ve|\s+will|\s+have|\s+just|\s+can|\s+already|(?:'m|'re|\s+am|\s+are)\s+(?:going\s+to|about\s+to))*\s+(?:re)?sen[dt]\s+(?:you\b|(?:an?|the|another)\s+(?:new\s+|fresh\s+)?(?:[\w-]+\s+)?code)|(?<![给向跟帮替对同和问])(?:我们|我|系统|平台|官方|它会|它将)(?:[^，。？！你您]|(?<=[给向往帮为对跟])[你您]){0,16}(?:发送|发)(?:了)?|(?:会|将|已)被?(?:发送|发|传送|寄送)(?:到|给|至)?|\b(?:i|we)(?:'ve|\s+have|\s+just)*\s+(?:re)?sent\s+(?:by|via|over|through)\s+(?:text|sms|e-?mail|message)\b|重新发送|重发|\b(?:will|would)\s+be\s+(?:re)?sent\b|\b(?:i|we)(?:'ll|\s+will|\s+can)?\s+(?:switch|move|change)\s+you\s+(?:over\s+)?to\s+(?:a\s+)?(?:voice|sms|email|phone|call)|(?:给|帮)(?:你|您)(?:切|换|转)(?:成|到)?(?:语音|短信|邮箱|邮件)/gi;

/** A purpose, not a request: "enter the code in the app to confirm the withdrawal". */
export const PURPOSE =
  /\b(?:to|and|so\s+(?:that\s+)?(?:i|we)\s+can)\s+(?:confirm|verify|complete|finish|approve|unlock|process)\s+(?:the|your|this)\s+(?!(?:\w+\s+)?(?:code|password|phrase|words|key|pin|passcode|mnemonic|seed)\b)\w+/gi;

/** An ask about when, where or whether, not for the secret ("你是在哪个页面收不到验证码的"). */
export const CIRCUMSTANCE =
  /\byes\s+or\s+no\b|(?:是不是|系咪|系唔系)[^，。？！]{0,12}(?:填|输入?|发|给|交)过|(?:是不是|系咪|系唔系|是否)(?:由|从|喺)[^，。？！]{1,20}(?:发|寄|传)(?:过来|过嚟|来|出|嘅|的)|["“「‘'][^"”」’'\n]{1,8}["”」’']\s*(?:或者?|还是|or|\/)\s*["“「‘'][^"”」’'\n]{1,8}["”」’']|(?:还在|还有|在不在|还记得|记得|找得到|还能找到|保存好了|备份了|抄好了)(?:吗|嘛|未|冇)|(?![可能要会肯愿方是介中行好成得])([\u4e00-\u9fff])(?:唔|不|没)\1|\bsays?\s+about\b|(?:收到|到|看到|记下|写下|保存|抄下)(?:了)?(?:没有|没|未)|(?:收到|到)了?吗|有冇|\byes\/no\b|有或没有|是或否|有定冇|\bconfirm\s+(?:that\s+)?you(?:'ve|\s+have)?\s+(?:already\s+)?(?:saved|stored|written|kept|backed|noted|received|got)\b|确认(?:一下)?(?:您|你)(?:已经|已)(?:保存|备份|抄|记|收到|写)|确认(?:一下)?(?:您|你)(?:保存|备份|抄|记|收到|写)(?:好|了)|^\s*(?:do|did|does|have|has)\s+(?:you|your|it|the)\b(?!\s+(?:mind|want|wish|agree))(?![^.?!]*\b(?:begin|begins|start|starts|end|ends)\s+with\b)[^.?!]*\?|(?<!(?:密码|password|pin|口令|码)是)哪个|哪里|哪儿|边个|边度|还是(?!得|要|需|请|麻烦|必须|只能|应该)|(?<![确决一固锁约指规设制鉴稳肯安坚预判])定(?:系)?(?=[^，。？！]{1,10}[？?])|(?:给|发给|告诉|交给|念给|报给)(?:了)?(?:他|她|对方|那人|那个人|佢|他们|她们|骗子)(?:了)?(?:没有|没|未|冇|吗)|^\s*which\s+(?!(?:\w+\s+)?(?:digits|numbers|words|code|characters|letters|answer|password|pin|passcode|passphrase)\b)|什么时候|何时|是否(?!介意|方便|愿意|可以)|有没有|(?<!(?:看|查|瞧|睇)[^，。？！]{0,12})为什么|怎么|^\s*(?:when|where|whether|why|how\s+(?:long|often))\b(?=[^.!;]*\?)|^\s*(?:whether|why)\b|\b(?:(?:tell|ask|show)\s+(?:me|us)|let\s+(?:me|us)\s+know|know|confirm|check|see)\s+(?:if|when|where|whether|why|how\s+(?:long|often)|which\s+(?!(?:\w+\s+)?(?:digits|numbers|words|code)))\b/i;
/**
 * The customer's own wallet on their own device, offline ("only inside the official wallet app",
 * "在您自己手机的钱包App里离线输入"): restoring a wallet there hands the phrase to nobody. Not when
 * the agent points to a link.
 */
export const OWN_WALLET =
  /新(?:手机|设备|电脑)|\bwallet\s+app\b|\b(?:on|into)\s+(?:that|the\s+new|your\s+new|a\s+new|your\s+other)\s+(?:phone|device|computer|laptop)\b|\byour\s+own\s+(?:device|phone|wallet)\b|\boffline\b|钱包\s*app|(?:自己|本人)[^，。？！]{0,6}(?:手机|设备|钱包)|离线|\b(?:on|into)\s+(?:the\s+(?:screen|display)\s+of\s+)?(?:your|the)\s+(?:ledger|trezor|hardware\s+wallet)\b|(?:ledger|trezor|硬件钱包)的?(?:屏幕|设备)?(?:上|里)/i;
export const POINTS_TO_LINK = /https?:|www\.|\blink\b|链接|网址/i;

/**
 * Handing a secret over named as a risk ("sharing your private key means giving away your wallet",
 * "Sharing the code with anyone, even us, puts your account at risk"): advice about the whole
 * sentence, though its clauses read alone look like a request. Not when the sentence calls it safe
 * ("sending me the code is safe, there's no risk" is a persuasion to hand it over).
 */
export const SAYS_RISK =
  /(?:^(?![\s\S]*(?:\bno\s+risk|\bwithout\s+(?:any\s+)?risk|\brisk[-\s]?free|\bzero\s+risk|\bnot\s+(?:risky|dangerous|unsafe)|\bsafe\b|\bsecure\b|没有风险|无风险|没风险|不会有风险|安全))[\s\S]*?(?:\b(?:sharing|giving|sending|revealing|telling|posting|showing|handing)\b[^.?!]{0,60}\b(?:at\s+risk|risks?|risky|dangerous|unsafe|los(?:e|es|ing)|giv(?:e|es|ing)\s+away|steal\w*|drain\w*|compromis\w*)\b|(?:发给|告诉|透露|泄露|提供给)[^，。？！]{0,20}(?:风险|危险|被盗|丢失|盗走|转走)|(?:凡是|凡|任何)[^。？！]{0,60}(?:都是|均为|均是|一律是?)(?:诈骗|骗子|骗局|假冒|钓鱼)))|\bis\s+the\s+(?:only\s+|master\s+)?key\s+to\s+(?:your|all\s+your|the)\s+(?:funds|wallet|money|coins|crypto|assets|account)\b|(?:就是|等于|相当于)(?:您|你)?(?:的)?(?:资产|钱包|资金|账户)的?(?:钥匙|全部)/i;

/**
 * "Tell me" with nothing after it to hand over: "if it has not come after 10 minutes, tell me and
 * I'll switch you to voice OTP", "不用给我验证码，告诉我是哪种就行", "完成后告诉我一声". The customer
 * is asked to say something happened, or which kind, not to say the secret; blanked like WE_SEND.
 * In Chinese only where 告诉我 opens its clause: "把码告诉我就行" and "私钥最后十位告诉我" put the
 * secret before the verb as its object.
 */
/**
 * What is told is a problem, not the secret (round 17): "有问题发我就好", "有任何问题随时告诉我就行",
 * "if anything goes wrong, message me". A clause that says so and names no secret asks for nothing.
 */
export const PROBLEM_TOLD =
  /(?<![没冇])有(?:任何|什么|啥|咩)?(?:问题|疑问|不清楚|不明白)|(?:遇到|碰到|出|出现)(?:了)?(?:任何|什么|啥)?(?:问题|状况|异常)|不(?:懂|明白|清楚)的(?:地方)?|\bif\s+(?:anything|something)\s+(?:goes\s+wrong|is\s+unclear|fails|breaks)\b|\bany\s+(?:more\s+|other\s+|further\s+)?(?:questions?|problems?|issues?|trouble)\b|\bif\s+you\s+(?:have|get|run\s+into|hit)\s+(?:any\s+)?(?:questions?|problems?|trouble|issues?)\b/i;
export const INFORM_ONLY =
  /\b(?:tell\s+(?:me|us)|reply|respond|answer|say|type|send(?:\s+(?:me|us))?)\s+(?:only\s+|just\s+)?(?:the\s+word\s+)?["“'‘](?:done|ok|okay|yes|no|verified|finished|好了|完成|已完成|搞定|好)["”'’]|\b(?:tell|let)\s+(?:me|us)(?:\s+know)?(?=\s*(?:$|[,.;!?—–]|\b(?:how\s+many|and|so|then|if|when|once|whether|which|right\s+away|straight\s+away|asap|immediately)\b))|(?<=(?:^|[，。！？,;；]|\s)(?:请|麻烦|马上|立刻|立即|再|然后|就|完成后|之后|到时|弄好后|好了|[^，。！？,;；\s]{1,3}(?:完|好)(?:了|后|之后)?|[^，。！？,;；\s]{1,6}的话)?\s*|了)(?:告诉我(?:们)?|(?:跟|和|同)我(?:们)?(?:说|讲))(?=\s*(?:$|[，。！？,.!?]|一声|声|一下就|就(?:行|好|可以)|是哪|是否|哪(?:一|个|种)|有没有|(?:大概|大约|约|是)?(?:几点|什么时候|何时|哪天|几号)|(?:几|多少)(?:条|个|封)))/gi;

/**
 * A sentence about what someone else may ask, and what to do then: "If anyone calls and asks for the
 * code, hang up", "如果有人打电话说是客服，要您念手机上的数字，请直接挂掉". The request is theirs,
 * in a clause apart from the warning, so the clause-level NEGATION does not reach it. Also a scam's
 * request reported, then what not to do ("近期有不法人士以…名义要求提供私钥，切勿理会", "有网站…诱导用户
 * 输入助记词，请勿访问", round 24).
 */
export const WARNS_OF_OTHERS =
  /^[^.?!。？！]{0,12}?(?:谁[^，。？！]{0,12}(?:要|问|找(?:你|您)要)[^。？！]{0,40}(?:拉黑|举报|骗子|别理|不要理|别给|不要给)|\b(?:if|when|whenever|should)\s+(?:someone|anyone|somebody|anybody|people|a\s+(?:caller|stranger|person)|(?:a|any)\s+(?:message|email|call|sms|text|dm))\b[^.?!]*\b(?:hang\s+up|block|report|ignore|scam\w*|fake|fraud\w*|phishing|never|don'?t|do\s+not|stop)\b|(?:如果|要是|若|如|万一|假如)(?:遇到|碰到)?(?:有人|对方|陌生人|任何人|别人|自称|“|")[^。？！]*(?:挂断|挂掉|挂了|拉黑|举报|不要|别|勿|诈骗|骗子|骗局|冒充|假的|不予理会|不用理))|(?:(?:不法(?:分子|人士)|诈骗(?:分子|团伙|集团)|骗子)[^，。？！]{0,20}(?:要求|诱导|索要|骗取|套取|让(?:您|你|用户))|(?:诱导|骗取|套取)(?:用户|您|你|客户|大家))[^。？！]{0,40}(?:切勿|请勿|勿|不要|别|谨防|小心|提高警惕)|(?:几点(?:钟)?|什么时候|啥时候|几时)(?:收到|到的|发的|输入)|\bwhen\s+(?:did|was)\s+(?:you|it)\s+(?:get|got|receive|received|arrive|arrived|come|came)\b/i;

/**
 * The means of a "confirm whether" is handing it over ("confirm whether it starts with … by sending
 * the full list"): the question about whether no longer excuses the clause.
 */
export const BY_HANDING =
  /\bby\s+(?:sending|typing|giving|telling|reading|sharing|pasting|listing|writing\s+out|spelling|posting)\b|通过(?:发送|发|提供|告诉|念|输入)|(?:发|念|报|打)(?:出来|给我)(?:来)?(?:确认|核对)/i;

/** A path through menus ("个人中心 > 安全 > 登录密码", "Settings → Security"): procedure, done in the customer's app. */
export const MENU_PATH =
  /(?:[^→»\n]{1,30}→){2,}|(?:[^\s>→»，。,.]{1,14}\s*[>→»]\s*){2,}[^\s>→»，。,.]{1,14}|(?:\bgo\s+to|\bopen|\bnavigate\s+to|进入|前往|打开)\s*[^\s>→»，。,.]{1,14}\s*[>→»]\s*[^\s>→»，。,.]{1,14}/i;

/**
 * The customer uses the secret themselves to complete an action ("confirm with your funds password
 * and 2FA code", "用邮件里的验证码完成登录", "输入邮箱验证码确认"), the system will prompt for it, or they
 * keep it ("copy the secret right away, it is shown only once"): their own act, not a hand-over.
 * Read like typing it in the customer's own place (detect-request.ts).
 */
export const USES_TO_ACT =
  /\b(?:confirm|verify|approve|authori[sz]e|complete|finish|sign|log)\s+(?:in\s+|it\s+|this\s+|that\s+|the\s+\w+\s+)?(?:with|using)\s+(?:your|the|a)\b|\bused\s+(?:only\s+)?(?:to|for)\s+(?:confirm|verify|approv|authori|sign|log|withdraw)|用[^，。？！]{0,16}(?:确认|完成|登录|登入|验证|授权)|(?:输入|填写|填入)[^，。？！]{0,12}(?:码|密码)(?:来|进行|以)?(?:确认|完成|验证)|(?:系统|页面|app)(?:会|将)?要求(?:您|你)?(?:输入)?|\byou(?:'ll|\s+will)\s+be\s+(?:asked|prompted)\s+(?:for|to\s+enter)\b|\b(?:copy|write\s+down|save|store|back\s+up|note\s+down)\s+(?:the|your|it|them)\b[^.?!]{0,40}\b(?:right\s+away|immediately|somewhere|safe(?:ly)?|offline|shown\s+(?:only\s+)?once|only\s+(?:shown|displayed)\s+once)|(?:抄|记|保存|备份|复制)[^，。？！]{0,12}(?:妥善|安全|离线|只显示一次|只会显示一次)/i;

/**
 * A parenthesis that says what is not meant ("the key ID (not the secret)", "（不是密钥）"): the secret
 * named in it is excluded, not requested; blanked before the rules read the sentence.
 */
export const NOT_MEANT =
  /[（(]\s*(?:not\b|never\b|不是|并非|而不是)[^)）]{0,40}[)）]|[（(][^)）]{0,30}(?:不需要|不用|无需|唔使|唔需要|\bnot\s+(?:needed|required)|\bno\s+need)[^)）]{0,10}[)）]|[（(][^)）]{0,40}\bno\s+(?:codes?|passwords?|secrets?|keys?)\b[^)）]{0,10}[)）]/gi;

/**
 * Verbs that move the secret to someone (send, tell, provide, read out, screenshot, reply, 提供,
 * 告知, 转发, 截图, 讲出 …), or a bare "<secret> please": a request in these words is a hand-over.
 * The verbs a rule also reads as requests but that a customer does for themselves (confirm, enter,
 * copy, use) are not here: a hit on those alone is one the classifier may overrule.
 */
export const TRANSFER = new RegExp(
  `${String.raw`\b(?:send|sent|give|tell|provide|share|forward|read|say|spell|list|post|upload|reply|screenshot|photo|picture|show\s+me|dm|message|email|e-mail|text\s+(?:me|us|it))\b|\bwhat\s+(?:does|do|did|is|are|was|were)\b|\b(?:code|password|passcode|pin|phrase|words|key|otp|secret)\s*,?\s*(?:please|pls)\b|提供|告知|告诉|转发|截图|截屏|截一下|拍照|拍下|拍一下|上传|发给|发过来|发过嚟|发我|发一下|发出来|发来|过来|过嚟|俾我|给我|(?<!快捷|自动|快速)回复|覆|讲出|讲一下|说一下|说出|跟我说|和我说|念|报一下|报给|读出|是多少|是什么`}|${SLANG_HAND_OVER}`,
  'i',
);

/** The chat itself as the place to type it ("在对话框里输入", "type it here"): then using it is handing it over. */
export const CHAT_PLACE = /这里|这儿|此处|在此|对话框|聊天|窗口|\bhere\b|\bthis\s+chat\b|\breply\s+box\b/i;

/**
 * Not to be typed where it is used, but handed over instead (round 16): "send that code to me here
 * rather than typing it in the app", "收到的码先别填，念给我". The place named is not where it goes, and
 * the hand-over after it points back to the secret.
 */
export const NOT_THERE =
  /\b(?:rather\s+than|instead\s+of)\s+(?:typ|enter|put|us|submit|fill)\w*\b[^,.;!?]*|(?:先)?(?:别|不要|不用|唔好|唔使)(?:在[^，。？！]{0,8})?(?:填|输入|输|打进|提交)(?:进去|进|入)?/i;
export const NOT_THERE_ALL = new RegExp(NOT_THERE.source, 'gi');

/** Typing or restoring, in any form ("restore the wallet by typing the 12 words into …"). */
export const TYPED_IN =
  /\b(?:typ(?:e|ed|ing)|enter(?:ed|ing)?|input(?:ting)?|restor\w*|import\w*)\b|输入|填|导入|恢复/i;
/**
 * The request is carried out in the customer's own place ("confirm the withdrawal in the app with
 * your authenticator", "填进网页的输入框"): using a secret there is not handing it to the agent. (A
 * place that only says where the secret shows, "the numbers shown in your app", is not one.)
 */
export const IN_OWN_PLACE =
  /(?<!\b(?:shown|showing|shows|displayed|displaying|appears?|appearing|see|seeing|visible|written|sent|changes?|changing|refresh(?:es|ing)?|rotat(?:es|ing)|generated?|generates)\s+)\b(?:in|on|inside|within|via|through|into)\s+(?:the|your|our)\s+(?:\w+\s+)?(?:app|website|site|web\s*page|settings)\b|(?:在|进|到|入|喺)[^，。？！]{0,6}?(?:app|客户端|网页|网站|官网|页面|设置|应用)|\b(?:in|on|into|inside)\s+your\s+own\s+(?:\w+\s+){0,2}?(?:server|computer|machine|device|phone|laptop|wallet|app|config(?:uration)?)\b|\b(?:in|into)\s+(?:your|the)\s+(?:\w+(?:'s)?\s+){0,2}config(?:uration)?\s+file\b|(?:您|你)自己的[^，。？！]{0,6}(?:手机|设备|电脑|服务器)(?:上|里)|\b(?:in|into)\s+the\s+(?:2fa|code|verification|authenticator|password|pin|security)\s+(?:box|field)\b|弹出(?:来)?的?(?:窗口|框|页面)|弹窗|弹出[^，。？！]{0,6}时|(?:您|你)自己(?:在|喺)[^，。？！]{0,6}(?:输|填|入)|(?:ledger|trezor|硬件钱包|设备)(?:的?屏幕)?(?:上|里)|\bon\s+the\s+(?:screen|display)\s+of\s+(?:your|the)\s+(?:ledger|trezor|hardware\s+wallet|device)\b|(?<!\b(?:set|created|chose|picked|added|configured|made)\s+)\b(?:on|into)\s+(?:your|the)\s+(?:ledger|trezor|hardware\s+wallet|device)\b|(?:app|客户端|网页|网站|官网)(?:里|内|上|的)(?![^，。？！]{0,10}(?:数字|位数|码|显示|变化|跳))|\b(?:in|into|on)\s+(?:the|your)\s+(?:[\w-]+\s+){0,2}(?:box|field|window|page|screen)\s+(?:on|of|in)\s+(?:the\s+|your\s+)?official\s+(?:site|app|website|web\s*page)\b|\bby\s+yourself\b|\bnot\s+here\s+in\s+(?:the\s+)?chat\b/i;
