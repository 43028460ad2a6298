/** A bare Fastify app with cookies, a SQLite session store and registerAgentAuth: no bot/app/app.ts. */
import cookie from '@fastify/cookie';
import Fastify, { type FastifyError, type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { openSqlite } from '../../adapters/storage/sqlite.db.js';
import { SqliteSessionStore } from '../../adapters/storage/sqlite.session-store.js';
import { registerAgentAuth, type AgentAuth } from '../../bot/app/agent-sessions.js';
import { isAppError } from '../../bot/errors.js';
import type { AgentAuthProvider } from '../../bot/core/ports/agent-auth.js';

export interface AgentAuthRig {
  app: FastifyInstance;
  auth: AgentAuth;
  sessions: SqliteSessionStore;
}

export async function agentAuthApp(
  provider: AgentAuthProvider,
  opts: {
    now?: () => Date;
    sessionHours?: number;
    trustProxy?: boolean;
    routes?: (app: FastifyInstance, auth: AgentAuth) => Promise<void> | void;
  } = {},
): Promise<AgentAuthRig> {
  const app = Fastify({ logger: false, trustProxy: opts.trustProxy ?? false });
  app.setErrorHandler((err: FastifyError, _req, reply) => {
    if (isAppError(err)) return reply.code(err.status).send(err.toBody());
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    return reply
      .code(status)
      .send({ error: { code: status === 500 ? 'INTERNAL' : 'BAD_REQUEST', message: err.message } });
  });
  await app.register(cookie, { secret: 'test-session-secret-that-is-long-enough!!' });
  const sessions = new SqliteSessionStore(openSqlite(':memory:'));
  const auth = await registerAgentAuth(app, {
    config: { sessionSecret: undefined, sessionHours: opts.sessionHours ?? 12 },
    provider,
    sessions,
    now: opts.now,
  });
  await opts.routes?.(app, auth);
  await app.ready();
  return { app, auth, sessions };
}

/** `name=value` of the cookies a response sets, ready for a Cookie header. */
export function cookieHeader(res: LightMyRequestResponse): string {
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}
