import type { Finding } from './findings.ts';

/**
 * An agent's message that asks the customer for a secret: a request ("send me", "提供", "发我") and
 * a secret ("助记词", "seed phrase", "验证码") in one sentence, without the negation that turns it
 * into the warning support is supposed to give ("we will never ask for your seed phrase").
 */

const SECRET =
  /助记词|助記詞|记忆词|記憶詞|私钥|私鑰|密钥|密鑰|秘钥|钱包密码|登录密码|资金密码|交易密码|支付密码|密码|密碼|验证码|驗證碼|谷歌验证|动态码|安全码|keystore|seed(?:\s*phrase|\s*words)?|recovery\s*(?:phrase|words|key)|mnemonic|secret\s*(?:phrase|key|words)|private\s*key|pass\s*word|passcode|passphrase|\bpin\b|2fa|two[-\s]factor|authenticator\s*code|one[-\s]time\s*(?:code|password)|\botp\b|verification\s*code|security\s*code|sms\s*code|12\s*words|24\s*words|12个(?:单)?词|十二个(?:单)?词|恢复短语|恢復短語|恢复词|恢復詞|种子短语|種子短語|种子词|種子詞|(?:code|digits)\s+(?:that\s+)?(?:we|i)\s+(?:just\s+)?(?:sent|texted|emailed)/i;

/** Secrets nobody may ever be asked to hand over or type anywhere: no instruction makes them fine. */
const NEVER_LEGIT =
  /助记词|助記詞|记忆词|記憶詞|私钥|私鑰|keystore|seed|recovery\s*(?:phrase|words|key)|mnemonic|secret\s*(?:phrase|key|words)|private\s*key|12\s*words|24\s*words|12个(?:单)?词|恢复短语|恢復短語|恢复词|恢復詞|种子/i;

const ASK =
  /发我|發我|发给我|發給我|发过来|發過來|发一下|發一下|发到|发送给|发送|發送|提供|告诉我|告訴我|给我|給我|报一下|报给|報給|私信|私聊|截图给|截图发|输入到这里|填到这里|贴出来|貼出來|回复.*(?:以便|方便)|需要你的|需要您的|把你的|把您的|核实|核實|验证一下|驗證一下|\bsend\b|\bprovide\b|\bshare\b|\bgive\b|\btell\b|\bdm\b|\bpm\b|\bpaste\b|\btype\b.*\b(?:here|chat|reply)\b|\benter\b.*\b(?:here|chat|reply|below)\b|\breply\s+with\b|\bneed\s+(?:your|the)\b|\bwhat(?:'s|\s+is)\s+your\b|\bconfirm\s+your\b|\bverify\s+your\b|\bcan\s+you\s+(?:send|give|share|tell)\b|\bforward\b|\bread\s+(?:me|out)\b|\benter(?:ing)?\s+your\b|\bverify\s+(?:your\s+)?wallet\b|输入您的|输入你的|输入.*验证钱包/i;

const NEGATION =
  /never\s+(?:ever\s+)?(?:ask|share|give|send|tell|request|need|type|enter|reveal)|(?:will|would|do|does|should|must|can)\s*n[o']?t\s+(?:ever\s+)?(?:ask|share|give|send|tell|request|need|type|enter|reveal)|won'?t\s+(?:ever\s+)?(?:ask|request|need)|don'?t\s+(?:ever\s+)?(?:share|give|send|tell|reveal|enter|type)|\bnot\s+(?:to\s+)?(?:share|give|send|reveal)|no\s+one|nobody|anyone\s+(?:who|asks?|asking|that)|beware|任何人|绝不|絕不|决不|從不|从不|不要(?:把|向|将|將|告诉|告訴|透露|发送|發送|提供|泄露|洩露|给|給|轻信|輕信|相信)|不会(?:向|索要|要求|主动|主動|私信|询问|詢問|问|問)|不會(?:向|索要|要求|主動|私信|詢問|問)|请勿|請勿|切勿|勿(?:将|將|把|向|告诉|告訴|透露|泄露|洩露)|谨防|謹防|不能(?:告诉|告訴|透露|给|給|提供|发|發)|别(?:把|告诉|透露|给|发)|別(?:把|告訴|透露|給|發)|不可以(?:告诉|告訴|透露|给|給|提供|发|發)/i;

/** Words that make the secret the subject of an instruction, not the thing asked for ("reset your 2FA"). */
const MANAGE =
  /reset|change|update|enable|disable|unbind|bind|recover|access|screenshot|error|page|link|used\s+for|linked|bound|enter|重置|修改|更改|开启|開啟|关闭|關閉|绑定|綁定|解绑|解綁|找回|设置|設置|截图|截圖|报错|報錯|页面|頁面|错误|錯誤|输入|輸入/i;
/** Asking for it to be handed over, whatever else the sentence says. */
const HAND_OVER =
  /发我|發我|发给我|發給我|告诉我(?!是否)|告訴我(?!是否)|私信我|私聊我|send\s+(?:it\s+|them\s+)?(?:to\s+)?me\b|\bdm\s+me\b|tell\s+me\s+(?:your|the)\b|give\s+me\b|share\s+(?:it\s+|them\s+)?with\s+me|paste\s+(?:it\s+)?here|type\s+(?:it\s+)?here|reply\s+with|what(?:'s|\s+is)\s+your/i;
const NEAR = 16;

/** Whether every mention of a secret in the sentence sits next to a word that manages it. */
function onlyManaged(sentence: string): boolean {
  const global = new RegExp(SECRET.source, 'gi');
  for (const m of sentence.matchAll(global)) {
    const around = sentence.slice(Math.max(0, m.index - NEAR), m.index + m[0].length + NEAR);
    if (!MANAGE.test(around)) return false;
  }
  return true;
}

/** Splits text into sentences, keeping offsets. */
function sentences(text: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  const re = /[^。！？!?\n.;；]+[。！？!?\n.;；]*/g;
  for (const m of text.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

export function detectSecretRequests(text: string): Finding[] {
  const out: Finding[] = [];
  for (const s of sentences(text)) {
    if (!SECRET.test(s.text) || !ASK.test(s.text) || NEGATION.test(s.text)) continue;
    if (!HAND_OVER.test(s.text) && !NEVER_LEGIT.test(s.text) && onlyManaged(s.text)) continue;
    const trimmedEnd = s.start + s.text.trimEnd().length;
    out.push({ kind: 'secret_request', start: s.start, end: trimmedEnd });
  }
  return out;
}
