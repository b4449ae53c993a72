import { matchesIn } from '../platform/matches-in.ts';
import type { Finding } from './findings.ts';
import { NAMES_PASSWORD } from './password-parts.ts';

/**
 * A password corrected or changed, its second value given without the word again (round 18, dev21):
 * "The pw is Ramses_2 sorry no, Ramses_II", "密码是 abc123 不对，是 abc1234", "Changed from Opal-Mine-3 to
 * Opal-Mine-4 this morning, now neither works". Only values that look made up (a digit, a sign, an
 * underscore or mixed case; a digit or a sign when no password is named), so "sorry no, Tuesday" or
 * "changed from MetaMask to iPhone" stay words.
 */
const VALUE = String.raw`([A-Za-z0-9!@#$%^&*_.+\-]{4,40})(?![A-Za-z0-9!@#$%^&*_+\-])`;
const CORRECTED = new RegExp(
  String.raw`(?:\b(?:sorry|oops|wait|nope|correction|i\s+mean(?:t)?)\b|\bno\b(?=[,!.]))[,!.]?\s+(?:no[,!.]?\s+)?(?:it'?s\s+|its\s+|it\s+is\s+)?${VALUE}|(?:不对|不對|唔系|唔係|打错了|打錯了|说错了|說錯了)[，,。\s]*(?:是|应该是|應該是|係)\s*${VALUE}`,
  'giu',
);
const CHANGED = new RegExp(
  String.raw`\b(?:changed|switched|updated|reset)\s+(?:it\s+|mine\s+)?from\s+["'“‘]?${VALUE}["'”’]?\s+to\s+["'“‘]?${VALUE}`,
  'giu',
);
const MADE_UP = /\d|[!@#$%^&*_+~]|[a-z][A-Z]|[A-Z].*[a-z].*[A-Z]/;
/** Without a password named, only a digit or a sign makes it one ("from MetaMask to iPhone" is not). */
const SIGNED = /\d|[!@#$%^&*_+~]/;

export function detectPasswordCorrections(text: string): Finding[] {
  const out: Finding[] = [];
  const add = (m: RegExpMatchArray, group: number) => {
    const value = m[group]?.replace(/[.]+$/, '');
    if (!value || value.length < 4 || !MADE_UP.test(value)) return;
    const start = m.index! + m[0].lastIndexOf(m[group]!);
    out.push({ kind: 'password', start, end: start + value.length });
  };
  // From one value to another: both are passwords when they look made up (no name needed: what else
  // is changed from "Opal-Mine-3" to "Opal-Mine-4" and then "works").
  for (const m of matchesIn(text, CHANGED)) {
    const first = m[1]!;
    if (!SIGNED.test(first) || !SIGNED.test(m[2]!)) continue;
    const start = m.index + m[0].indexOf(first);
    out.push({ kind: 'password', start, end: start + first.length });
    add(m, 2);
  }
  if (!NAMES_PASSWORD.test(text)) return out;
  for (const m of matchesIn(text, CORRECTED)) add(m, m[1] !== undefined ? 1 : 2);
  return out;
}
