import type { Finding } from './findings.ts';

/**
 * A password in a table the customer pasted: a password manager's export or a note kept as a table
 * ("name,url,username,password\nLumen,lumen.example,wkowal,Runway09Left", set 38). A header line
 * whose fields (split by commas, tabs, semicolons or pipes) include a password's name, then lines
 * with as many fields: each such line's field under that name is a password.
 */
const PASSWORD_FIELD = /^(?:password|passwd|pass|pwd|login[\s_]?password|密码|密碼|登录密码|登入密碼)$/iu;
const SEPARATORS = [',', '\t', ';', '|'];

function fields(line: string, sep: string) {
  const trimmed = sep === '|' ? line.trim().replace(/^\||\|$/g, '') : line;
  return trimmed.split(sep).map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
}

export function detectTablePasswords(text: string): Finding[] {
  if (!/pass|pwd|密[码碼]/iu.test(text)) return [];
  const out: Finding[] = [];
  const lines = text.split('\n');
  const starts: number[] = [];
  for (let i = 0, at = 0; i < lines.length; at += lines[i]!.length + 1, i++) starts.push(at);
  for (let i = 0; i < lines.length; i++) {
    for (const sep of SEPARATORS) {
      const head = fields(lines[i]!, sep);
      const column = head.findIndex((f) => PASSWORD_FIELD.test(f));
      if (head.length < 2 || column < 0) continue;
      for (let j = i + 1; j < lines.length; j++) {
        const line = lines[j]!;
        if (/^\s*\|?[\s:|-]+\|?\s*$/.test(line) && sep === '|') continue; // a Markdown rule line
        const row = fields(line, sep);
        if (row.length !== head.length) break;
        const value = row[column]!;
        // A hidden value ("********") is none.
        if (value.length < 4 || /\s/.test(value) || /^[*•·●]+$/.test(value)) continue;
        const start = starts[j]! + line.indexOf(value, nthFieldOffset(line, sep, column));
        out.push({ kind: 'password', start, end: start + value.length });
      }
      break;
    }
  }
  return out;
}

/** Where the n-th field starts in its line (so a value equal to an earlier field is found in place). */
function nthFieldOffset(line: string, sep: string, n: number) {
  let at = sep === '|' ? line.indexOf('|') + 1 : 0;
  for (let k = 0; k < n; k++) at = line.indexOf(sep, at) + 1;
  return at;
}
