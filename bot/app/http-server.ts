/**
 * The HTTP server's own rules, apart from any route: sizes and deadlines, which proxies to believe,
 * JSON only, and what a request meets while the server shuts down. Every refusal is in the error
 * catalogue's shape (bot/http-errors.ts).
 */
import { PassThrough, type Readable } from 'node:stream';
import type http from 'node:http';
import type { FastifyBaseLogger, FastifyHttpOptions, FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { clientErrorHandler, frameworkErrors } from '../http-errors.js';

export function serverOptions(
  config: Readonly<Config>,
  log: Logger,
): FastifyHttpOptions<http.Server, FastifyBaseLogger> {
  const trust = config.trustProxy;
  return {
    loggerInstance: log as unknown as FastifyBaseLogger,
    bodyLimit: 64 * 1024,
    // Headers must arrive within the timeout (Node checks every second here, not every 30 s); the
    // body has its own deadline below, since Node stops watching a request once it is dispatched.
    requestTimeout: config.requestTimeoutMs,
    http: { connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs / 2) },
    // Errors answered before a route runs, in the catalogue's shape too; and our 503 while closing, not fastify's.
    frameworkErrors,
    clientErrorHandler,
    return503OnClosing: false,
    // A number of proxies: the hops nearest to us are theirs (fastify takes a number too, but its types omit it).
    trustProxy: typeof trust === 'number' ? (_addr: string, hop: number) => hop < trust : trust,
    requestIdHeader: false,
  };
}

/** Hooks on the root app: JSON bodies only, a deadline for a body, and 503 while shutting down. */
export function guardRequests(app: FastifyInstance, config: Readonly<Config>): void {
  // The platform's status push adds its own parsers; elsewhere a text/plain body is a 415, not a string to misread.
  app.removeContentTypeParser('text/plain');

  // A body trickled a byte at a time must still arrive within the timeout (the clients held
  // 50 connections past 130 s): its stream fails then, and the request is answered 408.
  // A route may answer without reading the body (a 415, a 413): the rest is then drained and dropped, as
  // Node does for an unread body, and a sender still trickling it at the deadline loses the connection.
  app.addHook('preParsing', async (req, reply, payload) => {
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return payload;
    const body = payload as Readable;
    const out = new PassThrough();
    const timer = setTimeout(() => {
      if (reply.raw.headersSent) req.raw.destroy();
      else out.destroy(new AppError('REQUEST_TIMEOUT'));
    }, config.requestTimeoutMs);
    const stop = () => clearTimeout(timer);
    reply.raw.once('close', () => {
      if (!body.readableEnded) {
        body.unpipe(out);
        body.resume();
      }
    });
    // Fastify's body reader listens for this stream's error and answers 408; this listener only keeps an
    // error on a stream nobody reads any more from becoming an uncaught exception that ends the process.
    out.on('error', () => undefined);
    body
      .once('end', stop)
      .once('close', stop)
      .once('error', (err) => {
        stop();
        out.destroy(err);
      })
      .pipe(out);
    return out;
  });

  // Shutting down: turns in flight finish (the WebSocket plugin's preClose drains them); a request
  // arriving meanwhile is told to try again, and its connection closes.
  let shuttingDown = false;
  app.addHook('preClose', async () => {
    shuttingDown = true;
  });
  app.addHook('onRequest', async (_req, reply) => {
    if (!shuttingDown) return;
    return reply
      .code(503)
      .header('connection', 'close')
      .header('retry-after', '1')
      .send(new AppError('SHUTTING_DOWN').toBody());
  });
}
