import { createHash } from 'node:crypto';
import { Type } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Services } from '../platform/services.ts';
import type { InboundMessage } from './adapter.ts';
import { type AutoAnswer, passiveFirstAnswer } from './auto-answers.ts';
import { type IngestCore, ingestMessages } from './ingest.ts';
import { adapterEnv, adapterFor, openRecord } from './registry.ts';
import { channels } from './schema.ts';

const REPLAY_WINDOW_MS = 10 * 60_000;

type InboundRequest = FastifyRequest<{
  Params: { key: string };
  Querystring: Record<string, string | undefined>;
}>;

/**
 * Where platforms deliver: /api/v1/channels/inbound/<key>. The body is kept raw (signatures are
 * computed over the exact bytes, and WeChat sends XML); the adapter verifies and parses it, the
 * core stores the messages and answers at once; the work happens in the queue.
 */
export function registerChannelInboundRoutes(app: App, services: Services, core: IngestCore) {
  const env = adapterEnv(services);

  /**
   * Whether this signed (timestamp, nonce) comes with the body it first came with (#20.10): two
   * counters in the limiter's store (Redis with several nodes, so every node sees the same), one
   * for the signature and one for the signature with this body; a different body makes them
   * differ. Kept twice the five-minute freshness window.
   */
  async function firstUseOfSignature(channelId: string, key: string, request: InboundRequest) {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const digest = createHash('sha256').update(body).digest('hex');
    const base = `replay:${channelId}:${key}`;
    const any = await core.limiter.hit(base, 1, REPLAY_WINDOW_MS);
    const same = await core.limiter.hit(`${base}:${digest}`, 1, REPLAY_WINDOW_MS);
    return any.count === same.count;
  }

  async function handle(request: InboundRequest, reply: FastifyReply) {
    const [row] = await services.db
      .select()
      .from(channels)
      .where(eq(channels.inboundKey, request.params.key));
    const adapter = row ? adapterFor(row.kind) : null;
    if (!row || !adapter || !row.enabled) {
      return reply.status(404).send({ error: { code: 'not_found', message: 'Not found' } });
    }
    const channel = openRecord(row, services.config.appSecret);
    if (!channel) {
      // Its secrets were sealed under another APP_SECRET: nothing can be verified until an admin
      // enters them again. The platform retries a 503, so what it sends meanwhile is not lost.
      request.log.error(
        { channel: row.id },
        'inbound delivery refused: the channel secrets cannot be opened',
      );
      return reply
        .status(503)
        .header('retry-after', '60')
        .send({
          error: { code: 'channel_unavailable', message: 'channel secrets need to be entered again' },
        });
    }
    const result = await adapter.receive(
      {
        method: request.method,
        headers: request.headers,
        query: request.query,
        rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      },
      channel,
      env,
    );
    if (!result.ok) {
      request.log.warn({ channel: row.id, reason: result.reason }, 'inbound delivery refused');
      return reply
        .status(result.status)
        .send({ error: { code: 'delivery_refused', message: result.reason } });
    }
    if (result.replayKey && !(await firstUseOfSignature(row.id, result.replayKey, request))) {
      request.log.warn({ channel: row.id }, 'inbound delivery refused: signature replayed with another body');
      return reply
        .status(401)
        .send({ error: { code: 'delivery_refused', message: 'signature already used for another body' } });
    }
    // A platform that takes an answer in the response (WeChat, Weibo) gets the first answer right
    // away, decided as the message is stored (so the ticket records what the person was told), and
    // never for a message over its sender's pace or one the desk already has.
    let passive: AutoAnswer | null = null;
    const messages = result.messages;
    const counts = await ingestMessages(
      services,
      core,
      row.id,
      messages,
      result.passiveReply && messages.length === 1
        ? async (message) => {
            passive = await passiveFirstAnswer({
              services,
              limiter: core.limiter,
              channel,
              message,
            });
            return passive ? ({ ...message, autoAnswer: passive } as InboundMessage) : message;
          }
        : undefined,
    );
    const first = passive as AutoAnswer | null;
    if (first && counts.accepted === 1) {
      const answer = result.passiveReply!(first.text);
      return reply.status(answer.status).type(answer.contentType).send(answer.body);
    }
    if (result.response) {
      return reply
        .status(result.response.status)
        .type(result.response.contentType)
        .send(result.response.body);
    }
    return reply.status(200).send({ accepted: counts.accepted, duplicates: counts.duplicates });
  }

  app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    const options = {
      config: { public: true },
      schema: {
        tags: ['channels'],
        summary: 'Inbound deliveries from a platform (signed; see docs/channels.md)',
        params: Type.Object({ key: Type.String({ minLength: 16, maxLength: 64 }) }),
      },
    };
    raw.post('/channels/inbound/:key', options, handle);
    raw.get('/channels/inbound/:key', options, handle);
  });
}
