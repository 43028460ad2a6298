/**
 * Agent console sessions: who is signed in, for how long, and the guards the console's API sits behind.
 *
 * - The session cookie holds only an opaque 256-bit random token (HttpOnly, SameSite=Lax, Secure and
 *   `__Host-` prefixed when the request came over TLS); the row lives in a SessionStore under the
 *   token's SHA-256, so sign-out and expiry end it for real. Sessions last `sessionHours` from sign-in.
 * - CSRF: each session has its own random token, given by `GET /api/agent/me` and required in the
 *   `x-csrf-token` header of every state-changing agent call and of `POST /auth/logout`. A WebSocket
 *   to an agent route must come from the same origin (browsers send cookies with cross-site sockets).
 * - Every `/api/agent/*` route and `/ws/agent` is checked by an onRequest hook as well as by its own
 *   preHandler, so a route that forgets its guard still answers 401 without a session.
 * - What outlives a request (the console's WebSocket) ends with its session: at sign-out, at expiry,
 *   when the agent signs in again with another role (their other sessions end), and when another
 *   instance ends the session (bot/live-sessions.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { EntraAuthOptions } from '../../adapters/auth/entra.auth.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { AgentAuthProvider, AgentIdentity, AgentRole, SignIn } from '../core/ports/agent-auth.js';
import { LiveSessions } from '../live-sessions.js';
import type { SessionStore, StoredSession } from '../core/ports/session-store.js';

export interface AgentAuthDeps {
  config: Pick<Readonly<Config>, 'sessionSecret' | 'sessionHours'>;
  provider: AgentAuthProvider;
  sessions: SessionStore;
  now?: () => Date;
  /** Where a browser lands after signing in when it asked for nothing else. */
  home?: string;
}

/** The guards and helpers the console's routes use (matches AgentGuard in agent.routes.ts). */
export interface AgentAuth {
  /** preHandler: 401 without a session, 403 (CSRF_TOKEN_INVALID) on a state-changing call without the token. */
  agent: preHandlerHookHandler;
  /** As `agent`, and 403 (FORBIDDEN) unless the agent is a supervisor. */
  supervisor: preHandlerHookHandler;
  requireAgent(role?: 'supervisor'): preHandlerHookHandler;
  /** The signed-in agent of a request that passed a guard. */
  identity(req: FastifyRequest): AgentIdentity;
  /**
   * Calls `end` once when the session of `req` (which passed a guard) ends: sign-out, expiry, a sign-in
   * with another role, or its deletion anywhere. Returns the function that stops watching.
   */
  onSessionEnd(req: FastifyRequest, end: (reason: string) => void): () => void;
  /** Starts a session (what providers call after a successful sign-in). */
  signIn: SignIn;
}

/** What `GET /api/agent/me` (and a JSON sign-in) answers. */
export interface AgentMe extends AgentIdentity {
  csrfToken: string;
  expiresAt: string;
}

const COOKIE = 'simbot_agent';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ROLES: readonly AgentRole[] = ['agent', 'supervisor'];

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const isTls = (req: FastifyRequest) => req.protocol === 'https';
/** `__Host-` cookies cannot be set by a sibling subdomain, but need Secure, so plain HTTP uses the bare name. */
export const sessionCookieName = (req: FastifyRequest) => (isTls(req) ? `__Host-${COOKIE}` : COOKIE);

/** Only same-site paths: never `//evil.example` or `/\evil.example`, which browsers treat as other hosts. */
export function safeReturnTo(returnTo: string | undefined, fallback: string): string {
  if (!returnTo || !returnTo.startsWith('/') || returnTo.startsWith('//') || returnTo.startsWith('/\\'))
    return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a redirect target may not hold
  if (/[\u0000-\u001f\\]/.test(returnTo) || returnTo.length > 500) return fallback;
  return returnTo;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Agent routes by their pattern, so `/api/%61gent/…` cannot slip past; by the raw path for 404s. */
function isAgentRoute(req: FastifyRequest): boolean {
  const p = req.routeOptions.url ?? req.url.split('?')[0] ?? '';
  return p === '/api/agent' || p.startsWith('/api/agent/') || p === '/ws/agent';
}

function crossOriginSocket(req: FastifyRequest): boolean {
  if (req.headers.upgrade?.toLowerCase() !== 'websocket') return false;
  const origin = req.headers.origin;
  if (!origin) return false; // not a browser
  // Through URL on both sides so default ports compare equal (`localhost:80` and `http://localhost`).
  try {
    return new URL(origin).host !== new URL(`${req.protocol}://${req.host}`).host;
  } catch {
    return true;
  }
}

const me = (s: StoredSession): AgentMe => ({
  ...s.agent,
  csrfToken: s.csrfToken,
  expiresAt: s.expiresAt.toISOString(),
});

/**
 * Registers cookies (unless already registered: then it must have a `secret`), the session hook,
 * `GET /api/agent/me`, `POST /auth/logout` and the provider's own routes. Call on the root instance
 * before the agent routes.
 */
export async function registerAgentAuth(app: FastifyInstance, deps: AgentAuthDeps): Promise<AgentAuth> {
  const { sessions, provider } = deps;
  const now = deps.now ?? (() => new Date());
  const home = deps.home ?? '/console';
  const ttlMs = deps.config.sessionHours * 3_600_000;
  if (!app.hasDecorator('signCookie')) {
    // Signs the short-lived sign-in cookies (Entra state and PKCE verifier); random when unset, as config.ts says.
    await app.register(cookie, { secret: deps.config.sessionSecret ?? randomBytes(32).toString('base64url') });
  }
  const resolved = new WeakMap<FastifyRequest, StoredSession | null>();

  async function sessionOf(req: FastifyRequest): Promise<StoredSession | null> {
    if (resolved.has(req)) return resolved.get(req) ?? null;
    const token = req.cookies[sessionCookieName(req)];
    let s: StoredSession | null = null;
    if (token && token.length <= 100) {
      s = await sessions.get(sha256(token));
      if (s && s.expiresAt.getTime() <= now().getTime()) {
        await sessions.delete(s.key);
        s = null;
      }
    }
    resolved.set(req, s);
    return s;
  }

  async function authenticate(req: FastifyRequest): Promise<StoredSession> {
    const s = await sessionOf(req);
    if (!s) throw new AppError('UNAUTHORIZED', 'Sign in to use the agent console.');
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, s.csrfToken)) throw new AppError('CSRF_TOKEN_INVALID');
    } else if (crossOriginSocket(req)) {
      throw new AppError('CSRF_TOKEN_INVALID', 'The agent WebSocket only accepts connections from the console itself.');
    }
    return s;
  }

  const requireAgent =
    (role?: 'supervisor'): preHandlerHookHandler =>
    async (req) => {
      const s = await authenticate(req);
      if (role === 'supervisor' && s.agent.role !== 'supervisor')
        throw new AppError('FORBIDDEN', 'Only supervisors may do this.');
    };

  const cookieOptions = (req: FastifyRequest) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: isTls(req),
  });

  const live = new LiveSessions(sessions, now);
  app.addHook('onClose', async () => live.stop());

  const signIn: SignIn = async (req, reply, who, returnTo) => {
    if (!who.id || !who.name || !ROLES.includes(who.role))
      throw new AppError('INTERNAL', 'sign-in with an incomplete identity');
    const at = now();
    await sessions.deleteExpired(at);
    // A new role ends the agent's other sessions: none goes on with the role it had.
    const before = (await sessions.signedIn(at)).find((a) => a.id === who.id);
    if (before && before.role !== who.role) {
      await sessions.deleteForAgent(who.id);
      live.endAgent(who.id, 'role changed');
    }
    const previous = req.cookies[sessionCookieName(req)];
    if (previous) await sessions.delete(sha256(previous)); // a fresh id at every sign-in: no session fixation
    const token = randomBytes(32).toString('base64url');
    const session: StoredSession = {
      key: sha256(token),
      agent: { id: who.id, name: who.name, role: who.role },
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: at,
      expiresAt: new Date(at.getTime() + ttlMs),
    };
    await sessions.put(session);
    resolved.set(req, session);
    req.log.info({ agentId: who.id, role: who.role, via: provider.kind }, 'agent signed in');
    reply.setCookie(sessionCookieName(req), token, { ...cookieOptions(req), maxAge: Math.floor(ttlMs / 1000) });
    reply.header('cache-control', 'no-store');
    if (returnTo !== undefined) return reply.redirect(safeReturnTo(returnTo, home), 303);
    return reply.code(200).send(me(session));
  };

  app.addHook('onRequest', async (req) => {
    if (isAgentRoute(req)) await authenticate(req);
  });

  const agent = requireAgent();
  const supervisor = requireAgent('supervisor');
  const identity = (req: FastifyRequest): AgentIdentity => {
    const s = resolved.get(req);
    if (!s) throw new AppError('UNAUTHORIZED', 'Sign in to use the agent console.');
    return s.agent;
  };

  app.get('/api/agent/me', { preHandler: agent }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return me(resolved.get(req)!);
  });

  app.post('/auth/logout', async (req: FastifyRequest, reply: FastifyReply) => {
    const s = await sessionOf(req);
    if (s) {
      await authenticate(req); // the CSRF token: a foreign page must not sign agents out
      await sessions.delete(s.key);
      resolved.set(req, null);
      live.end(s.key, 'signed out');
      req.log.info({ agentId: s.agent.id }, 'agent signed out');
    }
    reply.clearCookie(sessionCookieName(req), cookieOptions(req));
    return reply.code(204).send();
  });

  const onSessionEnd = (req: FastifyRequest, end: (reason: string) => void): (() => void) => {
    const s = resolved.get(req);
    if (!s) throw new AppError('UNAUTHORIZED', 'Sign in to use the agent console.');
    return live.watch(s, end);
  };

  await provider.register(app, signIn);
  return { agent, supervisor, requireAgent, identity, onSessionEnd, signIn };
}

/**
 * The provider `config.agentAuth` asks for. Loaded on demand so only an Entra deployment loads
 * msal-node; `opts` reach the Entra provider (a network client and metadata for tests).
 */
export async function createAgentAuthProvider(
  config: Pick<Readonly<Config>, 'agentAuth' | 'entra' | 'env'>,
  opts: EntraAuthOptions = {},
): Promise<AgentAuthProvider> {
  if (config.agentAuth === 'entra') {
    if (!config.entra) throw new Error('AGENT_AUTH=entra needs the ENTRA_* settings');
    const { EntraAuthProvider } = await import('../../adapters/auth/entra.auth.js');
    return new EntraAuthProvider(config.entra, opts);
  }
  const { DevAuthProvider } = await import('../../adapters/auth/dev.auth.js');
  return new DevAuthProvider({ env: config.env });
}
