import pino, { type DestinationStream, type Logger } from 'pino';
import { serializeRequest } from './log-redaction.ts';

/**
 * Structured logs. Credentials never reach them: the redaction list covers every header and field
 * that carries a session, a token, a password or a code.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    // URLs lose typed queries and tokens (log-redaction.ts); Fastify keeps this serializer.
    serializers: { req: serializeRequest },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        '*.identityToken',
        '*.token',
        '*.code',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
