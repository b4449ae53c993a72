import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * WeChat Official Account message security: the SHA-1 signatures over sorted strings, and "safe
 * mode" AES-256-CBC with the EncodingAESKey (key = base64(EncodingAESKey + "="), IV = its first 16
 * bytes, PKCS#7 padding to 32 bytes; plaintext = 16 random bytes + 4-byte length + XML + AppID).
 */
export function sha1Signature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

function keyOf(encodingAESKey: string): Buffer {
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  if (key.length !== 32) throw new Error('EncodingAESKey must be 43 characters');
  return key;
}

export function decryptMessage(encodingAESKey: string, encrypted: string, appId: string): string {
  const key = keyOf(encodingAESKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(encrypted, 'base64'), decipher.final()]);
  const pad = padded[padded.length - 1]!;
  if (pad < 1 || pad > 32) throw new Error('bad padding');
  const plain = padded.subarray(0, padded.length - pad);
  const length = plain.readUInt32BE(16);
  const xml = plain.subarray(20, 20 + length).toString('utf8');
  const from = plain.subarray(20 + length).toString('utf8');
  if (from !== appId) throw new Error('message is for another AppID');
  return xml;
}

export function encryptMessage(encodingAESKey: string, xml: string, appId: string): string {
  const key = keyOf(encodingAESKey);
  const body = Buffer.from(xml, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(appId, 'utf8')]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64');
}
