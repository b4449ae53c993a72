import { matchesIn } from '../platform/matches-in.ts';
import type { Finding } from './findings.ts';

/**
 * A password that arrives with spaces it does not have, and the customer says so (four authors, sets
 * 37, 38, 41 and 42), or with spaces it does have (below, englishWithSpaces):
 *
 * - **Dictated**: "密码是 yandi 嗯 ling 99 中间其实没空格", "呃密码是 zhen zhu 呃 五五 没有空格的",
 *   "[语音转文字] 密码是呃 daijia 呃 2046 中间没空格", "我用语音输入：密码 比熊 一 三 一 四". After 密码
 *   (是/：), in a message that says the spaces are not in it or that it was dictated, the pieces
 *   that follow (PIECE) up to the first other word, a punctuation mark or the remark itself are the
 *   password, fillers (呃 嗯 额) included inside and trimmed at the ends.
 * - **Typed one by one**: "typed it slowly like this so you can see: m a r s h _ 4 4", "我是这样一个一个
 *   输的：j u n c i 0 7 1 5". Six or more single characters, each followed by one space, in a message
 *   about a password or typing, two letters among them ("Code's 6 1 8 0 5 2" is a code).
 */
const NO_SPACES =
  /没有?(?:加)?空格|不带空格|不帶空格|沒有?空格|冇空格|连在一起|連在一起|\bno\s+spaces?\b|without\s+(?:the\s+)?spaces/iu;
const DICTATED = /语音|語音|voice[\s-]*(?:to[\s-]*text|typing|input)|dictat/iu;
const AFTER_NAME = /(?:密码|密碼)\s*(?:是|係|为|為|[:：])?\s*/gu;
const STOP =
  /[，。,;；!?！？\n（(]|中间|中間|其实|其實|没有?(?:加)?空格|沒有?空格|不带空格|不帶空格|冇空格|连在一起|連在一起|提示|我(?!\S)/u;
/** Fillers at either end, and a spelling word left at the end ("… 七七 然后 验证码…"). */
const FILLER_ENDS = /^(?:\s|呃|嗯|额|額)+|(?:\s|呃|嗯|额|額|然后(?:是)?|然後(?:是)?|再加(?:上)?|加上)+$/gu;
const SPACED_CHARS =
  /(?<![A-Za-z0-9_!@#$%^&*.'’-])(?:[A-Za-z0-9_!@#$%^&*.-] ){5,39}[A-Za-z0-9_!@#$%^&*-](?![A-Za-z0-9_!@#$%^&*-])/g;
const ABOUT_PASSWORD = /password|passcode|\bpw\b|密码|密碼|\btyp(?:e|ed|ing)\b|输的|輸的|输入|輸入|打的/iu;

/**
 * A piece a dictated password is made of: Latin letters, digits or signs (maybe after 大写/小写的),
 * Chinese numerals, a filler, or a spelling word (小写, 然后是, 再加). Dictation has no punctuation,
 * so the first other piece ("登不进去", "验证码是", "我用語音打字") ends the password.
 */
const PIECE =
  /^(?:(?:大[写寫]|小[写寫])的?[A-Za-z]?|[A-Za-z0-9_!@#$%^&*.+~-]+|[零〇一二三四五六七八九幺两]+|呃|嗯|额|額|然后(?:是)?|然後(?:是)?|再加(?:上)?|加上)$/u;
function valuePieces(span: string): string {
  const pieces = span.split(/(\s+)/);
  let end = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (i % 2 === 1 || piece === '') {
      end += piece.length;
      continue;
    }
    if (!PIECE.test(piece)) break;
    end += piece.length;
  }
  return span.slice(0, end);
}

/**
 * An English password with spaces in it, the customer saying so or having dictated it (five authors,
 * sets 21, 25, 27, 28 and 42): "the password has a space: Dowa Hills 88 <- is the space allowed?",
 * "I typed:   Abraham & Sarah 1975   (with spaces …)", "pw: Scalp 9x Fast (spaces incl)", "It is 'Gilt
 * Frame 1887' with the spaces", "my pass word is for get me not 23 like the flower sorry voice typing".
 * After the name (or "typed:"), quoted or up to the first bracket, arrow, dash, sentence end or the
 * remark; two to five pieces (single characters in a row are one) with a digit, a capital or a sign.
 */
const SPACES_KEPT =
  /\bwith\s+(?:the\s+)?spaces?\b|\bspaces?\s+incl|\bhas\s+(?:a\s+)?spaces?\b|\bspaces?\s+(?:is|are)\s+(?:allowed|part|in\s+it)|\bspeaking\s+to\s+(?:the|my)\s+phone|\bsaid\s+it\s+to\s+(?:my|the)\s+phone|\bvoice[\s-]*(?:to[\s-]*text|typing|input)|\bdictat/iu;
const EN_AFTER_NAME =
  /\b(?:password|pass\s?word|pw|passcode)\b[^.\n:]{0,30}?(?:\bis\b|[:：])[^\S\n]*|\btyped[^\S\n]*[:：][^\S\n]*|\bit(?:'s|\s+is)[^\S\n]+(?=['"“‘])/giu;
const EN_QUOTED = /^['"“‘]([^'"”’\n]{3,40})['"”’]/u;
const EN_STOP =
  /[^\S\n]*(?:[([<]|<-|[^\S\n][-—–][^\S\n]|[.,;!?](?=\s|$)|\bI\s+(?:said|typed|tried)\b|\bwith\b|\bno\s+spaces?\b|\blike\b|\bdidn'?t\b|\bbut\b|\band\s+it\b|\n|$)/iu;

function englishWithSpaces(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of matchesIn(text, EN_AFTER_NAME)) {
    const from = m.index + m[0].length;
    const rest = text.slice(from);
    const quoted = EN_QUOTED.exec(rest);
    const value = quoted ? quoted[1]! : rest.slice(0, rest.search(EN_STOP));
    // Single characters in a row count as one piece ("crawfish boil 2 0 2 5": three).
    const pieces = value
      .trim()
      .split(/\s+/)
      .filter((p, i, all) => p.length > 1 || i === 0 || all[i - 1]!.length > 1);
    if (pieces.length < 2 || pieces.length > 5 || value.length > 40) continue;
    if (!/[\dA-Z!@#$%^&*_+~]/.test(value)) continue;
    const start = from + rest.indexOf(value.trim());
    out.push({ kind: 'password', start, end: start + value.trim().length });
  }
  return out;
}

export function detectSpacedPasswords(text: string): Finding[] {
  const out: Finding[] = SPACES_KEPT.test(text) ? englishWithSpaces(text) : [];
  if (NO_SPACES.test(text) || DICTATED.test(text)) {
    for (const m of matchesIn(text, AFTER_NAME)) {
      const from = m.index + m[0].length;
      const rest = text.slice(from);
      const stop = rest.search(STOP);
      const span = valuePieces(rest.slice(0, stop < 0 ? rest.length : stop));
      const value = span.replace(FILLER_ENDS, '');
      // Two pieces at least (one piece is read elsewhere), one of them Latin or a digit.
      if (!/\s/.test(value) || !/[A-Za-z0-9一二三四五六七八九零]/.test(value) || value.length > 40) continue;
      const start = from + span.indexOf(value);
      out.push({ kind: 'password', start, end: start + value.length });
    }
  }
  if (ABOUT_PASSWORD.test(text))
    for (const m of matchesIn(text, SPACED_CHARS))
      if (/[A-Za-z].*[A-Za-z]/.test(m[0]))
        out.push({ kind: 'password', start: m.index, end: m.index + m[0].length });
  return out;
}
