/**
 * Every match of a global pattern in a text, as `text.matchAll(pattern)` gives them (from the
 * pattern's lastIndex, empty matches stepped over, the pattern's lastIndex as it was), gathered at
 * once. matchAll copies the pattern on every call (its species constructor): ~1 µs each, and the
 * screen runs some eighty of them on every message, most matching nothing — on a short chat line
 * that copying was most of the screen's time. `exec` on the pattern itself costs ~0.1 µs.
 */
export function matchesIn(text: string, pattern: RegExp): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`matchesIn needs a global pattern: ${pattern}`);
  const kept = pattern.lastIndex;
  const out: RegExpExecArray[] = [];
  try {
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      out.push(m);
      if (m[0] === '')
        pattern.lastIndex = stepOver(text, pattern.lastIndex, pattern.unicode || pattern.unicodeSets);
    }
  } finally {
    pattern.lastIndex = kept;
  }
  return out;
}

/** The index after `at`, a surrogate pair as one character in a unicode pattern (AdvanceStringIndex). */
function stepOver(text: string, at: number, unicode: boolean): number {
  if (!unicode || at + 1 >= text.length) return at + 1;
  const c = text.charCodeAt(at);
  return c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00 ? at + 2 : at + 1;
}
