/**
 * A fake Microsoft Entra ID tenant behind msal-node's network interface (`system.networkClient`), so
 * the real msal flow runs with no internet: instance discovery, the tenant's OpenID configuration and
 * the token endpoint. The browser's visit to the authorize page is `authorize(url, user)`, which gives
 * back the callback URL with a code bound to the code_challenge, redirect URI and nonce it saw.
 *
 * The token endpoint checks what Entra checks: the client credential (secret, or a certificate-signed
 * client assertion), a known single-use code, the same redirect URI, and the PKCE code_verifier.
 * Id tokens are RS256 JWTs signed with a key made here (msal-node does not verify the signature).
 */
import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  constants,
  type KeyObject,
} from 'node:crypto';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { EntraSettings } from '../../bot/config.js';

export interface FakeUser {
  oid: string;
  name?: string;
  preferred_username?: string;
  /** App roles assigned to the user (the id token's `roles` claim); omitted when empty, as Entra does. */
  roles?: string[];
}

interface Grant {
  user: FakeUser;
  redirectUri: string;
  challenge: string;
  nonce: string | undefined;
  scope: string;
  used: boolean;
}

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');
/** One key for every fake tenant: making a 2048-bit RSA key takes a noticeable fraction of a second. */
let signingKey: KeyObject | undefined;
const sharedSigningKey = () => (signingKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
const INSTANCE_DISCOVERY = 'https://login.microsoftonline.com/common/discovery/instance';

export class FakeEntra implements INetworkModule {
  readonly host: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  readonly redirectUri: string;
  /** Every request msal made, in order. */
  readonly requests: Array<{ method: 'GET' | 'POST'; url: string; body?: string }> = [];
  /** Every error the token endpoint answered (`error: description`). */
  readonly errors: string[] = [];
  /** Changes the claims of the next id tokens (expired, other audience, …). */
  tamper: ((claims: Record<string, unknown>) => Record<string, unknown>) | undefined;
  private readonly grants = new Map<string, Grant>();
  private readonly signingKey = sharedSigningKey();
  private readonly certificate: { publicKey: KeyObject; thumbprint: string } | undefined;

  constructor(
    opts: {
      host?: string;
      tenantId?: string;
      clientId?: string;
      clientSecret?: string;
      redirectUri?: string;
      /** Accept certificate client assertions instead of a secret: the public key and its registered thumbprint (hex). */
      certificate?: { publicKey: KeyObject | string; thumbprint: string };
    } = {},
  ) {
    this.host = opts.host ?? 'login.fake-entra.test';
    this.tenantId = opts.tenantId ?? '11111111-2222-3333-4444-555555555555';
    this.clientId = opts.clientId ?? 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    this.clientSecret = opts.certificate ? undefined : (opts.clientSecret ?? 'fake-client-secret');
    this.redirectUri = opts.redirectUri ?? 'http://localhost/auth/callback';
    this.certificate = opts.certificate && {
      publicKey:
        typeof opts.certificate.publicKey === 'string'
          ? createPublicKey(opts.certificate.publicKey)
          : opts.certificate.publicKey,
      thumbprint: opts.certificate.thumbprint.toLowerCase(),
    };
  }

  get base(): string {
    return `https://${this.host}/${this.tenantId}`;
  }
  get issuer(): string {
    return `${this.base}/v2.0`;
  }
  get tokenEndpoint(): string {
    return `${this.base}/oauth2/v2.0/token`;
  }

  /** The config.ts slice for this tenant. */
  settings(overrides: Partial<EntraSettings> = {}): EntraSettings {
    return {
      tenantId: this.tenantId,
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      certificate: undefined,
      redirectUri: this.redirectUri,
      authorityHost: `https://${this.host}`,
      roles: { agent: 'agent', supervisor: 'supervisor' },
      ...overrides,
    };
  }

  openIdConfiguration() {
    return {
      issuer: this.issuer,
      authorization_endpoint: `${this.base}/oauth2/v2.0/authorize`,
      token_endpoint: this.tokenEndpoint,
      end_session_endpoint: `${this.base}/oauth2/v2.0/logout`,
      jwks_uri: `https://${this.host}/${this.tenantId}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
  }

  instanceDiscovery() {
    return {
      tenant_discovery_endpoint: `${this.issuer}/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: this.host, preferred_cache: this.host, aliases: [this.host] }],
    };
  }

  /**
   * The user signs in at the authorize URL msal built; returns where Entra would send the browser
   * (path and query of the redirect URI, ready for `app.inject`).
   */
  authorize(authorizeUrl: string, user: FakeUser): string {
    const u = new URL(authorizeUrl);
    const p = u.searchParams;
    if (`${u.origin}${u.pathname}` !== `${this.base}/oauth2/v2.0/authorize`)
      throw new Error(`not this tenant's authorize URL: ${authorizeUrl}`);
    if (p.get('client_id') !== this.clientId) throw new Error('authorize: unknown client_id');
    if (p.get('response_type') !== 'code') throw new Error('authorize: response_type must be code');
    if (p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge'))
      throw new Error('authorize: PKCE S256 challenge required');
    const redirectUri = p.get('redirect_uri') ?? '';
    const code = `fake-code-${randomBytes(16).toString('hex')}`;
    this.grants.set(code, {
      user,
      redirectUri,
      challenge: p.get('code_challenge')!,
      nonce: p.get('nonce') ?? undefined,
      scope: p.get('scope') ?? '',
      used: false,
    });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    if (p.get('state') !== null) back.searchParams.set('state', p.get('state')!);
    return `${back.pathname}${back.search}`;
  }

  async sendGetRequestAsync<T>(url: string): Promise<NetworkResponse<T>> {
    this.requests.push({ method: 'GET', url });
    if (url.startsWith(INSTANCE_DISCOVERY)) return this.answer(200, this.instanceDiscovery());
    if (url === `${this.issuer}/.well-known/openid-configuration`) return this.answer(200, this.openIdConfiguration());
    return this.answer(404, { error: 'not_found', error_description: `fake Entra has no ${url}` });
  }

  async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    this.requests.push({ method: 'POST', url, body: options?.body });
    if (url.split('?')[0] !== this.tokenEndpoint)
      return this.answer(404, { error: 'not_found', error_description: `fake Entra has no ${url}` });
    const form = new URLSearchParams(options?.body ?? '');
    if (form.get('grant_type') !== 'authorization_code')
      return this.error(400, 'unsupported_grant_type', 'AADSTS70003: only authorization_code here');
    if (form.get('client_id') !== this.clientId)
      return this.error(400, 'unauthorized_client', 'AADSTS700016: unknown client');
    const clientProblem = this.checkClient(form);
    if (clientProblem) return this.error(401, 'invalid_client', clientProblem);
    const grant = this.grants.get(form.get('code') ?? '');
    if (!grant || grant.used)
      return this.error(
        400,
        'invalid_grant',
        'AADSTS70008: The provided authorization code is invalid or has expired.',
      );
    grant.used = true;
    if (form.get('redirect_uri') !== grant.redirectUri)
      return this.error(400, 'invalid_grant', 'AADSTS50011: redirect_uri mismatch');
    const verifier = form.get('code_verifier') ?? '';
    if (!verifier || b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge) {
      return this.error(
        400,
        'invalid_grant',
        'AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.',
      );
    }
    const now = Math.floor(Date.now() / 1000);
    let claims: Record<string, unknown> = {
      ver: '2.0',
      iss: this.issuer,
      aud: this.clientId,
      iat: now,
      nbf: now,
      exp: now + 3600,
      tid: this.tenantId,
      oid: grant.user.oid,
      sub: `sub-${grant.user.oid}`,
      name: grant.user.name,
      preferred_username: grant.user.preferred_username,
      nonce: grant.nonce,
      ...(grant.user.roles?.length ? { roles: grant.user.roles } : {}),
    };
    if (this.tamper) claims = this.tamper(claims);
    return this.answer(200, {
      token_type: 'Bearer',
      scope: grant.scope,
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: `fake-access-token-${randomBytes(8).toString('hex')}`,
      id_token: this.jwt(claims),
      client_info: b64url(JSON.stringify({ uid: grant.user.oid, utid: this.tenantId })),
    });
  }

  /** An RS256 JWT signed with this tenant's key. */
  jwt(claims: Record<string, unknown>): string {
    const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: 'fake-key-1' }));
    const body = b64url(JSON.stringify(claims));
    return `${head}.${body}.${b64url(sign('sha256', Buffer.from(`${head}.${body}`), this.signingKey))}`;
  }

  private checkClient(form: URLSearchParams): string | null {
    if (this.clientSecret !== undefined) {
      return form.get('client_secret') === this.clientSecret ? null : 'AADSTS7000215: Invalid client secret provided.';
    }
    if (!this.certificate) return 'AADSTS7000218: no client credential';
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
      return 'AADSTS7000218: client_assertion required';
    const [h, p, s] = (form.get('client_assertion') ?? '').split('.');
    if (!h || !p || !s) return 'AADSTS50027: malformed client assertion';
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, string>;
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const pss = header.alg === 'PS256';
    if (!pss && header.alg !== 'RS256') return `AADSTS5002730: unsupported alg ${header.alg}`;
    const key = pss
      ? {
          key: this.certificate.publicKey,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
        }
      : this.certificate.publicKey;
    if (!verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url')))
      return 'AADSTS7000274: bad client assertion signature';
    const x5t = Buffer.from((pss ? header['x5t#S256'] : header.x5t) ?? '', 'base64url').toString('hex');
    if (x5t !== this.certificate.thumbprint) return 'AADSTS700027: certificate thumbprint not registered';
    if (payload.aud !== this.tokenEndpoint || payload.iss !== this.clientId || payload.sub !== this.clientId)
      return 'AADSTS700024: assertion audience or issuer wrong';
    if (typeof payload.exp !== 'number' || payload.exp < Date.now() / 1000) return 'AADSTS700024: assertion expired';
    return null;
  }

  private error<T>(status: number, error: string, description: string): NetworkResponse<T> {
    this.errors.push(`${error}: ${description}`);
    return this.answer(status, {
      error,
      error_description: description,
      error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)],
      timestamp: new Date().toISOString(),
      trace_id: 'fake-trace',
      correlation_id: 'fake-correlation',
    });
  }

  private answer<T>(status: number, body: unknown): NetworkResponse<T> {
    return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: body as T };
  }
}
