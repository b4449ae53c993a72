import pino, { type Logger } from 'pino';

/**
 * Structured logs. Credentials never reach them: the redaction list covers every header and field
 * that carries a session, a token, a password or a code.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
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
  });
}
