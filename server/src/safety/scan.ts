import { detectCredentials } from './detect-credentials.ts';
import { detectPrivateKeys } from './detect-keys.ts';
import { detectMnemonics } from './detect-mnemonic.ts';
import { detectSecretRequests } from './detect-request.ts';
import { type Finding, maskText, mergeFindings } from './findings.ts';

export interface ScanResult {
  findings: Finding[];
  masked: string;
  /** Findings that reach back into the previous message (a phrase split over two messages). */
  previousFindings: Finding[];
}

export interface ScanOptions {
  from: 'customer' | 'agent';
  /** The same author's previous message, for a phrase sent in two parts. */
  previous?: string | null;
}

/**
 * Scans one message. A customer's text is searched for secrets; an agent's text for secrets too
 * (an agent must not paste one either) and for requests for one.
 */
export function scanText(text: string, options: ScanOptions): ScanResult {
  const own = detectSecrets(text);
  const previousFindings: Finding[] = [];
  if (options.previous) {
    // Scan both messages as one; keep what crosses the boundary, split at it.
    const joiner = '\n';
    const offset = options.previous.length + joiner.length;
    for (const f of detectMnemonics(options.previous + joiner + text)) {
      if (f.start < offset && f.end > offset) {
        previousFindings.push({ kind: f.kind, start: f.start, end: options.previous.length });
        own.push({ kind: f.kind, start: 0, end: f.end - offset });
      }
    }
  }
  if (options.from === 'agent') own.push(...detectSecretRequests(text));
  const findings = mergeFindings(own);
  return { findings, masked: maskText(text, findings), previousFindings: mergeFindings(previousFindings) };
}

function detectSecrets(text: string): Finding[] {
  return [...detectMnemonics(text), ...detectPrivateKeys(text), ...detectCredentials(text)];
}
