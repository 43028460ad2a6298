/**
 * pino, with personal data redacted: known fields by path, free text by maskText.
 */
import pino, { type Logger } from 'pino';
import { maskText } from './pii.js';

export const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]',
  '*.token', '*.Phone', '*.IDCard', '*.Name', '*.Address', '*.phone', '*.idCard', '*.name', '*.address',
  '*.text', 'text',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // The message string itself may carry free text: mask it too.
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskText(a) : a)) as typeof args;
          method.apply(this, masked);
        },
      },
    },
    destination,
  );
}
