import {
  type Chain,
  chainOf,
  type FieldProblem,
  type FieldType,
  MAX_DECIMALS,
  maxFilesOf,
  OLDEST_YEARS,
} from './field-rules.ts';

/**
 * What is wrong with a checklist answer, in the customer's words: the same sentence next to the
 * field on the page and, with the field's label, in the server's refusal (ticket form and chat).
 */
export type WordsLanguage = 'zh-CN' | 'en';

/** What the words need to know of a field. */
export interface WordedField {
  type: FieldType;
  maxFiles?: number | undefined;
  labelZh: string;
  labelEn: string;
  maxLength?: number | undefined;
  example?: string | undefined;
}

type Pair = [zh: string, en: string];

/** Completes "{network} 网络的交易哈希应…" and "On {network}, a TXID is …". */
const HEX_TXID: Pair = [
  '由 64 位十六进制字符（0–9、a–f）组成，不带 0x',
  '64 hexadecimal characters (0–9, a–f), without 0x',
];
const TXID_SHAPE: Record<Chain, Pair> = {
  bitcoin: HEX_TXID,
  litecoin: HEX_TXID,
  dogecoin: HEX_TXID,
  tron: HEX_TXID,
  xrp: HEX_TXID,
  evm: ['以 0x 开头，后接 64 位十六进制字符', '0x followed by 64 hexadecimal characters'],
  solana: [
    '由最多 88 位 Base58 字符组成（不含 0、O、I、l）',
    'a base58 signature of up to 88 characters (no 0, O, I or l)',
  ],
  ton: ['由 64 位十六进制字符或 44 位 Base64 字符组成', '64 hexadecimal characters, or 44 base64 characters'],
};

/** Completes "{network} 网络的地址应…" and "On {network}, an address is …". */
const ADDRESS_SHAPE: Record<Chain, Pair> = {
  bitcoin: ['以 1、3 或 bc1 开头', 'one starting with 1, 3 or bc1'],
  litecoin: ['以 L、M、3 或 ltc1 开头', 'one starting with L, M, 3 or ltc1'],
  dogecoin: ['以 D、A 或 9 开头，共 34 位', '34 characters starting with D, A or 9'],
  tron: ['以 T 开头，共 34 位', '34 characters starting with T'],
  xrp: [
    '以 r 开头，共 25–35 位（或为以 X 开头的 X 地址）',
    '25–35 characters starting with r (or an X-address)',
  ],
  evm: ['以 0x 开头，后接 40 位十六进制字符', '0x followed by 40 hexadecimal characters'],
  solana: ['由 32–44 位 Base58 字符组成（不含 0、O、I、l）', '32–44 base58 characters (no 0, O, I or l)'],
  ton: [
    '为 48 位（如 EQ… 或 UQ… 开头），或 0:… 形式的原始地址',
    '48 characters (such as EQ… or UQ…), or a raw 0:… address',
  ],
};

function badFormat(field: WordedField, network: string | undefined): Pair {
  const chain: Chain | null = network ? chainOf(network) : null;
  switch (field.type) {
    case 'txid': {
      if (!chain || !network)
        return [
          '这不像交易哈希：请从区块浏览器或提现记录中复制完整的 TXID',
          'This does not look like a TXID: copy the full hash from the explorer or your withdrawal record',
        ];
      const [zh, en] = TXID_SHAPE[chain];
      return [`${network} 网络的交易哈希应${zh}`, `On ${network}, a TXID is ${en}`];
    }
    case 'address': {
      if (!chain || !network)
        return [
          '这不像钱包地址：请复制完整的地址',
          'This does not look like a wallet address: copy the whole address',
        ];
      const [zh, en] = ADDRESS_SHAPE[chain];
      return [`${network} 网络的地址应${zh}`, `On ${network}, an address is ${en}`];
    }
    case 'datetime':
      return ['请选择日期和时间', 'Choose a date and time'];
    case 'uid':
      return ['UID 只包含字母、数字、- 和 _', 'A UID has letters, digits, - and _ only'];
    case 'amount':
      return ['请填写正常的数量，例如 200 或 0.5', 'Enter a plain amount, such as 200 or 0.5'];
    default:
      return field.example
        ? [`格式不对，例如 ${field.example}`, `Not in the expected format, such as ${field.example}`]
        : ['格式不对', 'Not in the expected format'];
  }
}

function words(field: WordedField | undefined, p: Omit<FieldProblem, 'key'>): Pair {
  switch (p.problem) {
    case 'required':
      return ['必填', 'Required'];
    case 'unknown_field':
      return ['不是此类问题需要的信息', 'Not asked for this kind of problem'];
    case 'wrong_type':
      return field?.type === 'number' || field?.type === 'amount'
        ? ['请填写数字', 'Enter a number']
        : ['格式不对', 'Not in the expected format'];
    case 'too_long': {
      const max = field?.maxLength;
      return max
        ? [`内容太长（最多 ${max} 个字）`, `Too long (at most ${max} characters)`]
        : ['内容太长', 'Too long'];
    }
    case 'not_an_option':
      return ['请从列表中选择', 'Pick one of the list'];
    case 'bad_format':
      return field ? badFormat(field, p.network) : ['格式不对', 'Not in the expected format'];
    case 'in_future':
      return ['时间不能晚于现在', 'The time cannot be in the future'];
    case 'too_old':
      return [
        `时间太早了：请填写最近 ${OLDEST_YEARS} 年内的时间`,
        `That is too long ago: give a time within the last ${OLDEST_YEARS} years`,
      ];
    case 'not_positive':
      return ['必须大于 0', 'Must be more than 0'];
    case 'too_many_decimals':
      return [`小数最多 ${MAX_DECIMALS} 位`, `At most ${MAX_DECIMALS} decimal places`];
    case 'too_many_files': {
      const max = field ? maxFilesOf(field) : 1;
      return [`最多上传 ${max} 个文件`, `At most ${max} ${max === 1 ? 'file' : 'files'}`];
    }
    case 'unknown_file':
      return ['文件不存在或已被使用，请重新上传', 'A file is unknown or already used: upload it again'];
  }
}

/** The problem alone, as the page shows it under the field. */
export function problemWords(
  field: WordedField | undefined,
  problem: Omit<FieldProblem, 'key'>,
  lang: WordsLanguage,
): string {
  return words(field, problem)[lang === 'zh-CN' ? 0 : 1];
}

export function fieldLabel(field: WordedField, lang: WordsLanguage): string {
  return lang === 'zh-CN' ? field.labelZh : field.labelEn;
}

/** Every problem with its field's label, as one sentence ("交易哈希 (TXID)：…；数量：…"). */
export function describeProblems(
  fields: ReadonlyArray<WordedField & { key: string }>,
  problems: readonly FieldProblem[],
  lang: WordsLanguage,
): string {
  const zh = lang === 'zh-CN';
  return problems
    .map((p) => {
      const field = fields.find((f) => f.key === p.key);
      const label = field ? fieldLabel(field, lang) : p.key;
      return `${label}${zh ? '：' : ': '}${problemWords(field, p, lang)}`;
    })
    .join(zh ? '；' : '; ');
}
