import { sha256 } from '@noble/hashes/sha2.js';
import bs58 from 'bs58';
import { hex, type LabelledText, type Rng } from './corpus-secrets.ts';

/** What customers must be able to send, and what agents may say: none of it may be flagged. */

const ZH_PROSE = [
  '我的钱包被盗了怎么办',
  '请帮我看一下为什么提现还没有到账',
  '我在这个上面有一个问题，想问一下客服',
  '你们的客服什么时候能回复我',
  '昨天下午三点充值的USDT到现在还没到账，已经过了六个小时了',
  '我用的是TRC20网络，交易所显示已完成，但是钱包里没有',
  '身份认证一直审核不通过，照片已经重新上传了三次',
  '我想修改绑定的手机号，原来的号码已经不用了',
  '为什么我的账户被冻结了？我没有做任何违规的事情',
  '合约爆仓了，但是我觉得价格不对，当时行情并没有跌到那个位置',
  '请问提币手续费是多少，为什么比上个月高了',
  '我不小心把币转到了错误的网络，还能找回来吗',
  '这个问题已经拖了一个星期了，希望尽快处理',
  '登录的时候提示密码错误，但是我确定没有输错',
  '收不到短信验证码，换了手机也不行',
  '谷歌验证器丢了，手机也换了，要怎么重置',
  '我忘记了资金密码，请问怎么找回',
  '现在市场波动很大，我想了解一下风险提示',
  '你们平台是不是出问题了，页面一直打不开',
  '我要投诉，客服一直不回消息，我的资产到底安全吗',
  '能不能告诉我大概需要多长时间处理完',
  '我已经按照要求提供了所有的材料，还需要什么',
  '今天早上开始就无法下单，一直显示系统繁忙',
  '请问这个活动的奖励什么时候发放到账户',
  '我在手机上看到一个陌生设备登录，是不是被盗号了',
  '我们公司想开通机构账户，需要准备哪些文件',
  '我的订单一直是部分成交的状态，能帮我取消吗',
  '听说有人冒充客服骗钱，你们的官方网站是哪个',
  '有人在电报群里说是你们的客服，要我转账，这是真的吗',
  '上次的问题解决了，谢谢你们的帮助',
  '我觉得这个规定不合理，为什么要限制提现额度',
  '我在国外，能不能用当地的银行卡买币',
  '为什么我的推荐返佣少了很多',
  '钱包地址复制的时候多了一个空格，会不会有问题',
  '我想把所有的币都卖掉，然后注销账户',
  '这个币种为什么暂停充值了，什么时候恢复',
  '一直在转圈，刷新也没用，是不是服务器的问题',
  '我的孩子用我的手机乱点，买了一些币，可以退吗',
  '请问现货和合约账户之间怎么划转',
  '如果我长时间不登录，账户会不会被关闭',
  '我是老用户了，希望你们认真对待这个问题',
  '工作人员说三个工作日内处理，现在已经第五天了',
  '请不要再给我发营销短信了',
  '我已经把交易截图上传了，请查收',
  '这个价格和别的平台差了很多，是不是有问题',
  '对方说已经转了，可是我这边没有收到，要怎么办',
  '我发现账户里多了一笔不认识的交易记录',
  '请问你们支持哪些国家和地区的用户',
  '以前可以正常提现，从上周开始就一直失败',
  '我把手机号和邮箱都换了，现在两个都收不到验证',
  '我们一家人都在用你们的平台，希望能给个说法',
  '春节期间客服是正常上班的吗',
  '请问大额提现需要提前预约吗',
  '我想知道这个理财产品的年化收益是怎么计算的',
  '下单后马上就撤单了，为什么还是扣了手续费',
  '人工客服在哪里，机器人回答不了我的问题',
  '请尽快给我一个明确的答复，谢谢',
  '我同意你们的处理方案，就这样吧',
  '麻烦再帮我确认一下到账时间',
  '我的问题和上一个工单是同一个',
];
const ZH_TRAD = [
  '我的帳戶被凍結了，請問要怎麼解凍',
  '提現一直沒有到帳，已經等了兩天',
  '請問客服什麼時候可以回覆我',
  '我忘記了登入密碼，要如何重設',
  '有人冒充你們的客服，請大家小心',
];
const EN_PROSE = [
  'I have a problem with my account because the deposit of usdt did not arrive after two hours',
  'My withdrawal has been pending since yesterday, can you check it please?',
  'I forgot my password and the reset email never arrives',
  'The verification code does not work, it says expired every time',
  'Someone on social media claims to be your support team, is that real?',
  'Please close my account and send the remaining balance to my bank',
  'I sent the wrong coin to my deposit address, can it be recovered?',
  'Why was my order cancelled without any notice?',
  'The app crashes when I open the wallet tab on my phone',
  'I want to change the email address on my account',
  'Thank you, the issue is solved now.',
  'My 2FA device was lost, how can I reset two-factor authentication?',
  'Where can I find the official list of your social accounts?',
  'I never received the SMS code, my phone number is correct',
  'The password field is empty after I paste it, is that a bug?',
  'You must never share your seed phrase with anyone, right?',
  'Is it safe to keep my coins on the exchange for a long time?',
  'I bought bitcoin yesterday and the price dropped ten percent',
  'Can you explain how the trading fee discount works?',
  'My identity verification was rejected twice, what is wrong with my photo?',
  'please check why my account balance shows zero after the market update',
  'I would like to report a scam website that copies your design',
  'Sorry for the late reply, I was travelling for work this week',
  'Winter holiday gift card campaign, where do I claim the reward?',
  'Fresh start: I opened a new account because the old one was locked',
];
const AGENT_SAFE = [
  '客服永远不会索要您的助记词、私钥、密码或验证码，请勿告诉任何人。',
  '请提供您的 UID 和交易哈希，我们帮您查询。',
  '请不要把助记词告诉任何人，包括自称客服的人。',
  '我们不会私信您索要谷歌验证码，谨防诈骗。',
  '请在 App 内的安全中心重置谷歌验证器。',
  '请您提供提现单号和截图，方便我们核实。',
  '已为您提交加急处理，请耐心等待。',
  'We will never ask for your password, seed phrase or 2FA code.',
  'Please send us the TXID and the deposit address so we can trace the transfer.',
  'Never share your private key with anyone, including people who say they are support.',
  'Please reset your password from the login page and enable 2FA.',
  'Could you provide your UID and a screenshot of the error?',
  'If anyone asks for your recovery phrase, it is a scam. Please report it to us.',
  'I have escalated your ticket to the funds team.',
  'Your withdrawal was confirmed on chain, you can check it in the explorer.',
  '请把报错截图发给我们，我们来看一下。',
  '您好，请告诉我您的注册邮箱，以便我们查找账户。',
  '建议您立即修改登录密码并重置谷歌验证，然后转移资产。',
  'Please tell me the network you used for the deposit.',
  'Send me the order number and I will check the fill price.',
];
const CREDENTIAL_TALK = [
  '密码错误',
  '忘记密码了怎么办',
  '修改密码是怎么操作的',
  '验证码收不到',
  '验证码一直提示错误',
  '谷歌验证码不对',
  '我的密码是正确的，但登录不了',
  'password is wrong',
  'my password is incorrect',
  'the password was reset yesterday',
  'code expired after 60 seconds',
  'I typed the 2FA code but it failed 3 times',
  'Error code 1002 when withdrawing',
  'promo code SPRING not working',
  '验证码 6 位数字是吗',
  'pin code not received',
];

/** Hard cases found while tuning: prose full of wordlist words, near-miss contexts, staff instructions. */
const HARD_CUSTOMER = [
  'Please check my account balance and the deposit history, the exchange rate seems wrong today',
  'I want to report a problem: the price of bitcoin dropped and my order was filled at the wrong level, then my balance became zero',
  'Hello team, I have been trying to withdraw my funds for three days. Every time I submit the request, the system says there is an error. I already tried another phone and another browser.',
  'Seed round investors said the token will unlock next month, is that true?',
  'My phone number changed and now I can not receive the SMS. How do I update it? My old number was 13800001111',
  '我昨天在你们平台买了一点比特币，今天想卖掉的时候发现账户被限制了，客服说要等审核，但是已经过了一天还是没有消息，请问到底是什么原因',
  '你好，我想问一下，为什么我的提现申请一直显示处理中，我已经等了很久了，能不能帮我看一下是哪里出了问题，谢谢',
  '我 在 这 里 等 了 好 久 了 你 们 到 底 管 不 管',
  '我的钱包地址是 0x52908400098527886E0F7030069857D2E4169EE7 请核实',
  '订单 123456 验证码是什么意思',
  'code: 2FA_RESET_REQUIRED',
  'Password reset link: https://help.lumen-exchange.example/reset?token=abc',
  `key points: the transfer of 0x${'ab'.repeat(32)} failed`,
  `I exported my private key? No. I only have the txid 0x${'cd'.repeat(32)}`,
  'pin 1234 street, apartment 5',
  'my pwd manager crashed',
  '交易密码已修改',
  '我的登录密码是不是太简单了',
  'the code is in the email you sent, order 98765432',
  'Abandon all hope: the app is broken again, please fix this ASAP',
  'ability to trade futures is disabled on my account, why?',
  'I have seed money of 5000 USDT and I want to know the fee level for market maker program',
];
/** Chinese and English that talk about phrases and wallets (the context words) without containing one. */
const CONTEXT_PROSE = [
  '我的助记词好像被别人知道了，钱包里的币全没了，怎么办',
  '钱包备份的时候我把助记词抄在纸上了，现在纸找不到了',
  '导入钱包的时候一直提示助记词无效，是不是我写错了顺序',
  '恢复钱包需要什么资料，我只记得一部分助记词',
  '我把钱包里的钱转到交易所了，但是一直没有到账，请帮我查一下是什么原因',
  '有个自称客服的人让我把助记词发给他，我没有发，请问这是骗子吗',
  '我在钱包里看到一个陌生的授权，是不是要取消',
  '请问你们的钱包支持多少种币，能不能存放很多年',
  '备份私钥的时候要注意什么，放在电脑上安全吗',
  'seed phrase 是什么意思，和私钥有什么区别',
  'My wallet backup phrase was written on a card that I lost, can support recover it?',
  'I think someone stole my seed phrase because all my coins were sent to an unknown address yesterday',
  'The wallet app asks for a recovery phrase after the update, is this normal or a phishing page?',
  '我 的 钱 包 被 盗 了 请 帮 帮 我',
  '助记词 一 定 要 保 存 好 吗',
];
const HARD_AGENT = [
  'Please provide a selfie with your ID to reset your 2FA',
  '请提供手持身份证照片以重置谷歌验证',
  'Please enter the verification code in the app to confirm the withdrawal',
  '请在App中输入短信验证码完成提现',
  'Could you send a screenshot of the password reset page error?',
  'Please tell me if you still have access to the email used for 2FA',
  'To change your password, go to Security > Password',
  '请您提供注册手机号，我们帮您核实是否绑定了谷歌验证器',
  'Please share the error message you see after entering the SMS code',
];

export function negativeTexts(rng: Rng): LabelledText[] {
  const out: LabelledText[] = [];
  const add = (text: string, note: string, from: 'customer' | 'agent' = 'customer') =>
    out.push({ text, expect: null, note, from });

  for (const t of [...ZH_PROSE, ...ZH_TRAD]) add(t, 'zh prose');
  for (const t of EN_PROSE) add(t, 'en prose');
  for (const t of AGENT_SAFE) add(t, 'agent safe', 'agent');
  for (const t of CREDENTIAL_TALK) add(t, 'talking about credentials');
  for (const t of HARD_CUSTOMER) add(t, 'hard customer negative');
  for (const t of CONTEXT_PROSE) add(t, 'prose about phrases and wallets');
  for (const t of HARD_AGENT) add(t, 'hard agent negative', 'agent');
  for (let k = 0; k < 8; k++) {
    const tx = hex(rng.bytes(32));
    add(`txid: ${tx}`, 'txid');
    add(`交易哈希 0x${tx}，请帮我查一下`, 'tx hash zh');
    add(`https://explorer.example/tx/0x${tx}`, 'explorer link');
    add(`${tx}`, 'bare 64-hex');
    add(`哈希值是${tx.toUpperCase()}，已经有12个确认了`, 'hash value');
    add(`I deposited 250 USDT, tx hash: 0x${tx}, still not credited`, 'tx hash en');
    add(`充值地址 ${base58check(rng, 0x00, 20)} 充了0.5 BTC`, 'btc legacy address');
    add(`提现到 ${base58check(rng, 0x05, 20)}`, 'p2sh address');
    add(`withdraw to bc1q${bech32ish(rng, 38)} please`, 'bech32 address');
    add(`ETH 地址 0x${hex(rng.bytes(20))}`, 'eth address');
    add(`TRON address ${base58check(rng, 0x41, 20)}`, 'tron address');
    add(`Solana 地址 ${bs58.encode(rng.bytes(32))}`, 'solana address');
    add(
      `订单号 ${2024112300000000 + Math.floor(rng.next() * 1e7)}，金额 ${(rng.next() * 10000).toFixed(2)} USDT`,
      'order id',
    );
    add(
      `UID ${10000000 + Math.floor(rng.next() * 8e7)} 工单 KF-${String(100 + k).padStart(6, '0')}`,
      'uid and ticket',
    );
    add(
      `On 2026-11-${String(10 + k).padStart(2, '0')} 14:3${k} I withdrew 1,250.${k}0 USDT (fee 1 USDT), withdrawal id W${hex(rng.bytes(6))}`,
      'amounts and dates',
    );
  }
  return out;
}

function base58check(rng: Rng, version: number, size: number): string {
  const payload = Uint8Array.from([version, ...rng.bytes(size)]);
  const check = sha256(sha256(payload)).slice(0, 4);
  return bs58.encode(Uint8Array.from([...payload, ...check]));
}

function bech32ish(rng: Rng, length: number): string {
  const charset = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
  return Array.from({ length }, () => rng.pick([...charset])).join('');
}
