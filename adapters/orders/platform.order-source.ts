/**
 * Orders from the 172 open API (`ORDER_SOURCE=platform`). Form-encoded POSTs signed as
 * platform.sign.ts describes, made resilient with cockatiel and cached briefly with lru-cache.
 *
 * Policy stack, outermost first: total deadline → retry (transient errors only) → circuit
 * breaker → per-attempt timeout. The total deadline exists so that a customer never waits longer
 * than ~4.5 s for an answer, whatever `timeoutMs` and the retry count add up to.
 */
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleAll,
  handleWhen,
  retry,
  timeout,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { PlatformSettings } from '../../bot/config.js';
import { AppError } from '../../bot/errors.js';
import type { Order, OrderSource } from '../../bot/core/ports/order-source.js';
import { toOrder } from './platform.record.js';
import { sign } from './platform.sign.js';

/** Why a look-up failed; the `kind` label of metrics.orderSourceErrors. */
export type PlatformErrorKind =
  'timeout' | 'network' | 'http_5xx' | 'http_4xx' | 'bad_response' | 'rejected' | 'circuit_open';

export interface PlatformOrderSourceOptions {
  /** Retries after the first attempt, for transient errors only. Default 2. */
  retries?: number;
  /** First backoff delay; it doubles per retry (with jitter). Default 100 ms. */
  backoffInitialMs?: number;
  /** Consecutive failed attempts that open the breaker. Default 5. */
  breakerThreshold?: number;
  /** How long the breaker stays open before letting one trial call through. Default 30 s. */
  breakerHalfOpenMs?: number;
  /** Deadline for a whole look-up, retries included. Default 4500 ms. */
  totalTimeoutMs?: number;
  /** Called once per failed look-up, e.g. `(kind) => metrics.orderSourceErrors.inc({ source: 'platform', kind })`. */
  onError?: (kind: PlatformErrorKind, error: AppError) => void;
  /** Seconds since the epoch, for the `Timestamp` field (tests). */
  nowSeconds?: () => number;
}

/** One failed attempt, classified. `transient` ones are worth a retry. */
export class PlatformCallError extends Error {
  constructor(
    readonly kind: PlatformErrorKind,
    readonly transient: boolean,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PlatformCallError';
  }
}

/** A product of GetProductsV2, in the bot's words; `raw` keeps everything the platform sent. */
export interface PlatformProduct {
  productId: string;
  name: string | null;
  operator: string | null;
  area: string | null;
  excludedProvinces: string[];
  onSale: boolean;
  ageMin: number | null;
  ageMax: number | null;
  raw: Record<string, unknown>;
}

// ---- tolerant parsing -------------------------------------------------------------------------

/** A text field: strings and numbers accepted, anything else (or blank) becomes undefined. */
const text = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim() || undefined)
  .optional()
  .catch(undefined);
const num = z
  .union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/)])
  .transform(Number)
  .optional()
  .catch(undefined);

const Envelope = z.looseObject({
  code: z.union([z.number(), z.string().regex(/^\s*-?\d+\s*$/)]).transform(Number),
  message: text,
  msg: text,
  errs: z.unknown().optional(),
  data: z.unknown().optional(),
});

// Field names as the 172 platform uses them, plus spellings seen in other integrations.
const RawOrder = z.looseObject({
  OrderNo: text,
  DownOrderID: text,
  orderNo: text,
  OrderStatus: text,
  orderStatus: text,
  Status: text,
  Remark: text,
  remark: text,
  Reason: text,
  ProductID: text,
  ProductId: text,
  productID: text,
  ProductName: text,
  productName: text,
  Operator: text,
  operator: text,
  Phone: text,
  Mobile: text,
  ContactPhone: text,
  phone: text,
  IDCard: text,
  IdCard: text,
  Name: text,
  UserName: text,
  Province: text,
  City: text,
  Address: text,
  CreatedAt: text,
  CreateTime: text,
  AddTime: text,
  ExpressName: text,
  ExpressCode: text,
  ThirdPhone: text,
});

const NOT_FOUND = /不存在|未找到|查无|无此订单|没有找到|not\s*found|no\s+such/i;

function envelopeOf(body: unknown): z.infer<typeof Envelope> {
  const env = Envelope.safeParse(body);
  if (!env.success)
    throw new PlatformCallError(
      'bad_response',
      false,
      'the platform answered something that is not its JSON envelope',
      { cause: env.error },
    );
  return env.data;
}

/** The `data` of an answer: an object, a one-element array, or (seen in the wild) a JSON string. */
function unwrapData(data: unknown): unknown {
  let d = data;
  if (typeof d === 'string' && /^\s*[[{]/.test(d)) {
    try {
      d = JSON.parse(d);
    } catch {
      /* left as is: fails the schema below */
    }
  }
  return Array.isArray(d) ? d[0] : d;
}

/**
 * GetOrderInfo's answer → an Order, `null` for "no such order", or a PlatformCallError.
 * Extra fields are ignored; missing optional ones become null.
 */
export function parseOrderResponse(body: unknown, orderNo: string): Order | null {
  const env = envelopeOf(body);
  const message = env.message ?? env.msg ?? '';
  if (env.code !== 0) {
    if (NOT_FOUND.test(message)) return null;
    throw new PlatformCallError('rejected', false, `the platform refused the look-up (code ${env.code}: ${message})`);
  }
  const data = unwrapData(env.data);
  if (data === null || data === undefined || data === '') return null;
  const parsed = RawOrder.safeParse(data);
  if (!parsed.success)
    throw new PlatformCallError('bad_response', false, 'the order in the answer is not an object', {
      cause: parsed.error,
    });
  const o = parsed.data;
  const status = o.OrderStatus ?? o.orderStatus ?? o.Status;
  if (!status) throw new PlatformCallError('bad_response', false, 'the order in the answer has no OrderStatus');
  const n = (v: string | undefined) => v ?? null;
  return toOrder({
    OrderNo: o.OrderNo ?? o.DownOrderID ?? o.orderNo ?? orderNo,
    OrderStatus: status,
    Remark: n(o.Remark ?? o.remark ?? o.Reason),
    ProductID: n(o.ProductID ?? o.ProductId ?? o.productID),
    ProductName: n(o.ProductName ?? o.productName),
    Operator: n(o.Operator ?? o.operator),
    // Without a contact phone nobody can prove ownership: '' never matches a 4-digit tail.
    Phone: o.Phone ?? o.Mobile ?? o.ContactPhone ?? o.phone ?? '',
    IDCard: n(o.IDCard ?? o.IdCard),
    Name: n(o.Name ?? o.UserName),
    Province: n(o.Province),
    City: n(o.City),
    Address: n(o.Address),
    CreatedAt: n(o.CreatedAt ?? o.CreateTime ?? o.AddTime),
    ExpressName: n(o.ExpressName),
    ExpressCode: n(o.ExpressCode),
    ThirdPhone: n(o.ThirdPhone),
  });
}

const RawProduct = z.looseObject({
  productID: text,
  ProductID: text,
  productName: text,
  ProductName: text,
  name: text,
  operator: text,
  Operator: text,
  area: text,
  disableArea: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .catch(undefined),
  flag: z.unknown().optional(),
  Age1: num,
  Age2: num,
});

/** GetProductsV2's answer → products; entries without a product id are skipped. */
export function parseProductsResponse(body: unknown): PlatformProduct[] {
  const env = envelopeOf(body);
  if (env.code !== 0)
    throw new PlatformCallError(
      'rejected',
      false,
      `the platform refused the product list (code ${env.code}: ${env.message ?? env.msg ?? ''})`,
    );
  let data = env.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      data = null;
    }
  }
  if (!Array.isArray(data)) throw new PlatformCallError('bad_response', false, 'the product list is not an array');
  const out: PlatformProduct[] = [];
  for (const item of data) {
    const p = RawProduct.safeParse(item);
    const id = p.success ? (p.data.productID ?? p.data.ProductID) : undefined;
    if (!p.success || !id) continue;
    const d = p.data;
    const areas = Array.isArray(d.disableArea) ? d.disableArea : (d.disableArea ?? '').split(/[,，、\s|]+/);
    out.push({
      productId: id,
      name: d.productName ?? d.ProductName ?? d.name ?? null,
      operator: d.operator ?? d.Operator ?? null,
      area: d.area ?? null,
      excludedProvinces: areas.map((a) => a.trim()).filter(Boolean),
      onSale: d.flag === undefined ? true : [1, '1', true, 'true', '上架'].includes(d.flag as never),
      ageMin: d.Age1 ?? null,
      ageMax: d.Age2 ?? null,
      raw: item as Record<string, unknown>,
    });
  }
  return out;
}

// ---- the adapter ------------------------------------------------------------------------------

export class PlatformOrderSource implements OrderSource {
  readonly name = 'platform';
  /** Exposed so tests and health checks can see whether the platform is being short-circuited. */
  readonly breaker: CircuitBreakerPolicy;
  private readonly policy: IPolicy;
  private readonly cache: LRUCache<string, Order> | null;
  private readonly inFlight = new Map<string, Promise<Order | null>>();
  private readonly nowSeconds: () => number;

  constructor(
    private readonly settings: Readonly<PlatformSettings>,
    private readonly opts: PlatformOrderSourceOptions = {},
  ) {
    this.nowSeconds = opts.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
    this.breaker = circuitBreaker(handleAll, {
      halfOpenAfter: opts.breakerHalfOpenMs ?? 30_000,
      breaker: new ConsecutiveBreaker(opts.breakerThreshold ?? 5),
    });
    const retryTransient = retry(
      handleWhen((e) => (e instanceof PlatformCallError ? e.transient : e instanceof TaskCancelledError)),
      {
        maxAttempts: opts.retries ?? 2,
        backoff: new ExponentialBackoff({ initialDelay: opts.backoffInitialMs ?? 100, maxDelay: 1000 }),
      },
    );
    this.policy = wrap(
      timeout(opts.totalTimeoutMs ?? 4500, TimeoutStrategy.Aggressive),
      retryTransient,
      this.breaker,
      timeout(settings.timeoutMs, TimeoutStrategy.Aggressive),
    );
    this.cache = settings.cacheSeconds > 0 ? new LRUCache({ max: 1000, ttl: settings.cacheSeconds * 1000 }) : null;
  }

  async getOrder(orderNo: string): Promise<Order | null> {
    const key = orderNo.trim();
    const cached = this.cache?.get(key);
    if (cached) return cached;
    // Two customers (or two messages) asking for the same order at once share one request.
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const p = this.call('/api/order/GetOrderInfo', { DownOrderID: key }, (body) => parseOrderResponse(body, key))
      .then((rec) => {
        // Only found orders are cached: an order placed a minute ago should show up at once.
        if (rec) this.cache?.set(key, rec);
        return rec;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  /** The distributor's product list (GetProductsV2), mapped tolerantly. Not cached. */
  async getProducts(): Promise<PlatformProduct[]> {
    return this.call('/api/order/GetProductsV2', {}, parseProductsResponse);
  }

  private async call<T>(path: string, fields: Record<string, string>, parse: (body: unknown) => T): Promise<T> {
    try {
      return await this.policy.execute(({ signal }) => this.attempt(path, fields, parse, signal));
    } catch (e) {
      const kind: PlatformErrorKind =
        e instanceof PlatformCallError
          ? e.kind
          : e instanceof BrokenCircuitError
            ? 'circuit_open'
            : e instanceof TaskCancelledError
              ? 'timeout'
              : 'network';
      const err = new AppError('ORDER_SOURCE_UNAVAILABLE', `The order platform cannot answer right now (${kind}).`, {
        cause: e,
      });
      this.opts.onError?.(kind, err);
      throw err;
    }
  }

  private async attempt<T>(
    path: string,
    extra: Record<string, string>,
    parse: (body: unknown) => T,
    signal: AbortSignal,
  ): Promise<T> {
    const fields: Record<string, string> = {
      user_id: this.settings.userId,
      Timestamp: String(this.nowSeconds()),
      ...extra,
    };
    fields.user_sign = sign(fields, this.settings.secret, this.settings.sign);
    let res: Response;
    try {
      res = await fetch(`${this.settings.url.replace(/\/+$/, '')}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
        body: new URLSearchParams(fields).toString(),
        signal,
      });
    } catch (e) {
      throw new PlatformCallError('network', true, 'the order platform could not be reached', { cause: e });
    }
    const raw = await res.text().catch((e: unknown) => {
      throw new PlatformCallError('network', true, 'the answer was cut off', { cause: e });
    });
    if (res.status >= 500)
      throw new PlatformCallError('http_5xx', true, `the order platform answered HTTP ${res.status}`);
    if (res.status >= 400)
      throw new PlatformCallError('http_4xx', false, `the order platform answered HTTP ${res.status}`);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch (e) {
      throw new PlatformCallError('bad_response', false, 'the order platform answered something that is not JSON', {
        cause: e,
      });
    }
    return parse(body);
  }
}
