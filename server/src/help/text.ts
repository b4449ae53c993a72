import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import * as OpenCC from 'opencc-js';
import { stemmer } from 'stemmer';

/**
 * Text normalisation shared by indexing and querying, so both sides produce the same tokens:
 * traditional → simplified Chinese, full-width → half-width, lower case; Chinese runs segmented by
 * jieba (with this domain's words) plus character bigrams for recall; English words stemmed.
 */

/** Domain words jieba must keep whole. Without a high frequency an entry has no effect. */
const DOMAIN_WORDS = [
  '提现',
  '提币',
  '充币',
  '充值',
  '到账',
  '转人工',
  '人工客服',
  '在线客服',
  '实名认证',
  '身份认证',
  '谷歌验证',
  '谷歌验证器',
  '验证码',
  '二次验证',
  '双重验证',
  '手续费',
  '冻结',
  '解冻',
  '地址标签',
  '备注',
  '交易哈希',
  '主网',
  '链上',
  '币安链',
  '波场',
  '以太坊',
  '工单',
  '客服',
  '限价单',
  '市价单',
  '止盈止损',
  '撤单',
  '挂单',
  '吃单',
  '合约',
  '现货',
  '杠杆',
  '强平',
  '资金费率',
  '助记词',
  '私钥',
  '钓鱼',
  '诈骗',
  '防骗',
  '提现地址',
  '白名单',
  '人脸识别',
  '护照',
  '身份证',
  '手机号',
  '邮箱',
  '密码',
  '重置',
  '解绑',
  '审核',
  '风控',
  '区块确认',
  '确认数',
  '网络',
  '币种',
  '划转',
  '资金账户',
  '交易账户',
  '法币',
  '出金',
  '入金',
];

let jieba: Jieba | null = null;

/** jieba is loaded once per process (~150 ms); the dictionary is only a segmenter, not an index. */
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    const user = DOMAIN_WORDS.map((w) => `${w} 100000 n`).join('\n');
    jieba.loadDict(new TextEncoder().encode(user));
  }
  return jieba;
}

/** Whether jieba's dictionary (with the domain words) holds this text as one word. */
export function isWord(text: string): boolean {
  const cut = segmenter().cut(text, false);
  return cut.length === 1 && cut[0] === text;
}

/**
 * Below this count in jieba's dictionary a two-character entry is too rare to be what a customer
 * meant to type: the dictionary also lists oddities (冻洁, count 3) that are far likelier a
 * pinyin typo of a term (冻结) than the word itself. 如今 has 9,684.
 */
const ESTABLISHED = 20;
let establishedPairs: Set<string> | null = null;

/** Whether a two-character text is a word in common use (or one of the domain's words). */
export function isEstablishedWord(text: string): boolean {
  if (!establishedPairs) {
    // Only the two-character entries are kept (~46,000): the typo check asks about no others.
    establishedPairs = new Set(DOMAIN_WORDS.filter((w) => [...w].length === 2));
    for (const line of new TextDecoder().decode(dict).split('\n')) {
      const [word, count] = line.split(' ');
      if (word && [...word].length === 2 && Number(count) >= ESTABLISHED) establishedPairs.add(word);
    }
  }
  return establishedPairs.has(text);
}

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

const HAN = /\p{Script=Han}/u;
/** Runs of Han characters, or of Latin letters/digits. Everything else separates tokens. */
const RUNS = /\p{Script=Han}+|[[\p{L}\p{N}]--\p{Script=Han}]+/gv;

/** Words that carry no meaning for search, in either language. */
const STOP = new Set([
  'the',
  'a',
  'an',
  'to',
  'of',
  'in',
  'on',
  'for',
  'is',
  'are',
  'was',
  'be',
  'my',
  'i',
  'me',
  'it',
  'how',
  'do',
  'does',
  'did',
  'can',
  'what',
  'why',
  'when',
  'where',
  'and',
  'or',
  'with',
  'your',
  'you',
  'not',
  'no',
  'at',
  'by',
  'from',
  'this',
  'that',
  'has',
  'have',
  'will',
  'should',
  'am',
  'if',
  'get',
  'up',
  '的',
  '了',
  '吗',
  '呢',
  '吧',
  '啊',
  '我',
  '我的',
  '你',
  '怎么',
  '怎么办',
  '如何',
  '为什么',
  '什么',
  '是',
  '在',
  '有',
  '和',
  '与',
  '及',
  '或',
  '请问',
  '怎样',
  '可以',
  '能',
  '不',
  '没有',
  '一个',
  '这',
  '那',
  '要',
  '还',
  '么',
  '办',
  '了吗',
  '呀',
  '哪里',
  '哪儿',
  '多久',
  '是否',
]);

let fromTaiwanConverter: ((text: string) => string) | null = null;
const fromTaiwan = (text: string) => {
  const convert = fromTaiwanConverter ?? OpenCC.Converter({ from: 'twp', to: 'cn' });
  fromTaiwanConverter = convert;
  return convert(text);
};

/**
 * The query in mainland words when it is written with Taiwan's (網路 → 网络, 簡訊 → 短信, 登入 →
 * 登录), or null when that changes nothing. `normalise` converts characters only (Hong Kong
 * standard), which leaves 网路 and 简讯, words no simplified article or table term has; a query
 * searches both forms. (Indexing keeps `normalise`: stored tokens stay valid.)
 */
export function mainlandWording(text: string): string | null {
  const nfkc = text.normalize('NFKC');
  if (!HAN.test(nfkc)) return null;
  const converted = fromTaiwan(nfkc).toLowerCase();
  return converted === normalise(text) ? null : converted;
}

/** Simplified, half-width, lower-case. Also the form kept for trigram (typo) matching. */
export function normalise(text: string): string {
  const nfkc = text.normalize('NFKC');
  // OpenCC walks every character: skip it for text without Chinese (English articles and queries).
  return (HAN.test(nfkc) ? toSimplified(nfkc) : nfkc).toLowerCase();
}

export interface Tokens {
  /** Whole words: jieba words and English stems. */
  words: string[];
  /** Character bigrams of Chinese runs (single characters for one-character runs). */
  bigrams: string[];
}

/**
 * English stems, remembered: every ticket, message and help search stems its words, and people
 * use the same few thousand. Bounded, so a flood of made-up words cannot grow it.
 */
const STEMS = new Map<string, string>();
function stemOf(word: string): string {
  let stem = STEMS.get(word);
  if (stem === undefined) {
    if (STEMS.size >= 50_000) STEMS.clear();
    stem = stemmer(word);
    STEMS.set(word, stem);
  }
  return stem;
}

/** An English word as the index holds it (words of four letters or more are stemmed). */
export const stemWord = (run: string) => (/^\p{L}+$/u.test(run) && run.length > 3 ? stemOf(run) : run);

/**
 * Tokenises already-normalised or raw text (it is normalised here). With `query`, a bigram made
 * only of stop words' characters is left out ("了怎" and "么办" of 了怎么办 matched every title
 * that ends in 了怎么办 and outweighed the word the customer asked about); the index keeps them,
 * harmlessly, so articles need no re-indexing.
 */
export function tokenize(text: string, { query = false } = {}): Tokens {
  const words: string[] = [];
  const bigrams: string[] = [];
  for (const run of normalise(text).match(RUNS) ?? []) {
    if (HAN.test(run)) {
      const stopChar: boolean[] = [];
      for (const w of segmenter().cut(run, true)) {
        const stop = STOP.has(w);
        if (!stop) words.push(w);
        for (let k = [...w].length; k > 0; k--) stopChar.push(stop);
      }
      const chars = [...run];
      if (chars.length === 1) bigrams.push(run);
      for (let i = 0; i + 1 < chars.length; i++) {
        const bg = chars[i]! + chars[i + 1]!;
        if (STOP.has(bg) || (query && stopChar[i] && stopChar[i + 1])) continue;
        bigrams.push(bg);
      }
    } else if (!STOP.has(run)) {
      words.push(stemWord(run));
    }
  }
  return { words, bigrams };
}

/** Every distinct token of a text, for an index column. */
export function indexTokens(...texts: string[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    const { words, bigrams } = tokenize(text);
    for (const t of words) out.add(t);
    for (const t of bigrams) out.add(t);
  }
  return [...out];
}
