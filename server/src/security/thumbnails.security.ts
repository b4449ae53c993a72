import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { multipartFile } from '../testing/multipart.ts';
import { pngBomb } from './image-bomb.ts';

/**
 * Issue #20 point 15: a chat thumbnail decoded any declared size; an 8 KiB PNG of 8000×8000
 * pixels took 16 s of a core (and 30000×30000 would ask for gigabytes). The size in the header is
 * read first now, and an image over the pixel limit gets no thumbnail (the client shows the file).
 */
let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(() => desk?.close());

describe('chat thumbnails of decompression bombs (#20.15)', () => {
  it.each([
    [8000, 8000],
    [30000, 30000],
  ])(
    'a %i×%i PNG is refused without being decoded',
    async (width, height) => {
      const bomb = pngBomb(width, height);
      expect(bomb.length).toBeLessThan(200 * 1024);
      const customer = await desk.customer(`bomb-${width}`);
      const upload = multipartFile('bomb.png', bomb, 'image/png');
      const up = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: { ...customer.headers, ...upload.headers },
        payload: upload.payload,
      });
      expect(up.statusCode, up.body).toBe(201);
      const started = performance.now();
      const thumb = await desk.app.inject({
        method: 'GET',
        url: `/api/v1/chat/thumbnails/${up.json().id}`,
        headers: customer.headers,
      });
      const took = performance.now() - started;
      expect(thumb.statusCode).toBe(404);
      expect(took).toBeLessThan(1500);
    },
    120_000,
  );
});
