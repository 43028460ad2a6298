/** The real msal-node authorization code + PKCE flow against a fake Entra tenant, through app.inject. */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { EntraAuthProvider, type EntraAuthOptions } from '../../adapters/auth/entra.auth.js';
import { createAgentAuthProvider } from '../../bot/app/agent-sessions.js';
import type { EntraSettings } from '../../bot/config.js';
import { agentAuthApp, type AgentAuthRig } from '../helpers/agent-auth-app.js';
import { tempDir } from '../helpers/app.js';
import { FakeEntra, type FakeUser } from '../helpers/fake-entra.js';

const ALICE: FakeUser = {
  oid: '0000aaaa-0000-0000-0000-00000000a11c',
  name: '王小丽 Alice',
  preferred_username: 'alice@contoso.example',
  roles: ['agent'],
};
const SUE: FakeUser = {
  oid: '0000aaaa-0000-0000-0000-000000000505',
  preferred_username: 'sue@contoso.example',
  roles: ['agent', 'supervisor'],
};
const NOBODY: FakeUser = { oid: '0000aaaa-0000-0000-0000-00000000dead', name: 'No Role' };

let rig: AgentAuthRig | undefined;
afterEach(async () => {
  await rig?.app.close();
  rig = undefined;
});

async function entraApp(
  fake: FakeEntra,
  opts: EntraAuthOptions & { settings?: Partial<EntraSettings>; sessionNow?: () => Date } = {},
) {
  const provider = new EntraAuthProvider(fake.settings(opts.settings), { networkClient: fake, ...opts });
  rig = await agentAuthApp(provider, { now: opts.sessionNow });
  return rig;
}

const sessionCookie = (res: LightMyRequestResponse) =>
  res.cookies
    .filter((c) => c.name === 'simbot_agent' && c.value)
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
const loginCookie = (res: LightMyRequestResponse) => {
  const c = res.cookies.find((x) => x.name === 'simbot_entra_login')!;
  return `${c.name}=${c.value}`;
};

/** Browser: /auth/login → Entra (signs in as `user`) → /auth/callback. */
async function signIn(
  r: AgentAuthRig,
  fake: FakeEntra,
  user: FakeUser,
  query = '',
  headers: Record<string, string> = {},
) {
  const login = await r.app.inject({ url: `/auth/login${query}` });
  expect(login.statusCode).toBe(302);
  const back = fake.authorize(login.headers.location as string, user);
  const callback = await r.app.inject({ url: back, headers: { cookie: loginCookie(login), ...headers } });
  return { login, back, callback, cookie: sessionCookie(callback) };
}

const me = (r: AgentAuthRig, cookie: string) => r.app.inject({ url: '/api/agent/me', headers: { cookie } });

describe('Entra sign-in: the way there', () => {
  it('/auth/login redirects to the tenant authorize URL with PKCE S256, state and nonce', async () => {
    const fake = new FakeEntra();
    const r = await entraApp(fake);
    const res = await r.app.inject({ url: '/auth/login' });
    expect(res.statusCode).toBe(302);
    const url = new URL(res.headers.location as string);
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.base}/oauth2/v2.0/authorize`);
    const q = url.searchParams;
    expect(q.get('client_id')).toBe(fake.clientId);
    expect(q.get('redirect_uri')).toBe(fake.redirectUri);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(q.get('state')).toMatch(/^[\w-]{32}$/);
    expect(q.get('nonce')).toMatch(/^[\w-]{32}$/);
    expect(q.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', 'profile']));
    const c = res.cookies.find((x) => x.name === 'simbot_entra_login')!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/auth/callback', maxAge: 600 });
    // msal discovered the fake tenant through the network client, not the internet.
    expect(fake.requests.map((x) => x.url)).toEqual([
      expect.stringMatching(/^https:\/\/login\.microsoftonline\.com\/common\/discovery\/instance\?/),
      `${fake.issuer}/.well-known/openid-configuration`,
    ]);
  });

  it('with the metadata given as strings msal makes no discovery requests', async () => {
    const fake = new FakeEntra();
    const r = await entraApp(fake, {
      authorityMetadata: JSON.stringify(fake.openIdConfiguration()),
      cloudDiscoveryMetadata: JSON.stringify(fake.instanceDiscovery()),
    });
    const { callback } = await signIn(r, fake, ALICE);
    expect(callback.statusCode).toBe(303);
    expect(fake.requests.map((x) => `${x.method} ${x.url.split('?')[0]}`)).toEqual([`POST ${fake.tokenEndpoint}`]);
  });
});

describe('Entra sign-in: the way back', () => {
  it('redeems the code with the PKCE verifier and starts a session with the app role', async () => {
    const fake = new FakeEntra();
    const r = await entraApp(fake);
    const { login, callback, cookie } = await signIn(r, fake, ALICE);
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe('/console');
    const session = callback.cookies.find((c) => c.name === 'simbot_agent')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const used = callback.cookies.find((c) => c.name === 'simbot_entra_login')!;
    expect(used.value).toBe(''); // the sign-in cookie is spent

    const token = new URLSearchParams(fake.requests.at(-1)!.body);
    expect(token.get('client_secret')).toBe('fake-client-secret');
    const challenge = new URL(login.headers.location as string).searchParams.get('code_challenge');
    expect(createHash('sha256').update(token.get('code_verifier')!).digest('base64url')).toBe(challenge);

    const res = await me(r, cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: ALICE.oid, name: ALICE.name, role: 'agent' });
    expect((res.json() as { csrfToken: string }).csrfToken).toMatch(/^[\w-]{43}$/);
  });

  it('supervisor wins over agent; the name falls back to preferred_username', async () => {
    const fake = new FakeEntra();
    const r = await entraApp(fake);
    const { cookie } = await signIn(r, fake, SUE);
    expect((await me(r, cookie)).json()).toMatchObject({
      id: SUE.oid,
      name: 'sue@contoso.example',
      role: 'supervisor',
    });
  });

  it('role names come from settings', async () => {
    const fake = new FakeEntra();
    const r = await entraApp(fake, {
      settings: { roles: { agent: 'Console.Agent', supervisor: 'Console.Supervisor' } },
    });
    const { callback } = await signIn(r, fake, ALICE); // has "agent", which is not a role here
    expect(callback.statusCode).toBe(403);
    const { cookie } = await signIn(r, fake, { ...ALICE, roles: ['Console.Supervisor'] });
    expect((await me(r, cookie)).json()).toMatchObject({ role: 'supervisor' });
  });

  it('keeps returnTo on this site only', async () => {
    const fake = new FakeEntra();
    const r = await entraApp(fake);
    expect((await signIn(r, fake, ALICE, '?returnTo=%2Fconsole%2Fc%2F42')).callback.headers.location).toBe(
      '/console/c/42',
    );
    expect((await signIn(r, fake, ALICE, '?returnTo=https%3A%2F%2Fevil.example')).callback.headers.location).toBe(
      '/console',
    );
  });

  it('a user with no app role gets 403 and a clear answer, and no session', async () => {
    const fake = new FakeEntra();
    const r = await entraApp(fake);
    const json = await signIn(r, fake, NOBODY);
    expect(json.callback.statusCode).toBe(403);
    expect(json.callback.json()).toMatchObject({
      error: { code: 'NO_AGENT_ROLE', message: expect.stringContaining('No Role') },
    });
    expect(json.cookie).toBe('');
    const html = await signIn(r, fake, NOBODY, '', { accept: 'text/html,application/xhtml+xml' });
    expect(html.callback.statusCode).toBe(403);
    expect(html.callback.headers['content-type']).toContain('text/html');
    expect(html.callback.body).toContain('neither the &#34;agent&#34; nor the &#34;supervisor&#34; app role');
    expect(html.callback.body).toContain('href="/auth/login"');
  });
});

describe('Entra sign-in: refused', () => {
  const failed = (res: LightMyRequestResponse) => {
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'SIGN_IN_FAILED' } });
    expect(sessionCookie(res)).toBe('');
  };

  it("a callback whose state is not this browser's", async () => {
    const fake = new FakeEntra();
    const r = await entraApp(fake);
    const login = await r.app.inject({ url: '/auth/login' });
    const back = fake.authorize(login.headers.location as string, ALICE).replace(/state=[^&]+/, 'state=forged');
    failed(await r.app.inject({ url: back, headers: { cookie: loginCookie(login) } }));
    expect(fake.requests.filter((x) => x.method === 'POST')).toHaveLength(0); // the code was never redeemed
  });

  it('a callback from another browser (no sign-in cookie), or with a tampered one', async () => {
    const fake = new FakeEntra();
    const r = await entraApp(fake);
    const login = await r.app.inject({ url: '/auth/login' });
    const back = fake.authorize(login.headers.location as string, ALICE);
    failed(await r.app.inject({ url: back }));
    const tampered = loginCookie(login).replace(/\.[^.]+$/, '.AAAA');
    failed(await r.app.inject({ url: back, headers: { cookie: tampered } }));
  });

  it('a PKCE verifier that does not match the challenge', async () => {
    const fake = new FakeEntra();
    const r = await entraApp(fake);
    const login = await r.app.inject({ url: '/auth/login' });
    const back = fake.authorize(login.headers.location as string, ALICE);
    // Re-sign the sign-in cookie with another verifier (the test knows the cookie secret).
    const raw = decodeURIComponent(loginCookie(login).split('=').slice(1).join('='));
    const pending = JSON.parse(r.app.unsignCookie(raw).value!) as { v: string };
    pending.v = randomBytes(32).toString('base64url');
    const forged = `simbot_entra_login=${encodeURIComponent(r.app.signCookie(JSON.stringify(pending)))}`;
    failed(await r.app.inject({ url: back, headers: { cookie: forged } }));
    expect(fake.errors).toEqual([expect.stringContaining('AADSTS501481')]);
  });

  it('a code used twice', async () => {
    const fake = new FakeEntra();
    const r = await entraApp(fake);
    const { login, back, callback } = await signIn(r, fake, ALICE);
    expect(callback.statusCode).toBe(303);
    failed(await r.app.inject({ url: back, headers: { cookie: loginCookie(login) } }));
    expect(fake.errors).toEqual([expect.stringContaining('AADSTS70008')]);
  });

  it('a wrong client secret', async () => {
    const fake = new FakeEntra();
    const r = await entraApp(fake, { settings: { clientSecret: 'not-the-secret' } });
    failed((await signIn(r, fake, ALICE)).callback);
    expect(fake.errors).toEqual([expect.stringContaining('invalid_client')]);
  });

  it('an error answer from Entra (user cancelled, consent missing)', async () => {
    const fake = new FakeEntra();
    const r = await entraApp(fake);
    const login = await r.app.inject({ url: '/auth/login' });
    const state = new URL(login.headers.location as string).searchParams.get('state')!;
    const res = await r.app.inject({
      url: `/auth/callback?error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent.&state=${state}`,
      headers: { cookie: loginCookie(login) },
    });
    failed(res);
    expect(res.json()).toMatchObject({ error: { message: expect.stringContaining('User declined to consent') } });
  });

  it('a sign-in attempt older than 10 minutes', async () => {
    const fake = new FakeEntra();
    let now = new Date();
    const r = await entraApp(fake, { now: () => now });
    const login = await r.app.inject({ url: '/auth/login' });
    const back = fake.authorize(login.headers.location as string, ALICE);
    now = new Date(now.getTime() + 11 * 60_000);
    failed(await r.app.inject({ url: back, headers: { cookie: loginCookie(login) } }));
  });

  it.each([
    ['a nonce from another request (msal)', (c: Record<string, unknown>) => ({ ...c, nonce: 'other' })],
    ['an expired id token', (c: Record<string, unknown>) => ({ ...c, exp: Math.floor(Date.now() / 1000) - 3600 })],
    ['an id token for another app', (c: Record<string, unknown>) => ({ ...c, aud: 'someone-else' })],
    [
      'an id token from another tenant',
      (c: Record<string, unknown>) => ({ ...c, tid: '99999999-2222-3333-4444-555555555555' }),
    ],
  ])('%s', async (_name, tamper) => {
    const fake = new FakeEntra();
    fake.tamper = tamper;
    const r = await entraApp(fake);
    failed((await signIn(r, fake, SUE)).callback);
  });

  it('a multi-tenant authority is refused at start-up', () => {
    const fake = new FakeEntra();
    expect(() => new EntraAuthProvider(fake.settings({ tenantId: 'organizations' }), { networkClient: fake })).toThrow(
      /own tenant/,
    );
  });
});

describe('Entra sessions', () => {
  it('expire after sessionHours and end with logout', async () => {
    const fake = new FakeEntra();
    let now = new Date();
    const r = await entraApp(fake, { sessionNow: () => now });
    const { cookie } = await signIn(r, fake, ALICE);
    const csrf = ((await me(r, cookie)).json() as { csrfToken: string }).csrfToken;
    now = new Date(now.getTime() + 12 * 3_600_000);
    expect((await me(r, cookie)).statusCode).toBe(401);

    const again = await signIn(r, fake, ALICE);
    const csrf2 = ((await me(r, again.cookie)).json() as { csrfToken: string }).csrfToken;
    expect(csrf2).not.toBe(csrf);
    const out = await r.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { cookie: again.cookie, 'x-csrf-token': csrf2 },
    });
    expect(out.statusCode).toBe(204);
    expect((await me(r, again.cookie)).statusCode).toBe(401);
  });
});

describe('Entra client certificate', () => {
  it.each([
    ['SHA-256 thumbprint (PS256 assertion)', 64],
    ['SHA-1 thumbprint (RS256 assertion)', 40],
  ])('%s', async (_name, digits) => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const file = path.join(tempDir('simbot-cert-'), 'entra.key.pem');
    fs.writeFileSync(file, privateKey.export({ type: 'pkcs1', format: 'pem' })); // PKCS#1 on purpose: converted for msal
    const thumbprint = randomBytes(digits / 2)
      .toString('hex')
      .toUpperCase();
    const fake = new FakeEntra({ certificate: { publicKey, thumbprint } });
    const r = await entraApp(fake, {
      settings: { clientSecret: undefined, certificate: { thumbprint, privateKeyFile: file } },
    });
    const { callback, cookie } = await signIn(r, fake, ALICE);
    expect(callback.statusCode).toBe(303);
    const body = new URLSearchParams(fake.requests.at(-1)!.body);
    expect(body.get('client_secret')).toBeNull();
    expect(body.get('client_assertion')).toBeTruthy();
    expect((await me(r, cookie)).json()).toMatchObject({ id: ALICE.oid, role: 'agent' });
  });
});

describe('createAgentAuthProvider', () => {
  it('builds the Entra provider from config, with the test network client', async () => {
    const fake = new FakeEntra();
    const provider = await createAgentAuthProvider(
      { agentAuth: 'entra', env: 'production', entra: fake.settings() },
      { networkClient: fake },
    );
    expect(provider).toBeInstanceOf(EntraAuthProvider);
    expect(provider.loginPath).toBe('/auth/login');
    rig = await agentAuthApp(provider);
    expect((await signIn(rig, fake, ALICE)).callback.statusCode).toBe(303);
  });
});
