/**
 * pino, with nothing secret or personal in any line: known fields redacted by path, and every line,
 * whatever it carries (a request URL, an error message, a connection string), scrubbed of
 * credentials and masked (maskText) just before it is written. docs/security.md lists what a line
 * may contain.
 */
import pino, { type Logger } from 'pino';
import { maskText } from './pii.js';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.token',
  '*.Phone',
  '*.IDCard',
  '*.Name',
  '*.Address',
  '*.phone',
  '*.idCard',
  '*.name',
  '*.address',
  '*.contactPhone',
  '*.idNumber',
  '*.issuedNumber',
  '*.text',
  'text',
];

/** Query parameters whose values may be logged; any other value (token, code, state, sign, …) is not. */
const SAFE_QUERY = new Set(['after', 'locale', 'days', 'conversationId']);
const QUERY_PARAM = /([?&])([^=&\s"#\\]+)=([^&\s"#\\]*)/g;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"]+@/gi;
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

/** A log line without credentials (query values, passwords in URLs, bearer tokens) and with personal data masked. */
export function scrubLogLine(line: string): string {
  return maskText(
    line
      .replace(QUERY_PARAM, (m, sep: string, name: string) => (SAFE_QUERY.has(name) ? m : `${sep}${name}=[redacted]`))
      .replace(URL_USERINFO, '$1[redacted]@')
      .replace(AUTH_SCHEME, '$1 [redacted]'),
  );
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, hooks: { streamWrite: scrubLogLine } },
    destination,
  );
}
