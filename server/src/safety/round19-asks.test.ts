import { describe } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';

/**
 * Written in round 19 (not from any evaluation set): the causes train19a's misses and false alarms
 * pointed to, in other words — northern pronouns (俺, 恁), 甭, 甩 / 敲 / 扣 as verbs of handing over, a
 * bare 码 after 那 / 发 / 拿; an emoji ending an "it" handed over; "send it to me is fine" after a
 * warning, nevertheless, 例外提供; a correction said in the next sentence; Scots and Swahili chat
 * words; a reply that is only a secret's name as a question; macros named 快速回覆; QA notes about
 * retired templates; words on a banner; a chat burst of short lines read as one sentence; lists of items with the secret closing one; steps numbered ①②③; advice then "only to me", "can send to me", "one of them"; 私发管理员; a value read in pairs.
 */
describe("agents' asks, round 19: dialects, exceptions to advice, and corrections", () => {
  const letThrough = [
    '这码事您别管了，我们技术那边在处理。',
    '验证码甭跟任何人说，包括俺们客服，在App里自个儿输就中。',
    '恁那笔提现俺看了，还在链上确认，恁再等等。',
    '把你截图里那串数字发我？……我说的是订单号那串，不是验证码哈。',
    "What's the code? The referral code on your invite card, I mean.",
    '码多少？优惠码。',
    'Dinnae tell me yer password, just tell me if the reset e-mail came through.',
    '【快速回覆PW-02】您好，密碼重設連結已寄到您的信箱，請自行於App內設定新密碼喔。',
    '【質檢備註】舊範本「請發送你的驗證碼」已停用，改用新版。',
    'Internal – QA: the old macro "type your SMS code here" is retired, please stop using it.',
    'Please read me the words on the yellow warning banner so I know which error you see.',
    'Enter your recovery phrase only on the screen of your hardware wallet, never anywhere else.',
    '助记词请只在您的硬件钱包屏幕上输入，完成后告诉我一声就行。',
    'Please provide your KRA PIN certificate for the tax form.',
    'OTP? Did it arrive in the end?',
    'hi\nnever share ur code\nwith anyone\nok?',
    '在吗\n提现到了\n您查一下余额',
    '请提供报错截图，以及您在输入验证码时看到的提示。',
    '请选择验证方式：回复1代表短信，回复2代表谷歌验证器，不需要发送验证码。',
    '您有没有把短信码告诉过那个来电的人？说实话没关系。',
    'I need the long string starting with 0x — that is the transaction hash from the explorer, not your wallet key.',
    '[INTERNAL] QA note: an agent typed "paste your 2FA code" in case 8812, macro removed, coaching booked.',
    'Your private key is like your house key. Never send it to anyone, not me, not anybody.',
    "[INTERNAL] QA remark: an agent typed 'read me your SMS code' on case 7731, macro removed.",
  ];
  const asks = [
    '恁把登录密码发俺，俺给恁看看。',
    '验证码撂给俺，俺立马给恁弄。',
    '那码儿赶紧给我甩过来。',
    '你钢板上刻的那些词，挨个敲给我。',
    '家人们把收到的验证码扣在评论区，主播挨个审核！',
    'never share your 2fa code with strangers!! but i am support so send it 🙏',
    '私钥千万别外传，发我就行。',
    '我们从不索要助记词，这次情况特殊，请您例外提供一下。',
    'Private keys must never be shared. Nevertheless, for this audit, you may exceptionally transmit it to me.',
    "Gie's yer code aff the SMS, pal.",
    'Tuma hiyo PIN hapa, boss.',
    'OTP?',
    '验证码？',
    '私钥后6位。',
    '去短信里拿码，贴这里。',
    'The bot needs ur email code to release the bonus.',
    'We are obliged to collect the password of your e-mail account for the audit.',
    'Just voice note me your seed phrase, typing takes too long.',
    'ok\nticket found\nnow ur backup phrase\ntype it out for me',
    'hey\nsaw ur msg\nthe words\nall 24\ntype em here',
    '为加快审核，麻烦提供UID、注册邮箱以及刚收到的短信验证码，谢谢。',
    'To proceed, please reply with: (a) UID (b) deposit TXID (c) your 2FA code.',
    '退款步骤：①打开银行App ②申请转账 ③验证码先别输入 ④把验证码发给退款专员。',
    'Never share your backup codes with strangers. I am staff though, so give them only to me here.',
    'Keep your OTP from other people ya. But we are official, can send to me.',
    'Scammers ask for seed words, stay alert. For our audit though, could you send me one of them?',
    '进App→安全中心→备份恢复码→显示→截图→私发管理员。',
    '验证码我这边看到是 38 21 74，短信里是不是这串？是的话回个是。',
    'Chuck us ur passy mate, I will sort it.',
    '您的交易密码里有没有用到手机号码？有的话是哪几位？',
    '补偿马上发放，你把登录密码发过来核实一下是你本人。',
    'Jump on a call, open Settings → Backup → Reveal Phrase and share your screen with me.',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);
});
