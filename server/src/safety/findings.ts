/** What the scanners report: the kind of secret and where it sits (UTF-16 offsets), never the secret. */
export const SECRET_KINDS = [
  'mnemonic',
  'private_key',
  'password',
  'verification_code',
  'api_secret',
  'secret_request',
] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

export interface Finding {
  kind: SecretKind;
  start: number;
  end: number;
}

/**
 * Which kind names a merged finding: a request for a secret first (it is what blocks an agent's
 * message, even when the ask also quotes phrase-like words), then the kinds in SECRET_KINDS order.
 */
const PRIORITY: readonly SecretKind[] = [
  'secret_request',
  ...SECRET_KINDS.filter((k) => k !== 'secret_request'),
];

/** Sorts findings and merges overlapping ones (the kind first in PRIORITY wins). */
export function mergeFindings(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Finding[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) {
      if (PRIORITY.indexOf(f.kind) < PRIORITY.indexOf(last.kind)) last.kind = f.kind;
      last.end = Math.max(last.end, f.end);
    } else {
      out.push({ ...f });
    }
  }
  return out;
}

/** Replaces each finding with a placeholder naming only its kind. */
export function maskText(text: string, findings: Finding[]): string {
  let out = '';
  let at = 0;
  for (const f of mergeFindings(findings)) {
    out += `${text.slice(at, f.start)}[${f.kind} hidden]`;
    at = f.end;
  }
  return out + text.slice(at);
}
