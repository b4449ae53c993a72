import { scanText } from '../safety/scan.ts';

/**
 * What the inbound pipeline asks of secret detection. The safety capability's detector plugs in
 * here (wired in register.ts).
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

/** The words of a masked text without the masks (which are bilingual: not the person's language). */
export function withoutMasks(text: string): string {
  return text.replace(/\[已隐藏 hidden: [^\]]*\]/g, ' ');
}

/**
 * The safety capability's detector (mnemonics in every wordlist and shape, keys, passwords and
 * codes in context), the same one that screens tickets and chat: a TXID or an address is not a secret.
 */
export const safetySecretDetector: SecretDetector = {
  find(text) {
    return scanText(text, { from: 'customer' }).findings.map((f) => ({
      kind: f.kind,
      start: f.start,
      end: f.end,
    }));
  },
};
