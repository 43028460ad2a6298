import websocket from '@fastify/websocket';
import { afterEach, describe, expect, it } from 'vitest';
import { DevAuthProvider } from '../../adapters/auth/dev.auth.js';
import { MemoryBus } from '../../adapters/bus/memory.bus.js';
import { agentRoutes } from '../../adapters/channels/agent.routes.js';
import { createAgentAuthProvider, safeReturnTo } from '../../bot/app/agent-sessions.js';
import { loadConfig } from '../../bot/config.js';
import type { AuditLog } from '../../bot/core/ports/audit-log.js';
import type { AgentInbox } from '../../bot/agent-inbox.js';
import type { AgentPresence } from '../../bot/agent-presence.js';
import type { HandoffService } from '../../bot/handoff.js';
import type { Knowledge } from '../../bot/knowledge/loader.js';
import { agentAuthApp, cookieHeader, type AgentAuthRig } from '../helpers/agent-auth-app.js';

let rig: AgentAuthRig | undefined;
afterEach(async () => {
  await rig?.app.close();
  rig = undefined;
});

/** A dev app with a few sample agent routes: one per guard, and one that forgot its guard. */
async function devApp(opts: Parameters<typeof agentAuthApp>[1] = {}) {
  rig = await agentAuthApp(new DevAuthProvider({ env: 'test' }), {
    ...opts,
    routes: (app, auth) => {
      app.get('/api/agent/queue', { preHandler: auth.agent }, async (req) => ({
        waiting: [],
        who: auth.identity(req).id,
      }));
      app.post('/api/agent/conversations/:id/claim', { preHandler: auth.agent }, async () => ({ claimed: true }));
      app.get('/api/agent/stats', { preHandler: auth.requireAgent('supervisor') }, async () => ({ stats: true }));
      app.get('/api/agent/forgot-its-guard', async () => ({ leaked: true }));
      app.get('/ws/agent', { preHandler: auth.agent }, async () => ({ socket: 'would open' }));
    },
  });
  return rig;
}

async function login(
  r: AgentAuthRig,
  name = 'Alice',
  role: 'agent' | 'supervisor' = 'agent',
  headers: Record<string, string> = {},
) {
  const res = await r.app.inject({ method: 'POST', url: '/auth/dev/login', payload: { name, role }, headers });
  expect(res.statusCode).toBe(200);
  const body = res.json() as { id: string; name: string; role: string; csrfToken: string; expiresAt: string };
  return { res, body, cookie: cookieHeader(res) };
}

describe('dev sign-in', () => {
  it('signs in with {name, role} and /api/agent/me answers who it is', async () => {
    const r = await devApp();
    const { res, body, cookie } = await login(r, '  Alice  ', 'agent');
    expect(body).toMatchObject({ id: 'dev:Alice', name: 'Alice', role: 'agent' });
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/);
    const set = res.cookies.find((c) => c.name === 'simbot_agent')!;
    expect(set).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 12 * 3600 });
    expect(set.secure).toBeFalsy();
    expect(set.value).toMatch(/^[\w-]{43}$/);
    const me = await r.app.inject({ url: '/api/agent/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      id: 'dev:Alice',
      name: 'Alice',
      role: 'agent',
      csrfToken: body.csrfToken,
      expiresAt: body.expiresAt,
    });
  });

  it('stores only a hash of the cookie', async () => {
    const r = await devApp();
    const { res } = await login(r);
    const token = res.cookies[0]!.value;
    const rows = r.sessions.db.prepare('SELECT key FROM agent_sessions').all() as Array<{ key: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key).not.toContain(token);
    expect(rows[0]!.key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('over TLS the cookie is Secure and __Host- prefixed', async () => {
    const r = await devApp({ trustProxy: true });
    const res = await r.app.inject({
      method: 'POST',
      url: '/auth/dev/login',
      payload: { name: 'Tls', role: 'agent' },
      headers: { 'x-forwarded-proto': 'https' },
    });
    const set = res.cookies[0]!;
    expect(set).toMatchObject({ name: '__Host-simbot_agent', secure: true, httpOnly: true, path: '/' });
    const me = await r.app.inject({
      url: '/api/agent/me',
      headers: { cookie: cookieHeader(res), 'x-forwarded-proto': 'https' },
    });
    expect(me.statusCode).toBe(200);
    // The bare name is not accepted over TLS (a sibling subdomain could have planted it).
    const planted = await r.app.inject({
      url: '/api/agent/me',
      headers: { cookie: `simbot_agent=${set.value}`, 'x-forwarded-proto': 'https' },
    });
    expect(planted.statusCode).toBe(401);
  });

  it.each([
    [{ name: 'Bob', role: 'admin' }, 'role'],
    [{ name: '   ', role: 'agent' }, 'name'],
    [{ role: 'agent' }, 'name'],
    [{ name: 'x'.repeat(101), role: 'agent' }, 'name'],
  ])('rejects %j with 400', async (payload, field) => {
    const r = await devApp();
    const res = await r.app.inject({ method: 'POST', url: '/auth/dev/login', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect((res.json() as { error: { message: string } }).error.message).toContain(field);
  });

  it('the HTML form signs in and lands on the console', async () => {
    const r = await devApp();
    const page = await r.app.inject({ url: '/auth/dev/login' });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<form method="post" action="/auth/dev/login">');
    const res = await r.app.inject({
      method: 'POST',
      url: '/auth/dev/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=Carol&role=supervisor&returnTo=%2F%2Fevil.example',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console'); // never off-site
    const me = await r.app.inject({ url: '/api/agent/me', headers: { cookie: cookieHeader(res) } });
    expect(me.json()).toMatchObject({ id: 'dev:Carol', role: 'supervisor' });
  });

  it('a new sign-in replaces the session the browser had', async () => {
    const r = await devApp();
    const first = await login(r, 'Alice');
    const second = await r.app.inject({
      method: 'POST',
      url: '/auth/dev/login',
      payload: { name: 'Alice', role: 'agent' },
      headers: { cookie: first.cookie },
    });
    expect((await r.app.inject({ url: '/api/agent/me', headers: { cookie: first.cookie } })).statusCode).toBe(401);
    expect((await r.app.inject({ url: '/api/agent/me', headers: { cookie: cookieHeader(second) } })).statusCode).toBe(
      200,
    );
  });
});

describe('dev sign-in is refused in production', () => {
  it('the provider will not be constructed', () => {
    expect(() => new DevAuthProvider({ env: 'production' })).toThrow(/NODE_ENV=production.*AGENT_AUTH=entra/);
  });
  it('nor chosen by createAgentAuthProvider', async () => {
    await expect(createAgentAuthProvider({ agentAuth: 'dev', env: 'production', entra: null })).rejects.toThrow(
      /refused/,
    );
    expect((await createAgentAuthProvider({ agentAuth: 'dev', env: 'development', entra: null })).kind).toBe('dev');
  });
  it('nor configured', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AGENT_AUTH: 'dev', SESSION_SECRET: 'x'.repeat(32) })).toThrow(
      /AGENT_AUTH=dev is refused/,
    );
  });
  it('and its route does not exist under another provider', async () => {
    rig = await agentAuthApp({ kind: 'entra', loginPath: '/auth/login', register: async () => undefined });
    expect(
      (await rig.app.inject({ method: 'POST', url: '/auth/dev/login', payload: { name: 'A', role: 'agent' } }))
        .statusCode,
    ).toBe(404);
  });
});

describe('guards', () => {
  it('every route of the agent console answers 401 without a session', async () => {
    const routes: Array<{ method: string; url: string }> = [];
    rig = await agentAuthApp(new DevAuthProvider({ env: 'test' }), {
      routes: async (app, auth) => {
        await app.register(websocket);
        app.addHook('onRoute', (r) => {
          for (const m of [r.method].flat())
            if (r.url.startsWith('/api/agent/') || r.url === '/ws/agent') routes.push({ method: m, url: r.url });
        });
        await agentRoutes(app, {
          handoff: {} as HandoffService,
          bus: new MemoryBus(),
          knowledge: {} as Knowledge,
          guard: auth,
          audit: {} as AuditLog,
          maxMessageChars: 2000,
          signedIn: async () => [],
          inbox: {} as AgentInbox,
          presence: {} as AgentPresence,
        });
      },
    });
    expect(routes.length).toBeGreaterThan(8);
    for (const { method, url } of routes) {
      if (method === 'HEAD') continue;
      const res = await rig.app.inject({
        method: method as 'GET',
        url: url.replace(':id', 'c-1'),
        ...(method === 'POST' ? { payload: { text: 'hi', to: 'x' } } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json(), `${method} ${url}`).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('a route that forgot its guard, an unknown agent path and an encoded path are still 401', async () => {
    const r = await devApp();
    for (const url of [
      '/api/agent/forgot-its-guard',
      '/api/agent/nope',
      '/api/agent/me',
      '/api/%61gent/queue',
      '/ws/agent',
    ]) {
      expect((await r.app.inject({ url })).statusCode, url).toBe(401);
    }
    const { cookie } = await login(r);
    expect((await r.app.inject({ url: '/api/agent/queue', headers: { cookie } })).json()).toEqual({
      waiting: [],
      who: 'dev:Alice',
    });
  });

  it('a garbage or unknown session cookie is 401', async () => {
    const r = await devApp();
    for (const cookie of ['simbot_agent=nope', `simbot_agent=${'a'.repeat(43)}`, `simbot_agent=${'a'.repeat(500)}`]) {
      expect((await r.app.inject({ url: '/api/agent/queue', headers: { cookie } })).statusCode).toBe(401);
    }
  });

  it('state-changing calls need the session CSRF token in x-csrf-token', async () => {
    const r = await devApp();
    const { cookie, body } = await login(r);
    const other = await login(r, 'Mallory');
    const claim = (headers: Record<string, string>) =>
      r.app.inject({ method: 'POST', url: '/api/agent/conversations/c-1/claim', headers: { cookie, ...headers } });
    const missing = await claim({});
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ error: { code: 'CSRF_TOKEN_INVALID' } });
    expect((await claim({ 'x-csrf-token': 'wrong' })).statusCode).toBe(403);
    expect((await claim({ 'x-csrf-token': other.body.csrfToken })).statusCode).toBe(403);
    const ok = await claim({ 'x-csrf-token': body.csrfToken });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ claimed: true });
  });

  it('supervisor routes answer 403 to agents and 200 to supervisors', async () => {
    const r = await devApp();
    const agent = await login(r, 'Alice', 'agent');
    const forbidden = await r.app.inject({ url: '/api/agent/stats', headers: { cookie: agent.cookie } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const boss = await login(r, 'Sue', 'supervisor');
    expect((await r.app.inject({ url: '/api/agent/stats', headers: { cookie: boss.cookie } })).json()).toEqual({
      stats: true,
    });
  });

  it('the agent WebSocket refuses another origin', async () => {
    const r = await devApp();
    const { cookie } = await login(r);
    const ws = (origin: string) =>
      r.app.inject({ url: '/ws/agent', headers: { cookie, upgrade: 'websocket', connection: 'Upgrade', origin } });
    const foreign = await ws('https://evil.example');
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ error: { code: 'CSRF_TOKEN_INVALID' } });
    expect((await ws('http://localhost:80')).statusCode).toBe(200);
  });
});

describe('session end', () => {
  it('a session expires sessionHours after sign-in', async () => {
    let now = new Date('2026-11-25T08:00:00Z');
    const r = await devApp({ now: () => now, sessionHours: 8 });
    const { cookie, body } = await login(r);
    expect(body.expiresAt).toBe('2026-11-25T16:00:00.000Z');
    now = new Date('2026-11-25T15:59:59Z');
    expect((await r.app.inject({ url: '/api/agent/me', headers: { cookie } })).statusCode).toBe(200);
    now = new Date('2026-11-25T16:00:00Z');
    const expired = await r.app.inject({ url: '/api/agent/me', headers: { cookie } });
    expect(expired.statusCode).toBe(401);
    expect(r.sessions.db.prepare('SELECT COUNT(*) AS n FROM agent_sessions').get()).toEqual({ n: 0 });
  });

  it('logout needs the CSRF token, ends the session and clears the cookie', async () => {
    const r = await devApp();
    const { cookie, body } = await login(r);
    expect((await r.app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie } })).statusCode).toBe(403);
    const out = await r.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { cookie, 'x-csrf-token': body.csrfToken },
    });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'simbot_agent')!;
    expect(cleared.value).toBe('');
    expect((await r.app.inject({ url: '/api/agent/me', headers: { cookie } })).statusCode).toBe(401);
    // Signing out twice, or without a session, is fine.
    expect((await r.app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie } })).statusCode).toBe(204);
  });

  it("deleteForAgent ends an agent's sessions everywhere", async () => {
    const r = await devApp();
    const a = await login(r, 'Alice');
    const b = await login(r, 'Alice');
    expect(await r.sessions.deleteForAgent('dev:Alice')).toBe(2);
    for (const c of [a.cookie, b.cookie])
      expect((await r.app.inject({ url: '/api/agent/me', headers: { cookie: c } })).statusCode).toBe(401);
  });
});

describe('safeReturnTo', () => {
  it.each([
    ['/console/conversations/1?x=1', '/console/conversations/1?x=1'],
    ['//evil.example', '/console'],
    ['/\\evil.example', '/console'],
    ['https://evil.example', '/console'],
    ['javascript:alert(1)', '/console'],
    ['/ok\r\nSet-Cookie: x', '/console'],
    [undefined, '/console'],
  ])('%s → %s', (input, out) => expect(safeReturnTo(input, '/console')).toBe(out));
});
