/**
 * A stand-in for the 172 open API: checks user_id, Timestamp and user_sign like the real platform
 * and serves orders from an orders file (ORDERS_FILE shape). Used by the adapter's tests and by
 * `npm run demo:platform`. Faults on demand: 5xx, garbage bodies, signature rejections, hangs.
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { KNOWLEDGE_DIR } from '../../bot/knowledge/loader.js';
import { DEMO_ORDERS_FILE, loadPlatformRecords, type PlatformOrderRecord } from './platform.record.js';
import { sign, signMatches, type SignVariant } from './platform.sign.js';

export type StandInMode = 'ok' | '5xx' | 'garbage' | 'reject-sign' | 'hang';

export interface StandInOptions {
  userId: string;
  secret: string;
  sign: SignVariant;
  /** Orders to serve; default: the file `ordersFile`, or the bundled demo orders. */
  orders?: readonly PlatformOrderRecord[];
  ordersFile?: string;
  latencyMs?: number;
  mode?: StandInMode;
  /** How far the caller's Timestamp may be from our clock. Default 300 s. */
  maxSkewSeconds?: number;
  port?: number;
  host?: string;
}

export interface PlatformStandIn {
  /** Base URL, e.g. http://127.0.0.1:53121 (the adapter's PLATFORM_URL). */
  readonly url: string;
  /** Requests received on /api/* since start (or the last resetCount). */
  readonly requests: number;
  resetCount(): void;
  setMode(mode: StandInMode): void;
  setLatency(ms: number): void;
  /** Changes what GetProductsV2 says of one product (platform field names: flag, disableArea, Age1, Age2…). */
  setProduct(productId: string, fields: Record<string, unknown>): void;
  close(): Promise<void>;
}

const ok = (data: unknown) => ({ code: 0, message: '成功', errs: null, data });
const fail = (code: number, message: string) => ({ code, message, errs: [message], data: null });

/** The bundled plan catalogue in the platform's product field names. */
function demoProducts(): Array<Record<string, unknown>> {
  const file = path.join(KNOWLEDGE_DIR, 'plans.json');
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { plans: Array<Record<string, unknown>> };
  return data.plans.map((p) => ({
    productID: p.id,
    productName: p.name,
    operator: p.operator,
    area: '全国',
    disableArea: ((p.excludedProvinces as string[] | undefined) ?? []).join(','),
    flag: p.onSale ? 1 : 0,
    Age1: p.ageMin,
    Age2: p.ageMax,
    numberSel: 0,
    BackMoneyType: 1,
    Rule: '',
  }));
}

export async function createPlatformStandIn(opts: StandInOptions): Promise<PlatformStandIn> {
  const orders = opts.orders ?? loadPlatformRecords(opts.ordersFile ?? DEMO_ORDERS_FILE);
  const byNo = new Map(orders.map((o) => [o.OrderNo, o]));
  const products = demoProducts();
  let mode: StandInMode = opts.mode ?? 'ok';
  let latency = opts.latencyMs ?? 0;
  let requests = 0;
  const hanging = new Set<() => void>();

  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  /** The checks the real platform makes before answering anything. */
  function refusal(f: Record<string, string>): object | null {
    if (mode === 'reject-sign') return fail(1003, '签名错误');
    if (f.user_id !== opts.userId) return fail(1001, '用户不存在');
    const ts = Number(f.Timestamp);
    if (!/^\d{10}$/.test(f.Timestamp ?? '') || Math.abs(Date.now() / 1000 - ts) > (opts.maxSkewSeconds ?? 300)) {
      return fail(1002, '时间戳无效');
    }
    const { user_sign: received, ...signed } = f;
    if (!signMatches(received, sign(signed, opts.secret, opts.sign))) return fail(1003, '签名错误');
    return null;
  }

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    requests++;
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    if (mode === 'hang') {
      // Never answers; close() lets go of it.
      await new Promise<void>((resolve) => hanging.add(resolve));
      return reply.code(503).send(fail(503, 'closing'));
    }
    if (mode === '5xx')
      return reply.code(503).type('text/html').send('<html><body>503 Service Temporarily Unavailable</body></html>');
    if (mode === 'garbage') return reply.code(200).type('application/json').send('{"code":0,"data":{"OrderNo"');
  });

  app.post('/api/order/GetOrderInfo', async (req) => {
    const f = (req.body ?? {}) as Record<string, string>;
    const refused = refusal(f);
    if (refused) return refused;
    const order = f.DownOrderID ? byNo.get(f.DownOrderID.trim()) : undefined;
    if (!order) return fail(1, '订单不存在');
    // The platform adds its own fields; the adapter must ignore what it does not know.
    return ok({ ...order, DownOrderID: order.OrderNo, OrderNo172: `T${order.OrderNo}`, CardStatus: null });
  });

  app.post('/api/order/GetProductsV2', async (req) => {
    const refused = refusal((req.body ?? {}) as Record<string, string>);
    return refused ?? ok(products);
  });

  await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const host = opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1';

  return {
    url: `http://${host}:${port}`,
    get requests() {
      return requests;
    },
    resetCount() {
      requests = 0;
    },
    setMode(m) {
      mode = m;
    },
    setLatency(ms) {
      latency = ms;
    },
    setProduct(productId, fields) {
      const product = products.find((p) => (p as { productID?: unknown }).productID === productId) as
        Record<string, unknown> | undefined;
      if (!product) throw new Error(`the stand-in has no product ${productId}`);
      Object.assign(product, fields);
    },
    async close() {
      for (const release of hanging) release();
      hanging.clear();
      await app.close();
    },
  };
}
