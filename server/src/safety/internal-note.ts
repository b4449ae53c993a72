/**
 * An internal note typed in the reply box (round 13): it opens as a note to colleagues ("Note for
 * next shift:", "// " as in code, "NB for L2:", "[Note]", "（备注）", "质检：", "交接备注：", "夜班注意：", "内部：", "@小李 …") and speaks of
 * the customer in the third person ("the customer pasted his private key", "用户把私钥发出来了",
 * "佢冇畀") or of our macros ("the "send your GA code" macro is removed", round 18), with no word to
 * the customer ("you", 您, 你) outside the quotes. It reports what happened to a secret; it
 * asks nobody for one. (The desk screens notes as notes; this is the reply sent as a note by
 * mistake. Whether to stop that as a misplaced note is the composer's matter, not the ask screen's.)
 * A "note" that speaks to the customer ("Note: please send your seed phrase") stays a reply.
 */
const OPENS_AS_NOTE =
  /^\s*(?:\/\/|[[(【（]\s*(?:internal\s+)?note\s*[\])】）]|[[(【（]\s*(?:内部|质检|質檢)?(?:备注|備註|內部)\s*[\])】）]|[[(【（]\s*internal\s*[\])】）]|\binternal\b[^:：\n]{0,30}[:：]|(?:质检|質檢|qa)(?:备注|備註)?\s*[:：]|(?:internal\s+)?note\b(?:\s+(?:for|to)\s+[^:：\n]{1,30})?\s*[:：]|nb\b(?:\s+(?:for|to)\s+[^:：\n]{1,20})?\s*[:：]|fyi\b|handover\b[^:：\n]{0,20}[:：]|@\S{1,20}\s|内部(?:备注|備註)?\s*[:：]|內部(?:備註)?\s*[:：]|(?:交接|交班|夜班|早班|晚班)(?:备注|備註|注意|提醒)?\s*[:：]|(?:备注|備註|同步一下|同步下|注意)\s*[:：])/i;
/** The customer spoken of, not to. */
const THIRD_PERSON =
  /用户|用戶|客户|客戶|客人|买家|買家|卖家|賣家|商家|他|她|佢|\b(?:customer|user|client|buyer|seller|he|she|his|her|him)\b|快捷回复|快捷回覆|话术|話術|模板|范本|範本|同事|\b(?:agent|colleague)s?\b|\b(?:macros?|templates?|canned\s+(?:replies|reply|responses?))\b/i;
/** A quoted reply (a macro's text, what someone wrote): its "you" is not the note's. */
const QUOTED = /["“「『‘][^"”」』’\n]{1,120}["”」』’]|(?<![A-Za-z])'[^'\n]{1,120}'(?![A-Za-z])/g;
/** Any word to the customer. */
const SECOND_PERSON = /您|你|\byou(?:r|rs|rself)?\b|\bu\b|\bur\b/i;

export function isInternalNote(text: string): boolean {
  return (
    OPENS_AS_NOTE.test(text) && THIRD_PERSON.test(text) && !SECOND_PERSON.test(text.replace(QUOTED, ' '))
  );
}
