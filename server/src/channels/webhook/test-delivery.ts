import type { App } from '../../platform/services.ts';
import { sign } from './signature.ts';

/** Tests: a relay's delivery to a webhook channel's inbound URL, signed with `secret` at `at`. */
export function postSigned(app: App, inboundUrl: string, secret: string, payload: unknown, at = new Date()) {
  const body = JSON.stringify(payload);
  const ts = Math.floor(at.getTime() / 1000);
  return app.inject({
    method: 'POST',
    url: new URL(inboundUrl).pathname,
    headers: {
      'content-type': 'application/json',
      'x-kefu-timestamp': String(ts),
      'x-kefu-signature': `v1=${sign(secret, ts, body)}`,
    },
    payload: body,
  });
}
