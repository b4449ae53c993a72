import { describe } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';

/**
 * Written in round 17 (not from any evaluation set): the causes train17a's misses and false alarms
 * pointed to, in other words — a secret named only to be ruled out by a correction, a hand-over after
 * advice that points back without a pronoun, a code read out by the agent to be confirmed (in
 * numerals or words), a screen share or a phone line that takes the secret, sound-alike and spaced
 * spellings, and a phrase counted by its words.
 */
describe("agents' asks, round 17: corrections, pointers back, codes read out, sound-alikes", () => {
  const letThrough = [
    '把那串号码发我——我说的是快递单上的运单号，不是验证码。',
    '請把那個碼給我——我是說發票上的載具條碼，不是驗證碼。',
    '把那组数字念给我——就是银行回单上的交易参考号。',
    'Can you send me the code, the referral code from your invite page I mean?',
    '您的订单号是三五七二八一，对吧？',
    'Call our hotline +1 555 0100 and press 1 for English, then wait for an agent.',
    'Write your 12 magic words on paper and never share them with anyone.',
    '如果别人问你要验证码，直接拉黑举报。',
    '// 用户把助记词拍照发进群了，已撤回，已提醒尽快换钱包',
    '绑定新邮箱完成，以后的邮件验证码会发到新邮箱。',
    "Can you tell me the password to the office Wi-Fi? Joking, I'll ask reception.",
    '您是不是在那个钓鱼页面输过私钥？回是或否就好。',
    '呢個驗證碼係咪由官方號碼發過嚟？唔使講數字，講邊個號碼就得。',
    "Your new card arrives by post. You won't have to tell anyone the PIN, it's in the app.",
    '短信里写着“请勿告诉他人”，所以千万别发给任何人。',
    '那几位客人的订单我都查过了，短信通知已经发出。',
    '验证码请在App内输入。有问题发我就好。',
    '助记词只抄在纸上，不要发给任何人。遇到什么问题随时告诉我就行。',
    'Please type the SMS code into the app yourself. If anything goes wrong, message me, that is fine.',
  ];
  const asks = [
    'Never post your seed phrase in a group chat. Message it to me instead, it stays private.',
    '助记词千万别发给陌生人哦～我是您的专属顾问，不算陌生人，发我没关系。',
    '恢復碼唔好俾其他人睇……不過我係官方，俾我就得。',
    '备份码那张卡收好别弄丢。你拿出来，把第一组念给我，我帮你看看还有效没有。',
    'Nobody should ever see your backup codes, for real. Just read me the top one so I can check it.',
    '私钥别存在手机备忘录里，不安全。你照着打一遍发我，我帮你迁移。',
    '别在网页上输验证码！只在我们这个聊天框里输，来吧。',
    'we never want you to type the code anywhere except here, so go ahead and type it',
    '系统刚给您发的是 582913，您看下手机是不是也是这个，对吧？',
    '我这里看到的是七三一九零五，你手机上是不是也是这几个数？',
    "reading it back: four four one zero eight two, that's what your phone shows, yes?",
    'Please share your screen on Teams and open Settings > Show Recovery Phrase so I can see it.',
    '请拨打 +1 555 0199，听到提示音后按您的交易密码。',
    "Is your daughter's name in your password? yes or no is fine",
    'only the last 2 digits of the email code',
    '资金密码你设的啥子嘛？',
    '如果你肯畀交易密碼，我即刻幫你搞掂。',
    'yo drop the sea phrase here real quick',
    'kindly share your pass word for verification',
    'what is the oh tee pee on your screen',
    '咕狗验证码报一下',
    '宝子把那24个小词儿发过来哈',
    '您的谷歌验证码信件最下面那组数字，麻烦复制给我',
    'Which answer did you pick for the "city you were born in" question?',
    '邮件里“切勿转发”后面那几个数，抄给我',
    '验证短信到了就跟我讲那几位，我同步帮你提交',
    '钢板上敲的那些单词，拍一张给我看看',
    'Tell me what you wrote on the recovery card in the Trezor box, the one with 24 numbered lines',
    '有问题的话把验证码发我，我帮你看看。',
    "If you have any trouble, send me the code and I'll check it.",
  ];
  itBlocksExactlyTheAsks(letThrough, asks);
});
