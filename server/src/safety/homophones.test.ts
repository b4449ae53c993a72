import { describe, expect, it } from 'vitest';
import { foldHomophones } from './homophones.ts';
import { scanText } from './scan.ts';

/** Written in round 16 (not from any evaluation set): secrets' names typed with homophones. */
describe('a secret named with homophones (voice input, pinyin keyboards)', () => {
  it('reads the name, keeping the length', () => {
    const cases: Array<[string, string]> = [
      ['把你的秘码发给我', '把你的密码发给我'],
      ['验正码是多少', '验证码是多少'],
      ['严证码过期了', '验证码过期了'],
      ['注记词抄好了吗', '助记词抄好了吗'],
      ['请提供较验码', '请提供校验码'],
      ['谷哥验证器上的数字', '谷歌验证器上的数字'],
      ['😀 秘码', '😀 密码'],
    ];
    for (const [typed, read] of cases) {
      expect(foldHomophones(typed)).toBe(read);
      expect(foldHomophones(typed)).toHaveLength(typed.length);
    }
  });

  it('leaves particles, reduplication, other words and Latin text alone', () => {
    for (const text of ['已经验证吗？', '密密麻麻的一页字', '马上到账', '密码', 'mima', '码头', '秘密'])
      expect(foldHomophones(text)).toBe(text);
  });

  it('leaves a window that cuts through a word: 自私|要不得 is not 私钥', () => {
    for (const text of ['太自私要不得', '他很自私要注意', '这人自私要命'])
      expect(foldHomophones(text)).toBe(text);
    expect(foldHomophones('发一下你的私要')).toBe('发一下你的私钥');
  });

  it('lets the screens read a homophone like the name: an agent asks, a customer gives', () => {
    const agentAsks = (t: string) =>
      scanText(t, { from: 'agent' }).findings.some((f) => f.kind === 'secret_request');
    expect(agentAsks('把你的秘码发给我核对一下')).toBe(true);
    expect(agentAsks('你收到的验正码是多少呀')).toBe(true);
    expect(agentAsks('秘码千万不要发给任何人，包括我们。')).toBe(false);
    const found = scanText('收到的严证码是 482913', { from: 'customer' }).findings;
    expect(found.map((f) => f.kind)).toContain('verification_code');
  });
});
