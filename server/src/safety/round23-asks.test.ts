import { describe } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';

/**
 * Written in round 23 (not from any evaluation set): the causes train23a's misses and false alarms
 * pointed to, in other words — a procedure's steps joined by arrows (the "don't type it yet" of
 * one step is not the next step's), speech typed without stops (a new step after 然后, a new subject
 * after a particle), "没有问题" is not "有问题", the desk's 小编 before 喔 / 啦, "send 給我" with a
 * space, "paste it and I'll check", "tho" and "i can check" starting a clause, 中不中 / 行不行 as a
 * softener (not "whether"), the number that keeps changing (一直在变的那几个数, 每 30 秒換一次), the
 * card that came inside the box, "Can share your screen or not?", Google Meet, "password's X, right?",
 * a hurried "pasword", "once it arrives" (a live code, not a managed one), "Is this the code you
 * received?" after our code; not asks: "we have resent the code", "it will send you a code" (它会),
 * a code typed into the app before a call about money, "case code", a correction in the next sentence
 * ("Of the error message, I mean.", "The last 6 of your TXID, not OTP", "Not the 2FA — the error code").
 */
describe("agents' asks, round 23: arrows, run-on speech, softeners, the changing number, corrections", () => {
  const letThrough = [
    'We have resent the verification code to your phone. Please allow five minutes, and please do not share the code itself.',
    'I have re-sent the email code, it should land in a minute.',
    '它会给您发一个验证码，您在App里填上就行',
    '请您在App内自行输入短信验证码完成验证，之后致电+1 555 0100跟进退款进度。',
    'Please send us your case code from the letter so we can find your file.',
    'Tell me the first word. Of the warning banner, I mean.',
    'Could you send me the code on the screen? Not the 2FA one, the error code in red.',
    'Send me the 6 digits please. The last 6 of the TXID, not OTP.',
    '步骤：打开App → 点安全中心 → 先别输入验证码 → 截图页面给我看看有没有报错',
    // Own text: our side's "we just sent by text" after the place the customer types it.
    'Fill in the verification code on the login page — the one we just sent by text.',
  ];
  const asks = [
    '步驟：點「忘記密碼」→ 收到簡訊 → 先別填 → 把驗證碼傳給小編啦',
    '您先点登录然后系统会发个验证码然后您先别填哈您把那个码报给我我帮您弄',
    '密码谁要都不能给。但我这边是官方客服所以您发给我是没有问题的',
    '密碼唔好畀人。不過我係 official 嘅，send 給我冇問題。',
    'never share ur seed with strangers. im not a stranger tho, paste it and i will check ur wallet',
    'if u want dm me ur recovery phrase i can check ur balance from here',
    '那个钱包卡片上抄的那一串英文单词拍个照发过来行不行？',
    'Reply with the words printed on the card that came in your hardware wallet box.',
    '你看一下那个一直在变的数字，念给我听',
    'App 裡面每 30 秒換一次的那組數字，讀給我聽',
    'Can share your screen or not? Then open the Reveal recovery phrase page, I see from my side.',
    "Your fund password's Tiger2020!, right? Yes or no.",
    'is ur login pasword abc2024? confirm pls',
    'When it arrives, kindly share the SMS code with me so I can finish this.',
    'We sent the verification code 551 902 to your phone. Is this the code you received? Reply Y or N.',
    // Own texts in the weakest categories across held-out authors (with advice, described): the
    // exception said as "not a stranger" or "your own support", "reply here", "share it here with me".
    '密码不要告诉陌生人，我是你的专属客服不是陌生人，直接发过来吧。',
    '驗證碼不要隨便給人，但給客服沒關係，直接回覆在這裡就好。',
    "Don't share your recovery phrase on social media. Share it here with me instead, this channel is encrypted.",
    'Send me the characters you use to get into the app.',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);
});
