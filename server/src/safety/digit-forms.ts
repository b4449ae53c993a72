/**
 * How customers and agents write a digit other than as a digit: a word for it in Chinese or English
 * (read by quoted-value.ts and the code counts of detect-codes.ts), and a letter typed for it beside
 * other digits (detect-codes.ts reads a code so, repeated-values.ts finds it again so).
 */
export const DIGIT_OF_WORD: Readonly<Record<string, string>> = {
  零: '0',
  〇: '0',
  幺: '1',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
  // As pilots, soldiers and radio operators read digits (set 42): 两 two, 洞 zero, 拐 seven, 勾 nine.
  两: '2',
  洞: '0',
  拐: '7',
  勾: '9',
  zero: '0',
  oh: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};

/**
 * A letter typed for a digit beside a digit, with no letter beside it: O for a zero ("62O 914", "O73
 * 591"; round 29, two authors), I or l for a one ("2I9 4I6", "7l4 29l"; round 30). Read as the digit,
 * same length, so offsets found in the result point into the text.
 */
const LETTER_FOR_DIGIT = /(?<=\d)[OoIl](?![A-Za-z])|(?<![A-Za-z])[OoIl](?=\d)/g;
export function lettersAsDigits(text: string): string {
  return text.replace(LETTER_FOR_DIGIT, (c) => (c === 'O' || c === 'o' ? '0' : '1'));
}

/** Each Chinese digit DIGIT_OF_WORD knows, read as the digit (one UTF-16 unit each, so offsets stay). */
const HAN_DIGIT = new RegExp(
  `[${Object.keys(DIGIT_OF_WORD)
    .filter((w) => /^\p{Script=Han}$/u.test(w))
    .join('')}]`,
  'gu',
);
export function hanAsDigits(text: string): string {
  return text.replace(HAN_DIGIT, (c) => DIGIT_OF_WORD[c]!);
}
