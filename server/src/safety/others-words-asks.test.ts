import { describe } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';

/**
 * Written in round 12 (not from any evaluation set): someone else's words and acts reported — a
 * quote introduced as what another person said, a request whose asker is a third party, a warning
 * about what a stranger may ask, the customer's own past act, a note about asking the customer —
 * and "tell me" with nothing after it to hand over are let through. The same verbs said by the
 * agent, quoting their own words, or putting the secret before 告诉我 as its object, are blocked.
 */
describe("agents' asks: other people's words, and 'tell me' with no secret to tell", () => {
  const letThrough = [
    'The woman on the phone said "read me the six digits and your refund goes out today" — we have no such refund.',
    '她在电话里说“把助记词发过来我帮你激活”，这种说法您千万别信。',
    '您转述的“提供交易密码才能解冻”，我们这边从来没有这种流程。',
    'That guy asked you to forward the email code, right? Our staff would not do that.',
    '他之前让您截图谷歌验证器的页面，之后账户就被登录了，我们已经冻结。',
    'If someone from a "support group" messages you asking for your wallet words, block them and report it here.',
    '要是有人自称平台专员，让您报一下短信码，请直接挂断。',
    '看到您把私钥贴出来了，系统已经遮住了，建议您马上把资产转到新钱包。',
    '备注：客户说他昨晚在一个空投网站里输入了助记词，请安全组跟进，别再向客户要助记词。',
    'If the email code has not arrived in five minutes, tell me and I will switch you to a voice call.',
    '您用的是短信验证还是谷歌验证？告诉我是哪种就好，不用发码。',
    '请在App里输入收到的验证码，完成后告诉我一声。',
  ];
  const asks = [
    'As I said: "send me the six digits from the SMS" so I can finish the unlock.',
    '我刚才说了，把收到的验证码告诉我，我这边帮您提交。',
    '把资金密码告诉我一声，我就不用让您走人工审核了。',
    'Tell me the code from the text message and I will finish the change for you.',
    '他会联系您，到时候请把谷歌验证码告诉他，他帮您处理。',
    'My colleague will call; they need you to read out the recovery words to him.',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);
});
