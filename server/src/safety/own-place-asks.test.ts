import { describe } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';

/**
 * Agent replies written while tuning round 6 (not from any evaluation set): a secret used in the
 * customer's own place is not handed over, and a secret described instead of named is still asked for.
 */
describe("agents' asks: the customer's own place and described secrets", () => {
  const letThrough = [
    "Enter the SMS code on the login page and you're in.",
    'Use your authenticator code on the website to confirm.',
    'Once the email arrives, copy the code into the verification field on our site.',
    'Please send me a screenshot of the error you see after entering the code.',
    '收到验证码后在App里填写即可。',
    '在網站上輸入驗證碼就可以了。',
    '收到六位数后填进网页的输入框就行，我这边不需要。',
    '你手机收到的那串数字只能自己用，别告诉任何人。',
    'What is the last 4 digits of the bank card you used?',
  ];
  const asks = [
    'Send over the thing that shows when you click Reveal key.',
    'Mind reading out the digits that just popped up on your phone?',
    'The six digits on your screen, what are they?',
    'What is the number the app shows right now, the one that changes every 30 seconds?',
    'We would be grateful if you could provide the verification code once it arrives.',
    '需要您提供充值地址对应的私钥。',
    '把谷歌验证器里那个一直在变的数字发给我。',
    '請在此輸入您的密碼。',
    "It'd really help if I could see the words you wrote down when you set up the wallet.",
    'What did the text message from Lumen say? The digits, I mean.',
    'Jot down the string from the API page labelled secret and message it to me.',
    '麻烦把刚才短信里的内容原封不动发我一下',
    '請將短訊入面嘅數字話俾我知',
    '你錢包嗰十二個字，打出嚟俾我睇下',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);
});
