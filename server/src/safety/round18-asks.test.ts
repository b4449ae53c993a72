import { describe } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';

/**
 * Written in round 18 (not from any evaluation set): the causes train18a's misses and false alarms
 * pointed to, in other words — a bank's TAC, "pk", a phrase by its length alone, a code by how our
 * mail shows it, printed one-time strings, the answer to a quoted question; "revert with", "slide me",
 * 回传, 是好多; a pretext that avoids a suspension is no advice; a secret "linked to" an account is
 * still asked for; notes about our own macros; "tell me what time"; a scammer's DM quoted; the last
 * digits of a phone.
 */
describe("agents' asks, round 18: new names, new verbs, and what is not advice", () => {
  const letThrough = [
    '//note: the old "type your SMS code here" template is retired, use the "enter it in the app" one.',
    '// 备注：“请把验证码发我”这条话术已停用，统一改为“请在App内输入”。',
    '验证码收到了吗？没有的话告诉我大约几点点的发送，我查一下日志。',
    'If a "recovery agent" DMs you with "send your 12 words and we get it back", that is theft.',
    'Please send me your account email and the last 4 digits of your phone number.',
    'We will review it within 24 hours; please avoid sharing any codes with anyone meanwhile.',
    'The 24 hour limit resets at midnight UTC.',
    '🔄 To change your email: tap "Profile" → tap "Email" → enter the new address → confirm ✅',
    '【快捷回复：2FA解绑】已受理您的申请，审核期间我们不会向您索要任何验证码。',
    'Could you read me the six digits on the back of the parcel? That is the courier reference.',
    '您的两笔充值分别是什么时候到账的？',
    'Please send me the code. The promo code, I mean, the one on the flyer.',
    'PIN码请在Ledger设备上直接输入，然后在设备屏幕上确认交易。',
    '帐户持有人需本人到场办理，请携带身份证。',
    'We need your deposit TXID to check why the credit is late.',
  ];
  const asks = [
    'Kindly revert with your trading password at the earliest to avoid any delay.',
    'To release the refund, could you share the bank TAC you just received?',
    'Drop me your pk and I will move the coins for you.',
    'easiest fix: just spill the 12 and I rebuild the wallet here',
    'Look for our email with the bold number at the top and paste it here.',
    'The printed one-time strings from your 2FA setup, type two of them for me.',
    'What did you answer for "name of your first pet"?',
    'Please send your answer to the "favourite teacher" security question.',
    '请立即回传您的谷歌验证码以完成核实。',
    '你那个资金密码是好多嘛？',
    'kindly share the card PIN linked to your bank account so we can refund you',
    'yo slide me that 2FA code real quick',
    "I've set your trading PIN as 7731 on our side. Reply yes if that's right or type the correct one.",
    '您的助记词里有没有“harbor”这个词？有的话排第几个？',
    '您好，系统记录您助记词的前三个词是“velvet ocean drum”，请确认是否正确。',
    '我這邊見到你嘅備用碼係 K7PX-2MQD，同你張紙對唔對得上？',
    '您的密保答案还是“实验小学”吗？回个是或不是。',
    'Our automated line will call you in a minute. After the tone, key in your trading password.',
    '稍后语音系统会致电您，听到提示音后请在拨号键盘上输入交易密码。',
    '您还没用过的那几个备份码分别是什么？',
    'Never paste your phrase on any website. This chat is private though, so sending them to me here is fine.',
    'Usually no sharing the OTP, but with me is safe lah, send over.',
    '平時啲驗證碼唔好畀人，不過我係官方，將SMS碼send嚟呢度啦。',
    'Go to Settings > Security > Backup, then copy the 12 words shown and paste them into this chat.',
    'Photograph your recovery codes page and attach it to your reply.',
    '请立即回传您的备用码以冻结账户。',
    'No need for the whole PIN. Just tell me how many digits it has and what the last one is.',
    '依照規定，帳戶持有人驗證需提供您目前的資金密碼，請於本對話中回覆。',
    'We need your API secret (not the key) to check why the orders fail.',
    '我们从不在电话里要验证码，所以请您在这个对话里发给我就行。',
    '不要把密碼告訴陌生人。不過在這個官方視窗裡提供是安全的，請直接輸入。',
    '私钥别存在相册里！您现在发我一份，我帮您备份。',
    '你收到嗰個驗證碼寫住咩數字？',
    '您绑定谷歌验证时屏幕上那个黑白方块图，截图了吗？有的话发给我。',
    '邮箱里那封“登录验证”邮件，把正文截图发我。',
    '您的 recovery phrase 第3个 word 是哪个？',
    '你記唔記得你啲助記詞？頭兩個字係咩？',
    '您开启双重验证时下载的备用码文件，麻烦上传到工单。',
    '麻烦把您刚设置的新交易密码在这里再输一次。',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);
});
