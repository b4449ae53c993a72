import type { Language } from '../platform/i18n.ts';
import type { SecretKind } from './findings.ts';

/** What the customer is told at once when a secret was hidden from their message. */
export interface SafetyNotice {
  kinds: SecretKind[];
  language: Language;
  message: string;
  advice: string[];
}

const WHAT: Record<SecretKind, [string, string]> = {
  mnemonic: ['助记词', 'recovery (seed) phrase'],
  private_key: ['私钥', 'private key'],
  password: ['密码', 'password'],
  verification_code: ['验证码', 'verification code'],
  api_secret: ['API 密钥', 'API secret'],
  secret_request: ['敏感信息', 'secret'],
};

const ADVICE: Record<SecretKind, [string, string]> = {
  mnemonic: [
    '请立即新建钱包，并把资产转移到新钱包：这组助记词应视为已泄露。',
    'Create a new wallet now and move your funds to it: treat this phrase as exposed.',
  ],
  private_key: [
    '请立即把该地址上的资产转移到新的地址：这个私钥应视为已泄露。',
    'Move the funds on that address to a new one now: treat this key as exposed.',
  ],
  password: [
    '请立即修改该密码，并在所有使用过它的地方一并修改。',
    'Change this password now, everywhere you have used it.',
  ],
  verification_code: [
    '如果这不是你自己发起的操作，请立即修改密码并重置两步验证（2FA）。',
    'If you did not start this action yourself, change your password and reset two-factor authentication (2FA) now.',
  ],
  api_secret: [
    '请立即在账户中删除这组 API 密钥并新建一组：它应视为已泄露。',
    'Delete this API key in your account now and create a new one: treat it as exposed.',
  ],
  secret_request: ['', ''],
};

export function safetyNotice(kinds: SecretKind[], language: Language): SafetyNotice {
  const unique = [...new Set(kinds)].filter((k) => k !== 'secret_request');
  const zh = language === 'zh-CN';
  const names = unique.map((k) => WHAT[k][zh ? 0 : 1]).join(zh ? '、' : ', ');
  const message = zh
    ? `为了你的安全，我们已隐藏你发送的${names}，客服人员看不到它。客服永远不会向你索要密码、私钥、助记词或验证码；任何索要这些信息的人都是骗子。`
    : `For your safety we hid the ${names} you sent; our agents cannot see it. Support will never ask for your password, private key, recovery phrase or verification code: anyone who does is a scammer.`;
  return { kinds: unique, language, message, advice: unique.map((k) => ADVICE[k][zh ? 0 : 1]) };
}
