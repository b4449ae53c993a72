import type { AdapterEnv, ChannelRecord, SendResult } from '../adapter.ts';

const DEFAULT_API_ROOT = 'https://api.weixin.qq.com';

export function apiRootOf(channel: ChannelRecord): string {
  return typeof channel.settings.apiRoot === 'string' ? channel.settings.apiRoot : DEFAULT_API_ROOT;
}

/** The access token: from the shared cache, else fetched (and cached for its lifetime). */
export async function accessToken(channel: ChannelRecord, env: AdapterEnv): Promise<string> {
  const cached = await env.tokens.get(channel.id);
  if (cached) return cached;
  const url = new URL('/cgi-bin/token', apiRootOf(channel));
  url.searchParams.set('grant_type', 'client_credential');
  url.searchParams.set('appid', String(channel.settings.appId));
  url.searchParams.set('secret', channel.secrets.appSecret!);
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const body = (await res.json()) as {
    access_token?: string;
    expires_in?: number;
    errcode?: number;
    errmsg?: string;
  };
  if (!body.access_token) {
    throw new Error(`token refused: ${body.errcode ?? res.status}${body.errmsg ? ` ${body.errmsg}` : ''}`);
  }
  await env.tokens.put(
    channel.id,
    body.access_token,
    new Date(env.now().getTime() + (body.expires_in ?? 7200) * 1000),
  );
  return body.access_token;
}

type Refusal = Extract<SendResult, { ok: false }>;
export type ApiAnswer = { errcode?: number; errmsg?: string } & Record<string, unknown>;

/**
 * One call of the platform's API with the access token in the query string. A token the platform
 * rejects (revoked, or expired early because another system fetched a new one) is dropped from
 * the shared cache and the call made once more with a fresh one. Errors become refusal reasons.
 */
export async function callWechat(
  channel: ChannelRecord,
  env: AdapterEnv,
  path: string,
  init: () => RequestInit,
  query: Record<string, string> = {},
): Promise<{ ok: true; body: ApiAnswer } | Refusal> {
  for (let attempt = 0; attempt < 2; attempt++) {
    let token: string;
    try {
      token = await accessToken(channel, env);
    } catch (err) {
      return { ok: false, reason: 'unreachable', retryable: true, detail: (err as Error).message };
    }
    const url = new URL(path, apiRootOf(channel));
    url.searchParams.set('access_token', token);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    let answer: ApiAnswer;
    try {
      const res = await fetch(url, { ...init(), signal: AbortSignal.timeout(30_000) });
      if (res.status >= 500)
        return { ok: false, reason: 'platform_error', retryable: true, detail: `HTTP ${res.status}` };
      answer = (await res.json()) as ApiAnswer;
    } catch (err) {
      return { ok: false, reason: 'unreachable', retryable: true, detail: (err as Error).message };
    }
    const code = answer.errcode ?? 0;
    if (code === 0) return { ok: true, body: answer };
    if ((code === 40001 || code === 40014 || code === 42001) && attempt === 0) {
      await env.tokens.forget(channel.id);
      continue;
    }
    return refusalOf(code, `${code} ${answer.errmsg ?? ''}`.trim());
  }
  return { ok: false, reason: 'platform_error', retryable: true, detail: 'access token refused twice' };
}

function refusalOf(code: number, detail: string): Refusal {
  // 45015 out of the reply window, 45047 too many messages since the person's last one.
  if (code === 45015 || code === 45047)
    return { ok: false, reason: 'window_closed', retryable: false, detail };
  // 43004 not following any more, 43019 the person blocked the account.
  if (code === 43004 || code === 43019) return { ok: false, reason: 'blocked', retryable: false, detail };
  // 45009 the daily API quota, -1 the platform is busy.
  if (code === 45009 || code === -1) return { ok: false, reason: 'rate_limited', retryable: true, detail };
  // 45002 content too long; 40006 / 45001 a file over the size limit.
  if (code === 45002 || code === 40006 || code === 45001)
    return { ok: false, reason: 'too_long', retryable: false, detail };
  return { ok: false, reason: 'platform_error', retryable: false, detail };
}
