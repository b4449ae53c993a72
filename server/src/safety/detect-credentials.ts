import type { Finding } from './findings.ts';

/**
 * Passwords and one-time codes given in context: "密码是 Abc123", "password: hunter2",
 * "验证码 384912", "2FA code is 123456". Only the value is hidden; the words that introduce it stay,
 * so the agent still understands what happened. "I forgot my password" or "验证码收不到" carry no
 * value and are left alone.
 */

const PASSWORD_WORDS =
  '(?:登录密码|登錄密碼|资金密码|資金密碼|交易密码|交易密碼|支付密码|密码|密碼|口令|password|passwd|passphrase|pass\\s*word|pwd|pin(?:\\s*code)?)';
const PASSWORD = new RegExp(
  `(?<![A-Za-z])${PASSWORD_WORDS}(\\s*(?:is|was|=|:|：|是|为|為)\\s*|\\s+)(?:["'“‘「])?([^\\s"'“”‘’「」，。,;；]{4,64})`,
  'giu',
);
const CODE_WORDS =
  '(?:谷歌验证码|谷歌驗證碼|谷歌验证器|google\\s*(?:authenticator|auth)?\\s*code|短信验证码|短信驗證碼|邮箱验证码|郵箱驗證碼|验证码|驗證碼|校验码|校驗碼|动态码|動態碼|安全码|安全碼|2fa(?:\\s*code)?|two[-\\s]factor(?:\\s*code)?|otp(?:\\s*code)?|one[-\\s]time\\s*(?:code|password)|verification\\s*code|security\\s*code|auth(?:entication)?\\s*code|sms\\s*code|email\\s*code|code)';
const CODE = new RegExp(
  `(?<![A-Za-z])${CODE_WORDS}(?:\\s*(?:is|was|=|:|：|是|为|為|是：|-)?\\s*)(?:["'“‘「])?(\\d(?:[\\s-]?\\d){3,7})(?!\\d)`,
  'giu',
);
/** Words that follow "password is" in complaints, not passwords. */
const NOT_A_PASSWORD =
  /^(?:wrong|incorrect|correct|right|invalid|expired|locked|not|never|too|reset|changed|forgotten|lost|stolen|required|needed|empty|weak|strong|same|different|the|my|a|an|and|or|for|to|of|in|on|at|it|this|that|field|box|manager|recovery|ok|okay|fine|working|hidden|set|updated|sent|again|still|also|please|error|错误|正确)$/i;

export function detectCredentials(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(PASSWORD)) {
    const value = m[2]!;
    if (!looksLikePassword(value, m[1]!)) continue;
    const start = m.index + m[0].length - value.length;
    out.push({ kind: 'password', start, end: start + value.length });
  }
  for (const m of text.matchAll(CODE)) {
    const value = m[1]!;
    const digits = value.replace(/\D/g, '');
    if (digits.length < 4 || digits.length > 8) continue;
    if (/^code$/i.test(m[0].match(/^[a-z]+/i)?.[0] ?? '') && !nearCodeContext(text, m.index)) continue;
    const start = m.index + m[0].length - value.length;
    out.push({ kind: 'verification_code', start, end: start + value.length });
  }
  return out;
}

function looksLikePassword(value: string, separator: string): boolean {
  if (NOT_A_PASSWORD.test(value)) return false;
  if (/\p{Script=Han}/u.test(value)) return false;
  // Introduced by ":" / "是" / "=", anything goes; after a bare space or "is", it must look like one.
  const explicit = /[:：=是为為]/u.test(separator);
  const mixed = /\d/.test(value) || /[^A-Za-z0-9]/.test(value) || /[a-z].*[A-Z]|[A-Z].*[a-z]/.test(value);
  return explicit ? value.length >= 4 : mixed && value.length >= 6;
}

/** A bare "code" counts only near words about signing in or confirming. */
function nearCodeContext(text: string, at: number): boolean {
  const around = text.slice(Math.max(0, at - 60), at + 20);
  return /sms|text|email|login|log in|sign[- ]?in|verify|confirm|withdraw|2fa|authenticator|验证|短信|登录|提现/i.test(
    around,
  );
}
