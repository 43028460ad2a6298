/**
 * The one place that reads the environment. Parsed once, validated, defaults filled, frozen;
 * adapters receive only their own slice. A bad value stops start-up with a readable message.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const optionalString = z.string().trim().min(1).optional();

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  NLU_MODEL_DIR: optionalString,
  ORDERS_FILE: optionalString,
  PLANS_FILE: optionalString,
  ORDER_SOURCE: z.enum(['embedded', 'platform']).default('embedded'),
  PLATFORM_URL: z.url().optional(),
  PLATFORM_USER_ID: optionalString,
  PLATFORM_SECRET: optionalString,
  PLATFORM_SIGN: z.enum(['append', 'amp-secret']).default('append'),
  PLATFORM_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  PLATFORM_CACHE_SECONDS: z.coerce.number().int().min(0).default(30),
  PLATFORM_PRODUCTS_REFRESH_MINUTES: z.coerce.number().int().min(0).default(60),
  PLATFORM_CALLBACK_VERIFY: z.enum(['true', 'false']).default('true'),
  PLATFORM_CALLBACK_HEADER: z.string().min(1).default('x-172-sign'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis://')
    .optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** Messages one web-chat conversation may send per 10 s (faster than anyone types, slower than a script). */
  /** Messages older than this are deleted (hourly), with the dialog state of idle conversations. */
  TRANSCRIPT_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
  /** Behind proxies: how many there are, or their addresses; see trustProxy below. */
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  WS_MESSAGES_PER_10S: z.coerce.number().int().positive().default(10),
  AGENT_AUTH: z.enum(['entra', 'dev']).optional(),
  ENTRA_TENANT_ID: optionalString,
  ENTRA_CLIENT_ID: optionalString,
  ENTRA_CLIENT_SECRET: optionalString,
  ENTRA_CERT_THUMBPRINT: optionalString,
  ENTRA_CERT_PRIVATE_KEY_FILE: optionalString,
  ENTRA_REDIRECT_URI: z.url().optional(),
  ENTRA_AUTHORITY_HOST: z.url().default('https://login.microsoftonline.com'),
  ENTRA_ROLE_AGENT: z.string().min(1).default('agent'),
  ENTRA_ROLE_SUPERVISOR: z.string().min(1).default('supervisor'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_HOURS: z.coerce.number().positive().default(12),
  BUSINESS_HOURS: z
    .string()
    .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'must look like 09:00-21:00')
    .default('09:00-21:00'),
  BUSINESS_TZ_OFFSET_MINUTES: z.coerce.number().int().default(480),
  HANDOFF_CLAIM_TIMEOUT_MINUTES: z.coerce.number().positive().default(10),
  HANDOFF_AVG_HANDLE_SECONDS: z.coerce.number().positive().default(180),
  WECHATY_PUPPET: optionalString,
  WECHATY_PUPPET_SERVICE_TOKEN: optionalString,
  WECHAT_LEASE_SECONDS: z.coerce.number().int().min(1).default(30),
  MAX_MESSAGE_CHARS: z.coerce.number().int().positive().default(2000),
  /** A request (headers and body) must arrive within this: a client trickling bytes cannot hold a connection. */
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().default(30),
  /** How long a message being answered stays leased unrenewed: how soon another instance answers for one that died. */
  ANSWER_LEASE_SECONDS: z.coerce.number().positive().default(15),
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().trim().min(16, 'must be at least 16 characters').optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface EntraSettings {
  tenantId: string;
  clientId: string;
  clientSecret: string | undefined;
  certificate: { thumbprint: string; privateKeyFile: string } | undefined;
  redirectUri: string;
  authorityHost: string;
  roles: { agent: string; supervisor: string };
}

export interface PlatformSettings {
  url: string;
  userId: string;
  secret: string;
  sign: 'append' | 'amp-secret';
  timeoutMs: number;
  cacheSeconds: number;
}

export interface Config {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  http: { port: number; host: string };
  dataDir: string;
  /** Where trained NLU models are saved and loaded (default DATA_DIR/nlu-models; see bot/nlu/model-cache.ts). */
  nluModelDir: string;
  orders:
    | { source: 'embedded'; file: string | undefined }
    /** productsRefreshMinutes: how often GetProductsV2 refreshes the plans' availability; 0: never. */
    | ({ source: 'platform'; productsRefreshMinutes: number } & PlatformSettings);
  /** The 172 platform's status push (`POST /callbacks/172`); secret from PLATFORM_SECRET. */
  callback: { verify: boolean; header: string; secret: string | undefined };
  plansFile: string | undefined;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  rateLimitPerMinute: number;
  wsMessagesPer10s: number;
  retentionDays: number;
  /**
   * Which X-Forwarded-* hops to believe (cookies get Secure behind TLS, req.ip is the client's and
   * keys the rate limit): false (none), the number of proxies in front of the bot, or their
   * addresses and subnets. Never every hop: the client writes the leftmost X-Forwarded-For itself.
   */
  trustProxy: false | number | string[];
  agentAuth: 'entra' | 'dev';
  entra: EntraSettings | null;
  /** Signs session cookies; random per process when unset (sessions then end with a restart). */
  sessionSecret: string | undefined;
  sessionHours: number;
  handoff: {
    /** Minutes after local midnight (BUSINESS_TZ_OFFSET_MINUTES from UTC) when agents start and stop. */
    open: number;
    close: number;
    tzOffsetMinutes: number;
    claimTimeoutMinutes: number;
    avgHandleSeconds: number;
  };
  /** leaseSeconds: with several instances, how long the puppet's Redis lease lives unrenewed (renewed every third of it). */
  wechat: { puppet: string; token: string | undefined; leaseSeconds: number } | null;
  maxMessageChars: number;
  requestTimeoutMs: number;
  /** How long a lease on a message being answered lasts unrenewed (see the Store port). */
  answerLeaseMs: number;
  /** The bearer token /metrics asks for; undefined: /metrics is open (keep it on a private network). */
  metricsToken: string | undefined;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`,
    );
    this.name = 'ConfigError';
  }
}

/** Parses an environment (process.env in production, a plain object in tests) into a frozen Config. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Readonly<Config> {
  // Empty strings mean "unset" (a blank line in .env must not override a default).
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];

  let orders: Config['orders'];
  if (e.ORDER_SOURCE === 'platform') {
    const missing = (['PLATFORM_URL', 'PLATFORM_USER_ID', 'PLATFORM_SECRET'] as const).filter((k) => !e[k]);
    if (missing.length) problems.push(`ORDER_SOURCE=platform needs ${missing.join(', ')}`);
    orders = {
      source: 'platform',
      url: e.PLATFORM_URL ?? '',
      userId: e.PLATFORM_USER_ID ?? '',
      secret: e.PLATFORM_SECRET ?? '',
      sign: e.PLATFORM_SIGN,
      timeoutMs: e.PLATFORM_TIMEOUT_MS,
      cacheSeconds: e.PLATFORM_CACHE_SECONDS,
      productsRefreshMinutes: e.PLATFORM_PRODUCTS_REFRESH_MINUTES,
    };
  } else {
    orders = { source: 'embedded', file: e.ORDERS_FILE ? path.resolve(e.ORDERS_FILE) : undefined };
  }

  const agentAuth = e.AGENT_AUTH ?? (e.NODE_ENV === 'production' ? 'entra' : 'dev');
  if (agentAuth === 'dev' && e.NODE_ENV === 'production') {
    problems.push('AGENT_AUTH=dev is refused when NODE_ENV=production: use AGENT_AUTH=entra');
  }
  let entra: EntraSettings | null = null;
  if (agentAuth === 'entra') {
    const missing: string[] = (['ENTRA_TENANT_ID', 'ENTRA_CLIENT_ID', 'ENTRA_REDIRECT_URI'] as const).filter(
      (k) => !e[k],
    );
    const hasCert = Boolean(e.ENTRA_CERT_THUMBPRINT && e.ENTRA_CERT_PRIVATE_KEY_FILE);
    if (!e.ENTRA_CLIENT_SECRET && !hasCert)
      missing.push('ENTRA_CLIENT_SECRET (or ENTRA_CERT_THUMBPRINT and ENTRA_CERT_PRIVATE_KEY_FILE)');
    if (missing.length) problems.push(`AGENT_AUTH=entra needs ${missing.join(', ')}`);
    entra = {
      tenantId: e.ENTRA_TENANT_ID ?? '',
      clientId: e.ENTRA_CLIENT_ID ?? '',
      clientSecret: e.ENTRA_CLIENT_SECRET,
      certificate: hasCert
        ? { thumbprint: e.ENTRA_CERT_THUMBPRINT!, privateKeyFile: path.resolve(e.ENTRA_CERT_PRIVATE_KEY_FILE!) }
        : undefined,
      redirectUri: e.ENTRA_REDIRECT_URI ?? '',
      authorityHost: e.ENTRA_AUTHORITY_HOST.replace(/\/$/, ''),
      roles: { agent: e.ENTRA_ROLE_AGENT, supervisor: e.ENTRA_ROLE_SUPERVISOR },
    };
  }
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET)
    problems.push('SESSION_SECRET is required when NODE_ENV=production');
  const [open, close] = e.BUSINESS_HOURS.split('-').map((hm) => {
    const [h, m] = hm.split(':').map(Number) as [number, number];
    return h * 60 + m;
  }) as [number, number];
  if (problems.length) throw new ConfigError(problems);

  return deepFreeze<Config>({
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: { port: e.PORT, host: e.HOST },
    dataDir: path.resolve(e.DATA_DIR),
    nluModelDir: path.resolve(e.NLU_MODEL_DIR ?? path.join(e.DATA_DIR, 'nlu-models')),
    orders,
    callback: {
      verify: e.PLATFORM_CALLBACK_VERIFY === 'true',
      header: e.PLATFORM_CALLBACK_HEADER.toLowerCase(),
      secret: e.PLATFORM_SECRET,
    },
    plansFile: e.PLANS_FILE ? path.resolve(e.PLANS_FILE) : undefined,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    wsMessagesPer10s: e.WS_MESSAGES_PER_10S,
    retentionDays: e.TRANSCRIPT_RETENTION_DAYS,
    trustProxy: e.TRUST_PROXY,
    agentAuth,
    entra,
    sessionSecret: e.SESSION_SECRET,
    sessionHours: e.SESSION_HOURS,
    handoff: {
      open,
      close,
      tzOffsetMinutes: e.BUSINESS_TZ_OFFSET_MINUTES,
      claimTimeoutMinutes: e.HANDOFF_CLAIM_TIMEOUT_MINUTES,
      avgHandleSeconds: e.HANDOFF_AVG_HANDLE_SECONDS,
    },
    wechat: e.WECHATY_PUPPET
      ? { puppet: e.WECHATY_PUPPET, token: e.WECHATY_PUPPET_SERVICE_TOKEN, leaseSeconds: e.WECHAT_LEASE_SECONDS }
      : null,
    maxMessageChars: e.MAX_MESSAGE_CHARS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS * 1000,
    answerLeaseMs: e.ANSWER_LEASE_SECONDS * 1000,
    metricsToken: e.METRICS_TOKEN,
  });
}

/** Names proxy-addr (fastify's trustProxy) knows for groups of addresses. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY as fastify's trustProxy takes it, or what is wrong with it. */
function parseTrustProxy(v: string): false | number | string[] | string {
  if (v === 'false' || v === '0') return false;
  if (v === 'true') {
    return (
      'TRUST_PROXY=true would believe every X-Forwarded-For hop, so a client could pick its own IP: ' +
      'give the number of proxies in front of the bot (e.g. 1) or their addresses (e.g. 10.0.0.0/8,127.0.0.1)'
    );
  }
  if (/^\d+$/.test(v)) return Number(v);
  const list = v
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const bad = list.filter((a) => {
    if (PROXY_NAMES.has(a)) return false;
    const [ip, bits, more] = a.split('/');
    const version = isIP(ip ?? '');
    return (
      !version ||
      more !== undefined ||
      (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128)))
    );
  });
  if (!list.length || bad.length)
    return `TRUST_PROXY must be false, a number of proxies, or addresses/subnets separated by commas (not ${bad.join(', ') || 'empty'})`;
  return list;
}

function deepFreeze<T>(o: T): Readonly<T> {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
