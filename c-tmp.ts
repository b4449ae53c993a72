import { scanText } from './server/src/safety/scan.ts';
const t = [
 'my seed: abandon ability able about above absent absorb abstract absurd abuse access accident',
 '1. ABANDON\n2. ability\n3. able\n4. abuot\n5. above\n6. absent\n7. absorb\n8. abstract\n9. absurd',
 '我的助记词是 的 一 是 在 不 了 有 和 人 这 中 大',
 '助记词：稿盆推危达答肩朵杀良且润 请帮我找回',
 '请帮我看一下为什么提现还没有到账，我在这个上面有一个问题',
 'I have a problem with my account because the deposit of usdt did not arrive after two hours',
 '密码是Abc12345!', 'I forgot my password', 'password is wrong', '验证码 384912', '2FA code is 123 456',
 'txid: 3a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
 '私钥 3a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
];
for (const x of t) console.log(JSON.stringify(scanText(x, { from: 'customer' })));
console.log(JSON.stringify(scanText('please send your seed phrase to verify', { from: 'agent' })));
console.log(JSON.stringify(scanText('把助记词发我核实', { from: 'agent' })));
console.log(JSON.stringify(scanText('客服永远不会索要您的助记词', { from: 'agent' })));
console.log(JSON.stringify(scanText('absorb abstract absurd abuse access accident', { from: 'customer', previous: 'here: abandon ability able about above absent' })));
