/**
 * Chat spellings read as the words they stand for, before the ask screen's rules read a sentence
 * (ask-text.ts `normalise`).
 */

/**
 * Whole words: texting shorthand, Scots and Irish chat (round 14), Jamaican and Nigerian chat and
 * Indian English (round 15), pinyin for a secret's name (round 16).
 */
const WORDS: Record<string, string> = {
  u: 'you',
  ur: 'your',
  r: 'are',
  whats: "what's",
  pls: 'please',
  plz: 'please',
  wrds: 'words',
  pw: 'password',
  pwd: 'password',
  yer: 'your',
  wi: 'with',
  aff: 'off',
  sen: 'send',
  yuh: 'your',
  di: 'the',
  fi: 'for',
  pon: 'on',
  wid: 'with',
  wah: 'what',
  numba: 'number',
  nuh: "don't",
  cept: 'except',
  abeg: 'please',
  kindly: 'please',
  // Pinyin typed for a secret's Chinese name, whole or by initials (round 16).
  mima: '密码',
  yzm: '验证码',
  yanzhengma: '验证码',
  zjc: '助记词',
  zhujici: '助记词',
  siyao: '私钥',
  // Round 17: India's mobile-banking and phone-banking PINs.
  mpin: 'pin',
  tpin: 'pin',
  // Round 19: more Scots ("dinnae tell me", "gie yer seed phrase tae anybody"), Swahili and Sheng
  // in Kenyan chat ("tuma hiyo code hapa"), Gen-Z "yeet it to me".
  whit: 'what',
  passy: 'password',
  tae: 'to',
  intae: 'into',
  dinnae: "don't",
  didnae: "didn't",
  cannae: "can't",
  doon: 'down',
  gie: 'give',
  gonnae: 'going to',
  naw: 'no',
  tuma: 'send',
  hiyo: 'that',
  hapa: 'here',
  yeet: 'send',
  // Round 20: Jamaican chat ("wha di code weh jus come", "read dem out fi mi") and more Scots.
  wha: 'what',
  weh: 'that',
  dem: 'them',
  jus: 'just',
  likkle: 'little',
  hae: 'have',
  sae: 'so',
  oot: 'out',
  // Round 29: Geordie ("naebody … will ever ask", "divvent send it"), Hawaiian Pidgin ("wat your
  // password stay", "send um ova", "copy um hea fo' me").
  naebody: 'nobody',
  divvent: "don't",
  dinna: "don't",
  wat: 'what',
  da: 'the',
  ova: 'over',
  hea: 'here',
};
/** Not inside a hyphenated word: "Wi-Fi" is no "with for" (round 17). */
const WORD = new RegExp(`(?<!-)\\b(?:${Object.keys(WORDS).join('|')})\\b(?!-)`, 'gi');

/** Spellings read by their context ("whit's", "no send am give me", "you don give anybody the code?"). */
const IN_CONTEXT: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bw\//gi, 'with '],
  [/\bwhit(?='s\b|\s+is\b)/gi, 'what'],
  [/\bno\s+(?=(?:send|give|share|tell|type)\s+am\b)/gi, "don't "],
  [/\byou\s+don\s+(?=give|send|share|tell|type|put)/gi, 'did you '],
  [/(?<=\b(?:send|give|share|tell|confirm|put|check)\s)am\b/gi, 'it'],
  // Hawaiian Pidgin "send um", "copy um" (it), round 29.
  [/(?<=\b(?:send|give|share|tell|copy|read|type|paste|punch)\s)um\b(?!,)/gi, 'it'],
  [/\bfo'(?=\s)/gi, 'for'],
  // Pidgin "wat your password stay?" (what is your password?).
  [/\bwhat\s+(your\s+[^?.!]{1,40}?)\s+stay\s*\?/gi, 'what is $1?'],
  // A suggestion put as "why not": "Why not just slide me the seed?", "Why not send me your Gmail
  // password?" (round 30) asks as "please" does.
  [
    /\bwhy\s+not\s+(?:just\s+)?(?=(?:send|give|slide|share|tell|read|hand|text|drop|paste|type)\s+(?:me|us)\b)/gi,
    'please ',
  ],
  [/\bslide\s+(?=(?:me|us)\b)/gi, 'send '],
  // Pinning a chat or a message is no PIN ("📌 Pin this chat", a [Pin] button).
  [/\bpin(?=\s+(?:this|the|our|my)\s+(?:chat|message|post|conversation|thread|tab)\b)/gi, 'stick'],
  [/\[pin\]/gi, '[stick]'],
  [/(?<=\b(?:send|give|tell|pass|for)\s)mi\b/gi, 'me'],
  // The Filipino politeness particle ("screenshot po and send here"): no word of its own, round 20.
  [/(?<=\w)\s+po\b(?=[\s,.!?])/g, ''],
  // Round 20: Jamaican "yuh did…" (you, not your, before a verb), "a di" (of the); "need not, and
  // should not, send us…" said as one negation; "the code word STOP" (a keyword the agent gives).
  [/\byour\s+(?=(?:did|do|does|have|had|can|could|see|get|got|know|want|need|must|ever)\b)/gi, 'you '],
  [/\ba\s+(?=the\s)/gi, 'of '],
  [/\b(?:need|should|must)\s+not,\s+(?:and|or)\s+(?:need|should|must)\s+not,\s*/gi, 'should not '],
  [/\bcode\s*word(?=\s+["'“‘]?[A-Z]{2,}\b)/g, 'keyword'],
  // Jamaican "wha di code…?" opening a question: what is the code (round 20).
  [/^(\s*)what\s+(?=the\s+(?:[\w-]+\s+){0,2}(?:code|otp|pin|password|digits|numbers?)\b)/gi, '$1what is '],
  // India's postal "PIN code" of an address is no PIN.
  [
    /\b(?:\d-digit\s+)?pin\s*code\b(?=[^.?!]{0,40}\b(?:address|delivery|postal|courier|city|area)\b)/gi,
    'postcode',
  ],
  // Sound-alikes and spaced spellings (round 17): "sea phrase", "see'd words", "pass word", "oh tee
  // pee", 估狗码 (a voice keyboard's 谷歌码).
  [/\bsea\s+(?=phrase|words?\b)/gi, 'seed '],
  [/\bsee'?d\s+(?=phrase|words?\b)/gi, 'seed '],
  [/\bpass\s+word(?=s?\b)/gi, 'password'],
  [/\boh\s+tee\s+pee\b/gi, 'otp'],
  [/估狗|咕狗|姑狗/g, '谷歌'],
  [/\bGA\s*(?=码)/gi, '谷歌验证'],
  // Hong Kong's 短訊 (read as 短讯) is the 短信 the vocabulary names.
  [/短讯/g, '短信'],
  // Scots "gie's" (give us), "ye ken" (you know), round 19; Nigerian Pidgin "wey dey for" (that is on).
  [/\bgie'?s\b/gi, 'give us'],
  [/\bye\b/gi, 'you'],
  [/\byou\s+ken\b/gi, 'you know'],
  [/\bwey\s+dey\s+(?:for|on|inside|in)\b/gi, 'that are on'],
  // Nigerian Pidgin "wetin be" (what is), round 18.
  [/\bwetin\s+(?:be|is)\b/gi, 'what is'],
  // An idiom whose words look like an object ("on the same page" is no web page).
  [/\bon\s+the\s+same\s+page\b/gi, 'in agreement'],
];

export function spelledOut(sentence: string): string {
  let said = sentence.replace(WORD, (w) => WORDS[w.toLowerCase()] ?? w);
  for (const [from, to] of IN_CONTEXT) said = said.replace(from, to);
  return said;
}
