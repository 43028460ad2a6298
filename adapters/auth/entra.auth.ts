/**
 * Agent sign-in with Microsoft Entra ID: OpenID Connect authorization code flow with PKCE, through
 * msal-node's ConfidentialClientApplication (client secret, or certificate).
 *
 *   GET /auth/login[?returnTo=/console/…]  → 302 to Entra's authorize URL (code_challenge S256, state, nonce);
 *                                            state, nonce and PKCE verifier go in a signed HttpOnly cookie
 *                                            scoped to the callback path, valid 10 minutes
 *   GET <path of ENTRA_REDIRECT_URI>       → checks state, redeems the code with the verifier, reads the
 *   (normally /auth/callback)                id token's app roles, then signs the agent in
 *
 * msal-node does not verify the id token's signature: it comes straight from the token endpoint over
 * TLS in exchange for our client credential (OIDC Core 3.1.3.7 allows TLS in place of the signature).
 * msal checks the nonce; we check audience, tenant and expiry.
 */
import fs from 'node:fs';
import { createPrivateKey, randomBytes } from 'node:crypto';
import {
  ConfidentialClientApplication,
  CryptoProvider,
  LogLevel,
  type Configuration,
  type INetworkModule,
  type NodeAuthOptions,
} from '@azure/msal-node';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { EntraSettings } from '../../bot/config.js';
import { AppError, type ErrorCode } from '../../bot/errors.js';
import type { AgentAuthProvider, AgentRole, SignIn } from '../../bot/core/ports/agent-auth.js';

export interface EntraAuthOptions {
  /** msal's HTTP client (`system.networkClient`): tests pass a fake Entra, so nothing goes to the internet. */
  networkClient?: INetworkModule;
  /** The tenant's OpenID configuration as a JSON string: skips msal's discovery request. */
  authorityMetadata?: string;
  /** Instance discovery as a JSON string (`{ tenant_discovery_endpoint, metadata: [...] }`): skips that request. */
  cloudDiscoveryMetadata?: string;
  /** Reads the certificate's private key file (default: fs). */
  readFile?: (file: string) => string;
  now?: () => Date;
  /** Where msal's warnings and errors go. */
  log?: (level: 'warn' | 'error', message: string) => void;
}

const LOGIN_COOKIE = 'simbot_entra_login';
const LOGIN_TTL_MS = 10 * 60_000;
const CLOCK_SKEW_S = 300;
const SCOPES = ['openid', 'profile'];

const Pending = z.object({
  s: z.string().min(1),
  v: z.string().min(43),
  n: z.string().min(1),
  r: z.string().optional(),
  t: z.number(),
});
type Pending = z.infer<typeof Pending>;

/** The id token claims we read (Entra v2 tokens). */
interface Claims {
  oid?: string;
  sub?: string;
  tid?: string;
  aud?: string;
  exp?: number;
  name?: string;
  preferred_username?: string;
  roles?: unknown;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function clientCredential(
  settings: EntraSettings,
  readFile: (f: string) => string,
): Pick<NodeAuthOptions, 'clientSecret' | 'clientCertificate'> {
  if (!settings.certificate) {
    if (!settings.clientSecret) throw new Error('Entra sign-in needs ENTRA_CLIENT_SECRET or a certificate');
    return { clientSecret: settings.clientSecret };
  }
  const pem = readFile(settings.certificate.privateKeyFile);
  // msal signs with jsonwebtoken, which wants PKCS#8; accept PKCS#1 ("BEGIN RSA PRIVATE KEY") files too.
  const privateKey = createPrivateKey(pem).export({ type: 'pkcs8', format: 'pem' }).toString();
  const thumbprint = settings.certificate.thumbprint.replace(/[\s:]/g, '').toLowerCase();
  // The portal shows a SHA-1 thumbprint (40 hex digits); SHA-256 (64) is preferred by msal (PS256 assertions).
  const x5c = pem.includes('BEGIN CERTIFICATE') ? pem : undefined;
  if (/^[0-9a-f]{64}$/.test(thumbprint))
    return { clientCertificate: { thumbprintSha256: thumbprint, privateKey, x5c } };
  if (/^[0-9a-f]{40}$/.test(thumbprint)) return { clientCertificate: { thumbprint, privateKey, x5c } };
  throw new Error(
    'ENTRA_CERT_THUMBPRINT must be the certificate thumbprint in hex (40 digits SHA-1 or 64 digits SHA-256)',
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export class EntraAuthProvider implements AgentAuthProvider {
  readonly kind = 'entra' as const;
  readonly loginPath = '/auth/login';
  readonly callbackPath: string;
  private readonly msal: ConfidentialClientApplication;
  private readonly crypto = new CryptoProvider();
  private readonly now: () => Date;

  constructor(
    private readonly settings: EntraSettings,
    opts: EntraAuthOptions = {},
  ) {
    if (!GUID.test(settings.tenantId) && /^(common|organizations|consumers)$/i.test(settings.tenantId)) {
      // App roles are per tenant: with a multi-tenant authority another tenant's admin could grant themselves "supervisor".
      throw new Error('ENTRA_TENANT_ID must be your own tenant (its id or domain), not common/organizations/consumers');
    }
    this.callbackPath = new URL(settings.redirectUri).pathname;
    this.now = opts.now ?? (() => new Date());
    const log = opts.log;
    const config: Configuration = {
      auth: {
        clientId: settings.clientId,
        authority: `${settings.authorityHost}/${settings.tenantId}`,
        ...clientCredential(settings, opts.readFile ?? ((f) => fs.readFileSync(f, 'utf8'))),
        ...(opts.authorityMetadata ? { authorityMetadata: opts.authorityMetadata } : {}),
        ...(opts.cloudDiscoveryMetadata ? { cloudDiscoveryMetadata: opts.cloudDiscoveryMetadata } : {}),
      },
      system: {
        ...(opts.networkClient ? { networkClient: opts.networkClient } : {}),
        loggerOptions: {
          logLevel: LogLevel.Warning,
          piiLoggingEnabled: false,
          loggerCallback: (level, message) => log?.(level === LogLevel.Error ? 'error' : 'warn', message),
        },
      },
    };
    this.msal = new ConfidentialClientApplication(config);
  }

  async register(app: FastifyInstance, signIn: SignIn): Promise<void> {
    app.get(this.loginPath, async (req, reply) => this.login(req, reply));
    app.get(this.callbackPath, async (req, reply) => this.callback(req, reply, signIn));
  }

  private cookieOptions(req: FastifyRequest) {
    return { path: this.callbackPath, httpOnly: true, sameSite: 'lax' as const, secure: req.protocol === 'https' };
  }

  private async login(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { verifier, challenge } = await this.crypto.generatePkceCodes();
    const returnTo = (req.query as { returnTo?: unknown }).returnTo;
    const pending: Pending = {
      s: randomBytes(24).toString('base64url'),
      n: randomBytes(24).toString('base64url'),
      v: verifier,
      r: typeof returnTo === 'string' ? returnTo.slice(0, 500) : undefined,
      t: this.now().getTime(),
    };
    const url = await this.msal.getAuthCodeUrl({
      scopes: SCOPES,
      redirectUri: this.settings.redirectUri,
      responseMode: 'query',
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      state: pending.s,
      nonce: pending.n,
    });
    // SameSite=Lax, not Strict: the callback is a top-level navigation coming back from Entra's site.
    reply.setCookie(LOGIN_COOKIE, JSON.stringify(pending), {
      ...this.cookieOptions(req),
      signed: true,
      maxAge: LOGIN_TTL_MS / 1000,
    });
    reply.header('cache-control', 'no-store');
    return reply.redirect(url, 302);
  }

  private async callback(req: FastifyRequest, reply: FastifyReply, signIn: SignIn): Promise<FastifyReply> {
    const q = req.query as Record<string, unknown>;
    const pending = this.readPending(req);
    reply.clearCookie(LOGIN_COOKIE, this.cookieOptions(req)); // one use only
    if (!pending)
      return this.fail(
        req,
        reply,
        'SIGN_IN_FAILED',
        'This sign-in attempt expired or was started in another browser. Please sign in again.',
      );
    if (typeof q.error === 'string') {
      const why =
        typeof q.error_description === 'string'
          ? q.error_description.split('\n')[0]!.slice(0, 300)
          : q.error.slice(0, 100);
      return this.fail(req, reply, 'SIGN_IN_FAILED', `Microsoft Entra ID did not sign you in: ${why}`);
    }
    if (typeof q.state !== 'string' || q.state !== pending.s) {
      return this.fail(
        req,
        reply,
        'SIGN_IN_FAILED',
        "The sign-in answer does not belong to this browser's sign-in attempt (state mismatch). Please sign in again.",
      );
    }
    if (typeof q.code !== 'string' || !q.code)
      return this.fail(req, reply, 'SIGN_IN_FAILED', 'The sign-in answer has no code.');

    let claims: Claims;
    try {
      const result = await this.msal.acquireTokenByCode(
        {
          code: q.code,
          scopes: SCOPES,
          redirectUri: this.settings.redirectUri,
          codeVerifier: pending.v,
          state: pending.s,
          nonce: pending.n,
        },
        { code: q.code, state: q.state, nonce: pending.n },
      );
      claims = result.idTokenClaims as Claims;
      // We only need who the agent is, not tokens for other APIs: keep msal's in-memory cache from growing.
      // A failed removal only leaves one account in that cache; the sign-in itself succeeded.
      if (result.account)
        await this.msal
          .getTokenCache()
          .removeAccount(result.account)
          .catch(() => undefined);
    } catch (err) {
      req.log.warn({ err }, 'Entra code redemption failed');
      return this.fail(
        req,
        reply,
        'SIGN_IN_FAILED',
        'Microsoft Entra ID refused the sign-in code. Please sign in again.',
      );
    }

    const problem = this.checkClaims(claims);
    if (problem) {
      req.log.warn({ problem }, 'Entra id token rejected');
      return this.fail(req, reply, 'SIGN_IN_FAILED', `The sign-in token was not accepted (${problem}).`);
    }
    const id = (claims.oid ?? claims.sub)!;
    const name = claims.name || claims.preferred_username || id;
    const role = this.roleOf(claims.roles);
    if (!role) {
      req.log.warn({ agentId: id }, 'Entra sign-in without an agent role');
      return this.fail(
        req,
        reply,
        'NO_AGENT_ROLE',
        `${name} is signed in with Microsoft Entra ID but has neither the "${this.settings.roles.agent}" nor the "${this.settings.roles.supervisor}" app role. Ask an administrator to assign one.`,
      );
    }
    // '' (no returnTo asked for) still means "redirect": signIn sends the browser to the console's home.
    return signIn(req, reply, { id, name, role }, pending.r ?? '');
  }

  private readPending(req: FastifyRequest): Pending | null {
    const raw = req.cookies[LOGIN_COOKIE];
    if (!raw) return null;
    const unsigned = req.unsignCookie(raw);
    if (!unsigned.valid || unsigned.value === null) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(unsigned.value);
    } catch {
      return null;
    }
    const p = Pending.safeParse(parsed);
    if (!p.success || this.now().getTime() - p.data.t > LOGIN_TTL_MS) return null;
    return p.data;
  }

  private checkClaims(c: Claims | undefined): string | null {
    if (!c) return 'no id token';
    if (c.aud !== this.settings.clientId) return 'wrong audience';
    if (GUID.test(this.settings.tenantId) && c.tid?.toLowerCase() !== this.settings.tenantId.toLowerCase())
      return 'wrong tenant';
    if (typeof c.exp !== 'number' || c.exp + CLOCK_SKEW_S < this.now().getTime() / 1000) return 'expired';
    if (!c.oid && !c.sub) return 'no subject';
    return null;
  }

  /** Supervisor wins when both roles are assigned. */
  private roleOf(roles: unknown): AgentRole | null {
    const list = Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
    if (list.includes(this.settings.roles.supervisor)) return 'supervisor';
    if (list.includes(this.settings.roles.agent)) return 'agent';
    return null;
  }

  /** Browsers get a small page with a way back; API clients the usual error body. */
  private fail(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, message: string): FastifyReply {
    const e = new AppError(code, message);
    reply.code(e.status).header('cache-control', 'no-store');
    if (!(req.headers.accept ?? '').includes('text/html')) return reply.send(e.toBody());
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in failed</title></head>
<body><h1>Sign-in failed</h1><p>${escapeHtml(message)}</p><p><code>${code}</code></p>
<p><a href="${escapeHtml(this.loginPath)}">Sign in again</a></p></body></html>`);
  }
}
