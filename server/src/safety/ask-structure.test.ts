import { describe, expect, it } from 'vitest';
import { mayDescribeSecret, structureFeatures } from './ask-structure.ts';

const features = (text: string, secret = false) => {
  const out = new Map<string, number>();
  structureFeatures(text.toLowerCase(), secret, out);
  return [...out.keys()];
};

describe('structure features of an agent reply', () => {
  it('lets the classifier read a secret described in words no list has', () => {
    expect(mayDescribeSecret('Just paste the backup sentence you got when you made the wallet.')).toBe(true);
    expect(mayDescribeSecret('What is the sign-in string you use with your email?')).toBe(true);
    expect(mayDescribeSecret('我们视频一下，您把验证器对着镜头就行。')).toBe(true);
    // No security qualifier: a TXID, an amount, a screenshot of a deposit.
    expect(mayDescribeSecret('Please send the TXID and the amount of the deposit.')).toBe(false);
    expect(mayDescribeSecret('请上传充值记录的截图。')).toBe(false);
  });

  it('names where the thing goes: to the agent, or into a page the customer uses', () => {
    expect(features('Paste the backup sentence here so I can check it.')).toEqual(
      expect.arrayContaining(['x:toAgent', 'x:transfer', 'x:generic+qualifier+toAgent']),
    );
    const own = features('Type the code in the 2FA box on the withdrawal screen.', true);
    expect(own).toEqual(expect.arrayContaining(['x:toSystem', 'x:secret+toSystem']));
    expect(own).not.toContain('x:toAgent');
  });

  it('names a part, a medium and procedure text as classes, not phrasings', () => {
    expect(features('Only the last eight characters of it, please.')).toContain('x:part+generic');
    expect(features('Hold the recovery sheet up to your webcam.')).toContain('x:medium+qualifier');
    expect(features('A verification code will be sent; it expires after 10 minutes.', true)).toContain(
      'x:secret+procedure',
    );
  });
});
