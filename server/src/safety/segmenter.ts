import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | null = null;

/**
 * The screens' one jieba, loaded on first use (about 150 ms; warm-up.ts loads it at boot). Callers
 * cut without the HMM (`cut(text, false)`): dictionary words only, so an unknown run falls apart into
 * characters instead of being glued into a made-up word.
 */
export function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}
