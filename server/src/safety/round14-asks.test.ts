import { describe, expect, it } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';
import { foldDialect } from './dialect.ts';
import { withoutDisowned } from './disowned-secret.ts';
import { asksByValueOrMakeUp } from './quoted-value.ts';
import { simplifiedSameLength } from './simplified.ts';

/**
 * Written in round 14 (not from any evaluation set): regional Chinese (Shanghai, Wuhan, the
 * south-west), a secret disowned in the same sentence, make-up questions, a six-digit code shown to
 * compare, exceptions made after advice, slang and second-language names, secrets only described.
 */
describe("agents' asks, round 14: regional words, disowned secrets, codes shown to compare", () => {
  const letThrough = [
    '侬个验证码是几点钟收到个？过了五分钟就失效了，重新点发送。',
    '嗯家的助记词莫拍照，莫存在网盘里，抄在纸上放好。',
    '请把收款银行的名称和卡号末四位发我，不是密码哈，是卡号末四位。',
    'Please read me the number on the side of the card box: it is the batch number, not a security code.',
    'Did you ever type your seed words into a website? Yes or no is enough.',
    '您有没有在那个假网站输入过密码？只需要回答有或没有。',
    '（备注）客户称有人冒充客服索要验证码，客户未提供，已转风控。',
    '质检：本会话坐席曾提到“请发验证码”，已纠正，客户未发送。',
    '您好友发给您的邀请码，在注册页底部填写即可，双方都得奖励。',
    'When did you get the SMS code? If it was more than ten minutes ago, request a new one.',
  ];
  const asks = [
    '侬个资金密码报拨我，阿拉帮侬查一查。',
    '嗯家把短信码撂过来，我这边马上处理。',
    '嗯家验证器上面现在显示么数字？',
    '你登录密码里有冇用你车牌号码？有的话是哪几位？',
    'Is there a capital letter at the start of your PIN? Just yes or no.',
    'Does your fund password use your date of birth? Which part, the day or the year?',
    '我这边看到系统发了 602 915 给你，你手机收到的是不是一样？',
    'Our records show your authenticator should display 771 024 now. Does your phone show the same number?',
    '骗子很多，验证码不要给别人。我是官方客服，告诉我没关系，发过来。',
    'Never share codes with strangers. I am your support though, so write the code here.',
    'Bung us the SMS code, mate.',
    'Please type the six numbers your key-fob token shows when you press it.',
    '开卡时寄给你的信封里印的几个数字，告诉我一下。',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);

  it('reads each new piece on its own', () => {
    // Folded at the same length, so offsets into the original stay true.
    for (const text of ['侬个密码报拨我听听', '嗯家莫把码给别个', '阿拉伯数字', '搿个辰光覅讲'])
      expect(foldDialect(text)).toHaveLength(text.length);
    expect(foldDialect('侬个密码报拨我')).toBe('你的密码告诉我');
    // Arabic (阿拉伯) is no Shanghai "we".
    expect(foldDialect('请用阿拉伯数字填写')).toBe('请用阿拉伯数字填写');
    expect(simplifiedSameLength('儂個密碼')).toBe('你的密码');
    // A disowned code goes with the digits described beside it; a password named as well stays.
    expect(withoutDisowned('屏幕上跳出的数字读出来，不是验证码。')).not.toMatch(/数字|验证码/);
    expect(withoutDisowned('发我登录密码，不是验证码。')).toContain('密码');
    // Another code named as the one wanted (round 15: only a described secret goes with the disowned one).
    expect(withoutDisowned('发我验证码，不是短信验证码，是谷歌验证码')).toContain('谷歌验证码');
    expect(asksByValueOrMakeUp('我们看到的是 602915，你手机上的一样吗？')).toHaveLength(1);
    // An order's number to compare is not a code.
    expect(asksByValueOrMakeUp('订单号 602915，和你看到的一样吗？')).toHaveLength(0);
  });
});
