import type { Finding } from './findings.ts';

/**
 * A password left on a line of its own below the sign-off (round 27; four of sets 31–34's authors
 * wrote it, in English and Chinese): "… The password is the one at the bottom.\n\nOfa atu,\nSela\n\n
 * Luseane_Nurse8". Nothing next to the value names it, so the phrase rules and the context model,
 * which read a value's neighbours, never see it; the message names a password elsewhere.
 *
 * Taken only when all of these hold:
 * - the message names a password (not a code: a code has its own rules and digits-only shapes);
 * - the value is the message's last line, one token, after a blank line, below a short line (the
 *   name or the sign-off), so it is no sentence's word;
 * - it looks made up: letters with digits or signs, 6–40 characters, and is no e-mail address, link,
 *   @handle, phone number, labelled field ("UID: …") or an ordinary capitalised word.
 */
const NAMES_PASSWORD = /pass(?:word|code)|\bpwd?\b|密码|密碼|口令/iu;
/** Last line after a blank line, the line above it short (a name, "Kind regards,", "林老師 敬上"). */
const LAST_LINE = /\n[^\S\n]*([^\n]{1,40})[^\S\n]*\n[^\S\n]*\n[^\S\n]*(\S{6,40})\s*$/du;
const NOT_A_PASSWORD = /@|:\/\/|^www\.|\.(?:com|net|org|example)\b|^\+?[\d\s().-]+$|[:：]/iu;

export function detectSignedOffPasswords(text: string): Finding[] {
  if (!NAMES_PASSWORD.test(text)) return [];
  const m = LAST_LINE.exec(text);
  if (!m) return [];
  const value = m[2]!;
  if (NOT_A_PASSWORD.test(value)) return [];
  // Made up: a letter, and a digit or a sign among them; never a Chinese line (a sign-off wish).
  if (!/[A-Za-z]/.test(value) || !/[\d_#$%&*!?=+~^-]/.test(value) || /\p{Script=Han}/u.test(value)) return [];
  // The line above is no sentence that goes on into the value ("… is below:" leaves it to the rules).
  if (/[:：]\s*$/.test(m[1]!)) return [];
  const [start, end] = m.indices![2]!;
  return [{ kind: 'password', start, end }];
}

/**
 * A password pointed to and put on the next line alone (set 42, in both scripts): "密码见下方：\n
 * Xijindu_Lao_Jie\n从备忘录复制的", "密碼見下面：\nFaapaai_Dai_Hung", "my password is below:\nK3ttle-Drum".
 * The line names a password and points below; the next line is one made-up token.
 */
const POINTS_BELOW =
  /(?:密码|密碼|口令|\bpass(?:word|code)?\b|\bpwd?\b)[^\n]{0,24}?(?:见下方|見下方|见下面|見下面|在下面|在下方|如下|\bbelow\b|\bas\s+follows\b|\bhere\b)[^\S\n]*[:：]?[^\S\n]*\n[^\S\n]*(\S{4,40})[^\S\n]*(?:\n|$)/diu;

export function detectPasswordBelow(text: string): Finding[] {
  const m = POINTS_BELOW.exec(text);
  if (!m) return [];
  const value = m[1]!;
  if (NOT_A_PASSWORD.test(value) || /\p{Script=Han}/u.test(value)) return [];
  if (!/[A-Za-z]/.test(value) || !/[\d_#$%&*!?=+~^-]/.test(value)) return [];
  const [start, end] = m.indices![1]!;
  return [{ kind: 'password', start, end }];
}
