import { matchesIn } from '../platform/matches-in.ts';
import { hanAsDigits, lettersAsDigits } from './digit-forms.ts';
import type { Finding } from './findings.ts';

/**
 * A code or a key found once is the same secret wherever else the message repeats it (round 24,
 * dev28): "短信写的是 LM-662095，那我输 662095 对吧" gives the code after a sender's prefix, which no
 * detector reads as a code, and then again where one does. Every other occurrence of the found value
 * that stands on its own (no letter or digit joined to it on either side; a prefix's hyphen or a
 * bracket may be) is masked as the same kind. Passwords have their own reading of repeats and
 * changed spellings (password-variants.ts, detect-in-context.ts); phrases are words, never repeated
 * this way.
 */
const KINDS = new Set(['verification_code', 'private_key', 'api_secret']);
/** Fewer digits than this are too often some other number's too ("ending 1234"). */
const MIN_LENGTH = 4;

export function repeatedValues(text: string, findings: Finding[]): Finding[] {
  const out: Finding[] = [];
  const values = new Map<string, Finding['kind']>();
  for (const f of findings) {
    const value = text.slice(f.start, f.end);
    if (KINDS.has(f.kind) && value.replace(/[^\p{L}\p{N}]/gu, '').length >= MIN_LENGTH)
      values.set(value, f.kind);
  }
  // A code typed again with a letter for a digit ("I typed 6O4 112 … the correct one is 604 112",
  // round 30) is found where the letters read as digits repeat it.
  const read = values.size > 0 ? lettersAsDigits(text) : text;
  for (const [value, kind] of values) {
    for (let at = read.indexOf(value); at >= 0; at = read.indexOf(value, at + 1)) {
      const end = at + value.length;
      if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
      if (findings.some((f) => f.start < end && at < f.end)) continue;
      out.push({ kind, start: at, end });
    }
  }
  // The codes found, as plain digits, and the text with its Chinese digits read as digits.
  const codes = [...values]
    .filter(([, kind]) => kind === 'verification_code')
    .map(([value]) => hanAsDigits(value).replace(/[\s-]/g, ''));
  if (codes.length === 0) return out;
  const digitsRead = hanAsDigits(text);
  out.push(...inOtherDigits(digitsRead, codes, [...findings, ...out]));
  out.push(...nearTwins(digitsRead, codes, [...findings, ...out]));
  return out;
}

/** A run of digits, a lost one written as "?" among them. */
const DIGIT_RUN = /(?<![\dA-Za-z?？])[\d?？]{5,8}(?![\dA-Za-z?？])/g;

/**
 * A code read twice with one digit different or lost ("孙子念给我听：五二八一六九 … 最后一位是七不是九，528167";
 * "有一位听不清：39?520，应该是 396520", set 41): the misread and the corrected form are the same secret.
 * Same length, at most one digit different, at most two written as "?".
 */
function nearTwins(read: string, allCodes: string[], found: Finding[]): Finding[] {
  const codes = allCodes.filter((digits) => /^\d{5,8}$/.test(digits));
  if (codes.length === 0) return [];
  const out: Finding[] = [];
  for (const m of matchesIn(read, DIGIT_RUN)) {
    const run = m[0];
    const end = m.index + run.length;
    if (found.some((f) => f.start < end && m.index < f.end)) continue;
    const twin = codes.some((code) => {
      if (code.length !== run.length) return false;
      let differ = 0;
      let lost = 0;
      for (let i = 0; i < run.length; i++)
        if (run[i] === '?' || run[i] === '？') lost++;
        else if (run[i] !== code[i]) differ++;
      return differ <= 1 && lost <= 2 && differ + lost >= 1;
    });
    if (twin) out.push({ kind: 'verification_code', start: m.index, end });
  }
  return out;
}

/**
 * A code given in Chinese digits and again in digits, either way round ("小度把短信念出来“六八一九零三”，
 * 我就输了 681903", set 40): the other form is the same secret. Beside it no digit, Chinese digit or
 * Latin letter (Chinese text may touch it: "输了681903").
 */
function inOtherDigits(read: string, codes: string[], found: Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const digits of codes) {
    if (!/^\d{4,8}$/.test(digits)) continue;
    for (let at = read.indexOf(digits); at >= 0; at = read.indexOf(digits, at + 1)) {
      const end = at + digits.length;
      if (/[\dA-Za-z]/.test(read[at - 1] ?? '') || /[\dA-Za-z]/.test(read[end] ?? '')) continue;
      if (found.some((f) => f.start < end && at < f.end)) continue;
      out.push({ kind: 'verification_code', start: at, end });
    }
  }
  return out;
}
