// Verifies a Kefu webhook delivery (Node 18+): `node verify-webhook.mjs` starts a receiver on :8787.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const SECRET = process.env.KEFU_WEBHOOK_SECRET ?? 'whsec_…';
const TOLERANCE_S = 300;

export function verify(secret, header, rawBody, now = Date.now()) {
  const parts = Object.fromEntries(
    String(header)
      .split(',')
      .map((p) => p.split('=')),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > TOLERANCE_S) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// Run directly, it is a receiver; imported (as Kefu's tests do), it only gives `verify`.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const ok = verify(SECRET, req.headers['kefu-signature'], body);
      res.writeHead(ok ? 204 : 401).end();
      if (ok) console.log(JSON.parse(body).type);
    });
  }).listen(8787);
}
