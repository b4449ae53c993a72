/**
 * What the inbound pipeline asks of secret detection. The safety capability's detector plugs in
 * here (the lead wires it at merge); until then a small built-in detector covers the obvious cases.
 */
export interface SecretDetector {
  /** The spans of `text` that look like a secret someone should never post. */
  find(text: string): SecretFinding[];
}

export interface SecretFinding {
  kind: string;
  start: number;
  end: number;
}

export interface Screening {
  /** The text with every secret masked: what the desk stores and shows. */
  text: string;
  secrets: SecretFinding[];
}

/**
 * The single call site where every inbound social message is screened before the desk stores it.
 * Both public and private messages go through it (a secret in a private chat is masked too); the
 * core deletes a public one and warns its author.
 */
export function screenPublicMessage(detector: SecretDetector, text: string): Screening {
  const found = detector.find(text).sort((a, b) => a.start - b.start);
  let masked = '';
  let at = 0;
  for (const f of found) {
    if (f.start < at) continue;
    masked += `${text.slice(at, f.start)}[已隐藏 hidden: ${f.kind}]`;
    at = f.end;
  }
  masked += text.slice(at);
  return { text: masked, secrets: found };
}

/** Twelve or more short lowercase words in a row: the shape of a wallet's recovery phrase. */
const SEED_PHRASE = /\b(?:[a-z]{3,8}\s+){11,23}[a-z]{3,8}\b/g;
/** A raw private key: 64 hex digits, with or without 0x. */
const HEX_KEY = /\b(?:0x)?[0-9a-fA-F]{64}\b/g;
/** "password: …", "密码：…", "验证码 123456", "2FA code 123456". */
const LABELLED =
  /(?:password|passwd|密码|验证码|2fa|otp|verification code|api[ _-]?secret)\s*(?:is|是|为)?\s*[:：=]?\s*[^\s，。,]{4,}/gi;

/** The detector used until the safety capability's one is plugged in. */
export const basicSecretDetector: SecretDetector = {
  find(text) {
    const out: SecretFinding[] = [];
    for (const [kind, re] of [
      ['seed_phrase', SEED_PHRASE],
      ['private_key', HEX_KEY],
      ['credential', LABELLED],
    ] as const) {
      for (const m of text.matchAll(re)) out.push({ kind, start: m.index, end: m.index + m[0].length });
    }
    return out;
  },
};
