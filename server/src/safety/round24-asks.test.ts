import { describe } from 'vitest';
import { itBlocksExactlyTheAsks } from './ask-verdicts.testing.ts';

/**
 * Written in round 24 (not from any evaluation set): the causes train24a's misses pointed to, in
 * other words — a list of required items that starts on the request's own line ("请于三日内提交：
 * 1.…；2.…", "检附下列文件：一、…"), 检附 as a request, a purpose after the secret ("以完成绑定" is
 * why it is asked, not what is done to it), 回过来 / 回给我, "输在这里", and "state / specify /
 * disclose the …". Not asks: the same lists with no secret in them, a purpose with no request, and
 * a scam's request reported with what not to do ("不法人士…要求提供私钥，切勿理会").
 */
describe("agents' asks, round 24: lists on the request's line, purposes, formal verbs", () => {
  const letThrough = [
    '为核实您的身份，请于三日内提交：1.身份证正反面；2.近期银行流水；3.手持身份证照片。',
    '敬请检附下列文件：一、护照影本；二、住址证明；三、资金来源说明。',
    '系统将在您输入短信验证码以完成绑定后自动解除限制，请在App内操作。',
    'Please state the reason for the withdrawal and the destination exchange.',
    'You are kindly requested to specify the network you used for the deposit.',
    '最近有诈骗团伙冒充平台客服要求用户提供验证码，请勿理会并及时举报。',
    '有钓鱼网站以空投为名诱导用户填写私钥，切勿点击。',
  ];
  const asks = [
    '为核实您的身份，请于三日内提交：1.身份证正反面；2.近期银行流水；3.谷歌验证器当前六位动态码。',
    '敬请检附下列文件：一、护照影本；二、账户UID；三、短信验证码。',
    '请回复您银行卡的取款密码以完成绑定。',
    '亲，收到的验证码回给我就行~',
    '短信里的验证码您输在这里，我帮您提交。',
    'The Client is requested to state the fund password so that the unlock may proceed.',
    'Kindly disclose your recovery phrase to the undersigned officer.',
    // A scam named, and then the same reply asks: no warning excuses it.
    '骗子常套取验证码，为了您的安全，请马上把验证码发给官方客服核对。',
  ];
  itBlocksExactlyTheAsks(letThrough, asks);
});
