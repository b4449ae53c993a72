import { describe, expect, it } from 'vitest';
import { pngBomb } from '../security/image-bomb.ts';
import { PNG_1X1 } from '../testing/multipart.ts';
import { decodable, MAX_SOURCE_PIXELS } from './thumbnails.ts';

describe('thumbnail pixel limit (from the header, before decoding)', () => {
  it('decodes ordinary images and refuses declared sizes over the limit', () => {
    expect(decodable(PNG_1X1)).toBe(true);
    expect(decodable(pngBomb(6000, 4000))).toBe(6000 * 4000 <= MAX_SOURCE_PIXELS);
    expect(decodable(pngBomb(8000, 8000))).toBe(false);
    expect(decodable(pngBomb(30000, 30000))).toBe(false);
    expect(decodable(Buffer.from('not an image'))).toBe(false);
  });
});
