import { detectAppLockPins } from './app-lock-pin.ts';
import { detectAsks } from './ask-classifier.ts';
import { detectCodeInPieces } from './code-in-pieces.ts';
import { detectComposedPasswords } from './composed-password.ts';
import { detectCodesInContext } from './detect-codes.ts';
import { detectCredentials } from './detect-credentials.ts';
import { detectInContext } from './detect-in-context.ts';
import { detectPrivateKeys } from './detect-keys.ts';
import { detectMnemonics } from './detect-mnemonic.ts';
import { detectSpelledPasswords } from './detect-spelled.ts';
import { type Finding, maskText, mergeFindings } from './findings.ts';
import { detectHanPasswords } from './han-password.ts';
import { detectPasswordCorrections } from './password-corrections.ts';
import { passwordExtent } from './password-extent.ts';
import { detectPasswordParts } from './password-parts.ts';
import { passwordVariants } from './password-variants.ts';
import { detectPlainWordPasswords } from './plain-word-password.ts';
import { repeatedValues } from './repeated-values.ts';
import { detectPasswordBelow, detectSignedOffPasswords } from './signed-off-password.ts';
import { detectSpacedPasswords } from './spaced-password.ts';
import { detectSpokenPasswords } from './spoken-password.ts';
import { detectStrongTokenPasswords } from './strong-token-password.ts';
import { detectTablePasswords } from './table-passwords.ts';
import { detectTriedPasswords } from './tried-passwords.ts';
import { CHINESE_CHARS, englishWordFor } from './wordlists.ts';

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
  if (options.previous && startsWithListWord(text)) {
    const joined = joinSplitPhrase(options.previous, text, own);
    if (joined) {
      previousFindings.push(joined.previous);
      own.push(joined.own);
    }
  }
  if (options.from === 'agent') {
    const showsPhrase = own.some((f) => f.kind === 'mnemonic');
    // A misspelt "password" ("pasword", "passwrd") is read as the word, as the customer's side reads it.
    own.push(...detectAsks(spellPasswordName(text), { showsPhrase }));
  }
  const findings = mergeFindings(own);
  return { findings, masked: maskText(text, findings), previousFindings: mergeFindings(previousFindings) };
}

/** A phrase never has more words than this; a join that would need more is not one phrase. */
const MAX_PHRASE_WORDS = 24;
const FULL_PHRASE_WORDS = 12;

/**
 * A phrase sent in two messages: the new message must start it (its first word is a list word)
 * and not already hold a full phrase there; the joined phrase must cross the boundary. Only the
 * phrase's words in the earlier message are masked, never the earlier message as a whole.
 */
function joinSplitPhrase(previous: string, text: string, own: Finding[]) {
  const startsHere = own.find((f) => f.kind === 'mnemonic' && f.start <= firstWordAt(text));
  if (startsHere && countWords(text.slice(startsHere.start, startsHere.end)) >= FULL_PHRASE_WORDS)
    return null;
  const joiner = '\n';
  const offset = previous.length + joiner.length;
  for (const f of detectMnemonics(previous + joiner + text)) {
    // The phrase must reach into the earlier message and take in the new message's first word.
    if (!(f.start < previous.length && f.end > offset + firstWordAt(text))) continue;
    const joinedWords = countWords((previous + joiner + text).slice(f.start, f.end));
    if (joinedWords > MAX_PHRASE_WORDS) continue;
    const tail = previous.slice(f.start);
    const lastWord = tail.search(/[\p{L}](?=[^\p{L}]*$)/u);
    if (lastWord < 0) continue;
    return {
      previous: { kind: f.kind, start: f.start, end: f.start + lastWord + 1 },
      own: { kind: f.kind, start: firstWordAt(text), end: f.end - offset },
    };
  }
  return null;
}

const LETTER = /[\p{L}]/u;
function firstWordAt(text: string) {
  const at = text.search(LETTER);
  return at < 0 ? text.length : at;
}
function countWords(text: string) {
  return (text.match(/[A-Za-z]+|\p{Script=Han}/gu) ?? []).length;
}

/** Whether the message's first word (after a list number) is a wordlist word. */
function startsWithListWord(text: string) {
  const first = text.match(/^[\s\d.,;:)(、，。；：-]*([A-Za-z]+|\p{Script=Han})/u)?.[1];
  if (!first) return false;
  return /^[A-Za-z]/.test(first) ? Boolean(englishWordFor(first)) : CHINESE_CHARS.has(first);
}

/**
 * India's postal "PIN code" of an address is no PIN (round 16, dev16): read as "postcode" or
 * "zipcode", the same length, so the detectors' offsets still point into the message.
 */
const POSTAL_PIN =
  /\bpin ?code\b(?=[^.?!]{0,40}\b(?:address|delivery|postal|courier|city|area|district|verification\s+form)\b|\s*(?:is\s*)?\d{6}\s*\((?:[A-Z][a-z]+)\))|(?<=\b(?:address|postal|delivery|city|district)\b[^.?!]{0,40})\bpin ?code\b/gi;

/**
 * Full-width letters and digits (a Chinese keyboard's "３９１２０８") read as ASCII, one unit for one, so
 * offsets hold (round 16, dev17). Full-width punctuation stays: the detectors read "，" as Chinese.
 */
const FULL_WIDTH = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
/**
 * Circled digits (a phone's "fancy font": ⑦③⑨②⓪⑥, ❶, ➀, round 25) read as digits, one unit for one.
 * ⑩ and above are two digits' worth and stay.
 */
const CIRCLED = /[\u2460-\u2468\u24EA\u2776-\u277E\u2780-\u2788\u278A-\u2792\u24FF]/g;
/** Each block's digit one: ①, ❶, ➀, ➊ (each block runs to its 9). */
const CIRCLED_ONES = [0x2460, 0x2776, 0x2780, 0x278a];
function circledDigit(c: string): string {
  const code = c.charCodeAt(0);
  if (code === 0x24ea || code === 0x24ff) return '0';
  return String(code - CIRCLED_ONES.findLast((one) => code >= one)! + 1);
}
/**
 * A code typed half in digits and half in Chinese numerals ("5三9一02", round 25) read as digits: a
 * run of four to eight numerals holding both kinds. A run of Chinese numerals alone stays (the code
 * rules read "四八二九一五" as it is, and "一二" is often not a number).
 */
const MIXED_NUMERALS =
  /(?<![0-9零〇一二三四五六七八九])[0-9零〇一二三四五六七八九]{4,8}(?![0-9零〇一二三四五六七八九])/gu;
/** A Chinese numeral's digit: its place in this row (零, not in it, is 0 too). */
const HAN_NUMERALS = '〇一二三四五六七八九';
function asciiForms(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(CIRCLED, circledDigit)
    .replace(MIXED_NUMERALS, (run) =>
      /\d/.test(run) && /[^\d]/.test(run)
        ? run.replace(/[^\d]/g, (c) => String(Math.max(0, HAN_NUMERALS.indexOf(c))))
        : run,
    );
}

/**
 * "password" misspelt or split ("passwerd", "pasword", "passwrod", "psswd", "pass word", round 18) read as a name
 * every detector knows, of the same length so offsets hold: 8 letters "password", 7 "passwd" and a
 * space, 6 "passwd". The word must still start with "p…s" and hold a "w" and end in "d"/"t", so
 * "passed", "pasted" or "passport" are not read as one.
 */
const MISSPELT_PASSWORD = /\bp[ae]?s{1,2}(?:[aeiou]?w[aeiou]{0,2}r{0,2}[dt]|wr[aeiou]d)\b|\bpass word\b/gi;
const SAME_LENGTH_NAME: Record<number, string> = { 6: 'passwd', 7: 'passwd ', 8: 'password', 9: 'password ' };
/**
 * A password's name in the customer's other language, in English text ("Contraseña is Señorita_Rock4",
 * set 37), read as "password" padded to the same length (each is eight letters or more).
 */
const OTHER_LANGUAGE_NAME =
  /\b(?:contrase[ñn]a|passwort|wachtwoord|mot de passe|kata sandi|l[öo]senord|adgangskode)\b/giu;
function spellPasswordName(text: string): string {
  return text
    .replace(MISSPELT_PASSWORD, (w) => (/^pass(?:word|wd)$/i.test(w) ? w : (SAME_LENGTH_NAME[w.length] ?? w)))
    .replace(OTHER_LANGUAGE_NAME, (w) => 'password'.padEnd(w.length));
}

function detectSecrets(original: string): Finding[] {
  const text = spellPasswordName(asciiForms(original)).replace(POSTAL_PIN, (pin) =>
    pin.length === 8 ? 'postcode' : 'zipcode',
  );
  const found = passwordExtent(text, [
    ...detectMnemonics(text),
    ...detectPrivateKeys(text),
    ...detectCredentials(text),
    ...detectCodesInContext(text),
    ...detectCodeInPieces(text),
    ...detectInContext(text),
    ...detectSpelledPasswords(text),
    ...detectPlainWordPasswords(text),
    ...detectSpokenPasswords(text),
    ...detectPasswordParts(text),
    ...detectPasswordCorrections(text),
    ...detectAppLockPins(text),
    ...detectSignedOffPasswords(text),
    ...detectPasswordBelow(text),
    ...detectHanPasswords(text),
    ...detectStrongTokenPasswords(text),
    ...detectTriedPasswords(text),
    ...detectTablePasswords(text),
    ...detectComposedPasswords(text),
    ...detectSpacedPasswords(text),
  ]);
  // Other spellings of a password found, listed beside it (password-variants.ts), and a code or a
  // key repeated where no detector read it (repeated-values.ts).
  return [...found, ...passwordVariants(text, found), ...repeatedValues(text, found)];
}
