/**
 * Builds the whole application from a Config: the one place that wires ports to adapters.
 * Returns the Fastify app without listening (tests use app.inject()).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Logger } from 'pino';
import { EmbeddedOrderSource } from '../../adapters/orders/embedded.order-source.js';
import { PlatformOrderSource } from '../../adapters/orders/platform.order-source.js';
import { platformCallback, pushToOrder } from '../../adapters/channels/platform-callback.js';
import { SqliteStore } from '../../adapters/storage/sqlite.store.js';
import type { WechatChannel } from '../../adapters/channels/wechat.channel.js';
import type { Lease } from '../../adapters/bus/redis.lease.js';
import { bearer, restChannel } from '../../adapters/channels/rest.channel.js';
import { wsChannel } from '../../adapters/channels/ws.channel.js';
import { webPages } from '../../adapters/channels/web.pages.js';
import { consolePages } from '../../adapters/channels/console.pages.js';
import { agentRoutes } from '../../adapters/channels/agent.routes.js';
import { plansRoute } from '../../adapters/channels/plans.route.js';
import { createAgentAuthProvider, registerAgentAuth } from './agent-sessions.js';
import { AgentInbox } from '../agent-inbox.js';
import { AgentPresence } from '../agent-presence.js';
import { loadPlans, type PlanCatalogue } from '../plans.js';
import { CatalogueRefresher, LiveCatalogue } from '../catalogue-refresh.js';
import { loadFaq, type Faq } from '../faq.js';
import { supportDialog } from '../../dialogs/support.dialog.js';
import { explainOrder } from '../../dialogs/explain-order.js';
import { t } from '../core/texts.js';
import { BotkitDialogEngine } from '../botkit.engine.js';
import type { Config } from '../config.js';
import { Conversations } from '../conversations.js';
import { AGENTS_CHANNEL, HandoffService } from '../handoff.js';
import { OrderNotices } from '../notices.js';
import { sharedRemarkSimilarity } from '../remark-similarity.js';
import { AppError } from '../errors.js';
import { toAppError } from '../http-errors.js';
import { guardRequests, serverOptions } from './http-server.js';
import { loadKnowledge, type Knowledge } from '../knowledge/loader.js';
import { createLogger } from '../logger.js';
import { createMetrics, type Metrics } from '../metrics.js';
import { sharedNaturalNlu } from '../nlu/natural.nlu.js';
import type { LanguageUnderstanding } from '../core/ports/language-understanding.js';
import { Pipeline } from '../pipeline.js';
import { openStorage, type FeatureStores } from './stores.js';
import type { Bus } from '../core/ports/bus.js';
import type { OrderSource } from '../core/ports/order-source.js';
import type { Store } from '../core/ports/store.js';

/** Anything a test (or another deployment) wants to supply instead of the defaults. */
export interface AppDeps extends Partial<FeatureStores> {
  store?: Store;
  orders?: OrderSource;
  bus?: Bus;
  plans?: PlanCatalogue;
  faq?: Faq;
  /** Options for the Entra provider (tests inject msal's network client). */
  entra?: Parameters<typeof createAgentAuthProvider>[1];
  nlu?: LanguageUnderstanding;
  knowledge?: Knowledge;
  logger?: Logger;
  now?: () => Date;
}

export interface BuiltApp {
  app: FastifyInstance;
  pipeline: Pipeline;
  store: Store;
  bus: Bus;
  metrics: Metrics;
  conversations: Conversations;
  handoff: HandoffService;
  /** The WeChat channel when WECHATY_PUPPET is set. */
  wechat: WechatChannel | null;
  /**
   * Starts the WeChat puppet (main.ts calls it after listen). With Redis, only the instance holding
   * the `wechat-puppet` lease runs it; the others take over when that instance stops renewing.
   */
  startWechat(): Promise<void>;
  /** On ORDER_SOURCE=platform: refreshes plan availability from GetProductsV2 (also on a timer). */
  plansRefresh: CatalogueRefresher | null;
}

/** How often deadlines in the handoff queue are checked (unclaimed customers offered a ticket). */
const SWEEP_MS = 5_000;

export async function build(config: Readonly<Config>, deps: AppDeps = {}): Promise<BuiltApp> {
  const log = deps.logger ?? createLogger(config.logLevel);
  const knowledge = deps.knowledge ?? loadKnowledge();
  const storage = await openStorage(config, deps, log);
  const { store, bus, scale, limiterRedis, handoffs, sessions, watches, callbacks, audit, lockout } = storage;
  const metrics = createMetrics(!deps.store);
  sharedRemarkSimilarity(); // checks knowledge/remark-examples.json at start-up
  const orders =
    deps.orders ??
    (config.orders.source === 'embedded'
      ? EmbeddedOrderSource.fromFile(config.orders.file)
      : new PlatformOrderSource(config.orders, {
          onError: (kind) => metrics.orderSourceErrors.inc({ source: 'platform', kind }),
        }));
  const filePlans = deps.plans ?? loadPlans(config.plansFile);
  // Availability (on sale, where it ships, ages) follows the platform's product list when there is one.
  const plans = new LiveCatalogue(filePlans);
  // Trained once, then loaded at each start from DATA_DIR while nothing it is made of changes (1.4–2.6 s of training saved).
  const nlu =
    deps.nlu ??
    sharedNaturalNlu(
      plans.plans.map(({ id, name, operator, monthlyFee }) => ({ id, name, operator, monthlyFee })),
      config.nluModelDir,
      (err) =>
        log.warn({ err, dir: config.nluModelDir }, 'NLU models could not be saved; every start will train them again'),
    );
  const conversations = new Conversations(store);
  const faq = deps.faq ?? loadFaq();
  const engine = new BotkitDialogEngine(supportDialog(knowledge), { orders, knowledge, lockout, plans, faq }, store, {
    cacheState: store instanceof SqliteStore,
  });
  const handoff = new HandoffService({
    handoffs,
    store,
    bus,
    orders,
    knowledge,
    settings: config.handoff,
    metrics,
    log,
    now: deps.now,
  });
  const pipeline = new Pipeline({
    store,
    bus,
    nlu,
    engine,
    log,
    metrics,
    maxMessageChars: config.maxMessageChars,
    now: deps.now,
    answerLeaseMs: config.answerLeaseMs,
    redacted: (locale) => knowledge.replies[locale].precheck_redacted ?? '[redacted]',
    failed: (locale) => knowledge.replies[locale].turn_failed ?? 'Sorry, something went wrong.',
    intercept: (id, text, locale) => handoff.intercept(id, text, locale),
    revise: (replies, effects, locale) => handoff.revise(replies, effects, locale),
    openingSuggestions: (locale) =>
      ['sugg_find_order_no', 'sugg_plans', 'sugg_activate', 'sugg_human'].map((k) => t(knowledge, locale, k)),
    onEffect: async (id, effect, locale) => {
      if (effect.type === 'handoff') return handoff.request(id, effect, locale);
      if (effect.type === 'seen_order') await notices.seen(id, effect.orderNo, effect.status);
      if (effect.type === 'notify_opt_in') await notices.optIn(id, effect.orderNo);
      return undefined;
    },
  });
  let wechat: WechatChannel | null = null;
  if (config.wechat) {
    // Loaded only when configured: wechaty is large and most deployments do not use it.
    const { wechatFromConfig } = await import('../../adapters/channels/wechat.channel.js');
    wechat = wechatFromConfig(config, {
      pipeline,
      store,
      conversations,
      bus,
      log,
      db: store instanceof SqliteStore ? store.db : undefined,
      // Logouts and puppet errors: logged, and shown to every console live.
      onAlert: (a) => {
        log.error({ alert: a.kind }, a.message);
        void bus
          .publish(AGENTS_CHANNEL, { type: 'agents', change: 'wechat', message: a.message })
          .catch(() => undefined);
      },
    });
  } else {
    log.info('WeChat channel off: set WECHATY_PUPPET and WECHATY_PUPPET_SERVICE_TOKEN to turn it on');
  }

  const app = Fastify(serverOptions(config, log));
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const e = toAppError(err);
    if (e.status >= 500) req.log.error({ err }, 'request failed');
    return reply.code(e.status).send(e.toBody());
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send(new AppError('NOT_FOUND').toBody()));
  guardRequests(app, config);

  // Security headers; a strict CSP: the web chat and console load only their own scripts and styles.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(websocket, {
    options: { maxPayload: 16 * 1024 },
    // Graceful shutdown: finish the turns in flight, then close sockets with 1012 ("service
    // restart") so pages reconnect (to another instance, or to this one once it is back).
    preClose: async function (this: FastifyInstance) {
      const drained = await pipeline.drain(5000);
      if (!drained) log.warn('shutdown: turns still running after 5 s; closing anyway');
      for (const client of this.websocketServer.clients) client.close(1012, 'server restarting; reconnect');
    },
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  // Ready = the database and the bus answer (cheap on SQLite and the in-process bus).
  app.get('/readyz', async (_req, reply) => {
    const checks = await Promise.allSettled([store.ready?.() ?? Promise.resolve(), bus.ready?.() ?? Promise.resolve()]);
    const [db, busCheck] = checks.map((c) => (c.status === 'fulfilled' ? 'ok' : 'down'));
    const ok = db === 'ok' && busCheck === 'ok';
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', database: db, bus: busCheck });
  });
  app.get('/metrics', async (req, reply) => {
    if (config.metricsToken && !sameSecret(bearer(req), config.metricsToken))
      throw new AppError('UNAUTHORIZED', 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.');
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  // The customer APIs, rate-limited per client IP (loopback is not exempt).
  await app.register(async (scope) => {
    await scope.register(rateLimit, {
      global: true,
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      // In-process WebSocket injection (tests) has no address; count those under one key.
      keyGenerator: (req) => req.ip ?? req.socket?.remoteAddress ?? 'unknown',
      errorResponseBuilder: () => new AppError('RATE_LIMITED'),
      // Shared counts across instances when Redis is there; if Redis is lost, requests are not limited
      // rather than refused (the per-socket limit still applies).
      ...(limiterRedis ? { redis: limiterRedis.redis, nameSpace: 'simbot-rl:', skipOnError: true } : {}),
    });
    scope.post('/api/nlu/parse', async (req) => {
      const body = req.body as { text?: unknown } | null;
      const { text, intent, ranking, entities } = nlu.parse(pipeline.validateText(body?.text));
      // What ../shared/API.md promises, nothing more.
      return { text, intent, ranking: ranking.map(({ name, confidence }) => ({ name, confidence })), entities };
    });
    await restChannel(scope, { conversations, pipeline, store });
    await wsChannel(scope, {
      conversations,
      pipeline,
      store,
      bus,
      metrics,
      messageLimiter: new RateLimiterMemory({ keyPrefix: 'ws-msg', points: config.wsMessagesPer10s, duration: 10 }),
    });
  });
  await app.register(async (scope) => webPages(scope));
  await app.register(async (scope) => plansRoute(scope, { catalogue: plans }));

  // Agents: sign-in (Entra ID or dev), sessions and CSRF on the root app, so its 401 safety net
  // covers every /api/agent/* route; then the console's API and pages.
  const provider = await createAgentAuthProvider(config, { ...deps.entra, log: (level, msg) => log[level](msg) });
  const guard = await registerAgentAuth(app, { config, provider, sessions, now: deps.now });
  await app.register(async (scope) =>
    agentRoutes(scope, {
      handoff,
      bus,
      knowledge,
      guard,
      audit,
      maxMessageChars: config.maxMessageChars,
      inbox: new AgentInbox({ handoffs, store, orders, log, now: deps.now }),
      presence: new AgentPresence(store),
      signedIn: () => sessions.signedIn(deps.now?.() ?? new Date()),
      wechatStatus: wechat ? () => wechat!.status() : undefined,
    }),
  );
  await app.register(async (scope) => consolePages(scope));

  const notices = new OrderNotices({ watches, store, bus, orders, knowledge, log, wechat, explain: explainOrder });
  await app.register(async (scope) =>
    platformCallback(scope, {
      settings: config.callback,
      store: callbacks,
      onStatusChange: async (_orderNo, push) => {
        await notices.statusChanged(push.OrderNo, pushToOrder(push));
      },
    }),
  );

  let leaseTimer: NodeJS.Timeout | undefined;
  let lease: Lease | null = null;
  let closing = false;
  const startWechat = async (): Promise<void> => {
    if (!wechat) return;
    if (!scale || !(bus instanceof scale.RedisBus)) return wechat.start();
    const leases = new scale.RedisLeases(bus.client);
    const ttlMs = (config.wechat?.leaseSeconds ?? 30) * 1000;
    const retry = () => {
      if (!closing) leaseTimer = setTimeout(() => void take(), Math.ceil(ttlMs / 3)).unref();
    };
    const take = async () => {
      lease = await leases.acquire('wechat-puppet', ttlMs).catch(() => null);
      if (!lease) return retry(); // another instance holds the puppet
      lease.keepAlive(() => {
        log.warn('lost the WeChat puppet lease; stopping the puppet here');
        lease = null;
        void wechat!.stop().finally(retry);
      });
      await wechat!.start();
    };
    await take();
  };

  // Retention: transcripts older than TRANSCRIPT_RETENTION_DAYS go, checked at start and hourly.
  let lastPurge = 0;
  const purge = async () => {
    if (!store.purgeBefore || Date.now() - lastPurge < 3_600_000) return;
    lastPurge = Date.now();
    const before = new Date(Date.now() - config.retentionDays * 86_400_000).toISOString();
    const n = await store.purgeBefore(before);
    if (n) log.info({ messages: n, before }, 'transcripts purged (retention)');
  };
  // Messages stored but never answered (a crash, a failure): answered once their lease has run out.
  const recover = () =>
    pipeline.recover().catch((err: unknown) => log.error({ err }, 'recovery of unanswered messages failed'));
  app.addHook('onReady', async () => {
    void recover();
  });
  const sweeper = setInterval(() => {
    handoff.sweep().catch((err: unknown) => log.error({ err }, 'handoff sweep failed'));
    purge().catch((err: unknown) => log.error({ err }, 'retention purge failed'));
    void recover();
  }, SWEEP_MS);
  sweeper.unref();

  const plansRefresh =
    orders instanceof PlatformOrderSource &&
    config.orders.source === 'platform' &&
    config.orders.productsRefreshMinutes > 0
      ? new CatalogueRefresher({
          file: filePlans,
          live: plans,
          products: () => orders.getProducts(),
          log,
          everyMs: config.orders.productsRefreshMinutes * 60_000,
        })
      : null;
  plansRefresh?.start();

  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    plansRefresh?.stop();
    closing = true;
    clearTimeout(leaseTimer);
    await wechat?.close();
    await (lease as Lease | null)?.release().catch(() => false);
    await callbacks.close();
    limiterRedis?.redis.disconnect();
    await bus.close();
    await store.close();
  });
  return { app, pipeline, store, bus, metrics, conversations, handoff, wechat, startWechat, plansRefresh };
}

/** Compares a presented secret with the expected one in constant time. */
function sameSecret(given: string | undefined, expected: string): boolean {
  const a = createHash('sha256')
    .update(given ?? '')
    .digest();
  return given !== undefined && timingSafeEqual(a, createHash('sha256').update(expected).digest());
}
