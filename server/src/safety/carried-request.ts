import { ASK } from './ask-vocabulary.ts';

/**
 * Clauses, plus each item of a list that a request's clause opens ("I need your UID, the device
 * model, and the current code from your authenticator"; "需要以下资料：UID、金额、助记词"), read with that
 * request: the commas split the list into clauses, and the item holding the secret had no verb.
 * A numbered item counts too ("请于24小时内提供：1.身份证正反面；2.…；3.谷歌验证器当前动态码", round 24).
 */
const LIST_ITEM_CLAUSE =
  /^\s*(?:(?:and|or)\s+)?(?:the|your|a|an|any|its|their)\s[^.?!]*[.?!]*\s*$|^\s*(?:以及|和|及)?[^.?!。？！a-z]*?[、和及][^.?!。？！]*[。？！]*\s*$|^\s*(?:\d{1,2}[.)、]|[一二三四五六七八九十]{1,2}、|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,2})[)）])[^。？！?!]*[。？！]*\s*$/i;
export function withCarriedRequest(live: string[], namesSecret: (clause: string) => boolean): string[] {
  const out = [...live];
  let carry = '';
  for (const c of live) {
    const ask = ASK.exec(c);
    if (ask) {
      carry = ask[0];
      continue;
    }
    const words = c.trim().split(/\s+/).length;
    const short = /[\u4e00-\u9fff]/.test(c) ? c.trim().length <= 30 : words <= 12;
    if (!carry || !short || !LIST_ITEM_CLAUSE.test(c)) {
      carry = '';
      continue;
    }
    // Only an item that names a secret is read with the request (an item without one would read
    // as a request with no object of its own).
    if (namesSecret(c)) out.push(`${carry} ${c}`);
  }
  return out;
}
