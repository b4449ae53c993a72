import type { Language } from '../platform/i18n.ts';
import type { CategoryForm, FieldProblem } from './category-form.ts';

/**
 * What is wrong with checklist answers, in the customer's words: the field's own label and the
 * problem in plain language ("交易哈希 (TXID)：不是有效的交易哈希…"), not "txid (bad_format)".
 */
const PROBLEM_TEXT: Record<FieldProblem['problem'], [zh: string, en: string]> = {
  required: ['必填', 'required'],
  unknown_field: ['不是此类问题需要的信息', 'not asked for this kind of problem'],
  wrong_type: ['应为数字', 'must be a number'],
  too_long: ['内容太长', 'too long'],
  not_an_option: ['请从列表中选择', 'pick one of the list'],
  bad_format: ['格式不对', 'not in the expected format'],
  in_future: ['不能晚于现在', 'cannot be in the future'],
};

/** Per field type, a more exact word for a bad format. */
const BAD_FORMAT_BY_TYPE: Partial<Record<string, [zh: string, en: string]>> = {
  txid: [
    '不是有效的交易哈希（64 位十六进制字符，EVM 网络以 0x 开头；Solana 为 base58 签名）',
    'not a transaction hash (64 hexadecimal characters, 0x… on EVM networks, a base58 signature on Solana)',
  ],
  uid: ['UID 只能包含字母、数字、- 和 _', 'a UID has only letters, digits, - and _'],
  datetime: ['不是有效的日期时间', 'not a date and time'],
};

export function describeFieldProblems(form: CategoryForm, problems: FieldProblem[], lang: Language): string {
  const zh = lang === 'zh-CN';
  return problems
    .map((p) => {
      const field = form.fields.find((f) => f.key === p.key);
      const label = field ? (zh ? field.labelZh : field.labelEn) : p.key;
      const words =
        (p.problem === 'bad_format' && field && BAD_FORMAT_BY_TYPE[field.type]) || PROBLEM_TEXT[p.problem];
      return `${label}${zh ? '：' : ': '}${zh ? words[0] : words[1]}`;
    })
    .join(zh ? '；' : '; ');
}
