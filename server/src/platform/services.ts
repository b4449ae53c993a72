import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Logger } from 'pino';
import type { AttachmentStorage } from '../attachments/storage.ts';
import type { ChannelRegistry } from '../channels/transport.ts';
import type { Config } from '../config/config.ts';
import type { Database, Db } from '../db/client.ts';
import type { Degradation } from './degradation.ts';
import type { Jobs } from './jobs.ts';

/** What every capability gets handed: nothing is reached through globals. */
export interface Services {
  config: Config;
  database: Database;
  db: Db;
  jobs: Jobs;
  storage: AttachmentStorage;
  logger: Logger;
  /** Fallbacks in use while Redis is away (logged and in /metrics). */
  degradation: Degradation;
  /** The channel adapters whose settings exist (email …). */
  channels: ChannelRegistry;
}

/** The Fastify instance with TypeBox schemas typing each route's input. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
