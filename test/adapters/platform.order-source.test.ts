import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CircuitState } from 'cockatiel';
import {
  PlatformOrderSource,
  parseOrderResponse,
  parseProductsResponse,
  type PlatformErrorKind,
  type PlatformOrderSourceOptions,
} from '../../adapters/orders/platform.order-source.js';
import { createPlatformStandIn, type PlatformStandIn } from '../../adapters/orders/platform.stand-in.js';
import type { PlatformSettings } from '../../bot/config.js';
import { isAppError } from '../../bot/errors.js';
import { demoOrders, orderSourceContract } from '../ports/order-source.contract.js';

const USER = 'dist-42';
const SECRET = 'test-secret';

for (const variant of ['append', 'amp-secret'] as const) {
  orderSourceContract(`172 platform on the stand-in (${variant})`, async () => {
    const standIn = await createPlatformStandIn({ userId: USER, secret: SECRET, sign: variant });
    const source = new PlatformOrderSource({
      url: standIn.url,
      userId: USER,
      secret: SECRET,
      sign: variant,
      timeoutMs: 2000,
      cacheSeconds: 30,
    });
    return { source, close: () => standIn.close() };
  });
}

describe('PlatformOrderSource against a misbehaving platform', () => {
  let standIn: PlatformStandIn;
  const errors: PlatformErrorKind[] = [];
  const known = demoOrders[0]!.orderNo;

  beforeAll(async () => {
    standIn = await createPlatformStandIn({ userId: USER, secret: SECRET, sign: 'append' });
  });
  afterAll(async () => {
    await standIn.close();
  });
  afterEach(() => {
    standIn.setMode('ok');
    standIn.setLatency(0);
    standIn.resetCount();
    errors.length = 0;
  });

  const source = (settings: Partial<PlatformSettings> = {}, opts: PlatformOrderSourceOptions = {}) =>
    new PlatformOrderSource(
      { url: standIn.url, userId: USER, secret: SECRET, sign: 'append', timeoutMs: 1000, cacheSeconds: 0, ...settings },
      { backoffInitialMs: 20, onError: (kind) => errors.push(kind), ...opts },
    );

  /** Runs a look-up that must fail with ORDER_SOURCE_UNAVAILABLE; returns the elapsed ms. */
  async function failsUnavailable(s: PlatformOrderSource, orderNo = known): Promise<number> {
    const t0 = performance.now();
    const err = await s.getOrder(orderNo).then(
      () => null,
      (e: unknown) => e,
    );
    const elapsed = performance.now() - t0;
    expect(isAppError(err, 'ORDER_SOURCE_UNAVAILABLE'), String(err)).toBe(true);
    expect((err as Error).cause).toBeDefined();
    expect(elapsed).toBeLessThanOrEqual(5000);
    console.log(
      `[fault timing] ${expect.getState().currentTestName}: ${Math.round(elapsed)} ms, ${standIn.requests} request(s)`,
    );
    return elapsed;
  }

  it('a hanging platform: times out per attempt, retries, and gives up within 5 s', async () => {
    standIn.setMode('hang');
    await failsUnavailable(source({ timeoutMs: 500 }));
    expect(standIn.requests).toBe(3);
    expect(errors).toEqual(['timeout']);
  });

  it('a hanging platform with the default 3 s timeout: the total deadline still answers within 5 s', async () => {
    standIn.setMode('hang');
    const elapsed = await failsUnavailable(source({ timeoutMs: 3000 }));
    expect(elapsed).toBeGreaterThanOrEqual(4000);
    expect(errors).toEqual(['timeout']);
  });

  it('5xx: retried (transient), then unavailable', async () => {
    standIn.setMode('5xx');
    await failsUnavailable(source());
    expect(standIn.requests).toBe(3);
    expect(errors).toEqual(['http_5xx']);
  });

  it('recovers when a 5xx was only a blip', async () => {
    standIn.setMode('5xx');
    const s = source({}, { backoffInitialMs: 200 });
    const p = s.getOrder(known);
    setTimeout(() => standIn.setMode('ok'), 50);
    expect((await p)?.orderNo).toBe(known);
  });

  it('garbage bodies: not retried, unavailable', async () => {
    standIn.setMode('garbage');
    await failsUnavailable(source());
    expect(standIn.requests).toBe(1);
    expect(errors).toEqual(['bad_response']);
  });

  it('a wrong secret: the platform rejects the signature; not retried, unavailable', async () => {
    await failsUnavailable(source({ secret: 'wrong' }));
    expect(standIn.requests).toBe(1);
    expect(errors).toEqual(['rejected']);
  });

  it('the other sign variant than the platform uses is rejected too', async () => {
    await failsUnavailable(source({ sign: 'amp-secret' }));
    expect(errors).toEqual(['rejected']);
  });

  it('nothing listening: network error, unavailable', async () => {
    await failsUnavailable(source({ url: 'http://127.0.0.1:9' }));
    expect(errors).toEqual(['network']);
  });

  it('the breaker opens after N consecutive failures and then short-circuits without a request', async () => {
    standIn.setMode('5xx');
    const s = source({}, { retries: 0, breakerThreshold: 3, breakerHalfOpenMs: 60_000 });
    for (let i = 0; i < 3; i++) await failsUnavailable(s);
    expect(s.breaker.state).toBe(CircuitState.Open);
    expect(standIn.requests).toBe(3);
    standIn.setMode('ok');
    const elapsed = await failsUnavailable(s);
    expect(elapsed).toBeLessThan(50);
    expect(standIn.requests).toBe(3);
    expect(errors).toEqual(['http_5xx', 'http_5xx', 'http_5xx', 'circuit_open']);
  });

  it('the breaker lets a trial call through after halfOpenAfter and closes on success', async () => {
    standIn.setMode('5xx');
    const s = source({}, { retries: 0, breakerThreshold: 2, breakerHalfOpenMs: 100 });
    await failsUnavailable(s);
    await failsUnavailable(s);
    expect(s.breaker.state).toBe(CircuitState.Open);
    standIn.setMode('ok');
    await new Promise((r) => setTimeout(r, 150));
    expect((await s.getOrder(known))?.orderNo).toBe(known);
    expect(s.breaker.state).toBe(CircuitState.Closed);
  });

  it('"not found" is null, not an error, and does not count against the breaker', async () => {
    const s = source({}, { breakerThreshold: 2 });
    for (let i = 0; i < 4; i++) expect(await s.getOrder(`NOPE${i}`)).toBeNull();
    expect(s.breaker.state).toBe(CircuitState.Closed);
    expect(errors).toEqual([]);
  });

  it('the cache serves a repeat look-up without a second request', async () => {
    const s = source({ cacheSeconds: 30 });
    const a = await s.getOrder(known);
    const b = await s.getOrder(known);
    expect(b).toEqual(a);
    expect(standIn.requests).toBe(1);
    // …even while the platform is down.
    standIn.setMode('5xx');
    expect((await s.getOrder(known))?.orderNo).toBe(known);
    expect(standIn.requests).toBe(1);
  });

  it('concurrent look-ups of one order share a request; unknown orders are not cached', async () => {
    const s = source({ cacheSeconds: 30 });
    await Promise.all([s.getOrder(known), s.getOrder(known), s.getOrder(known)]);
    expect(standIn.requests).toBe(1);
    await s.getOrder('NOPE');
    await s.getOrder('NOPE');
    expect(standIn.requests).toBe(3);
  });

  it('without a cache every look-up asks the platform', async () => {
    const s = source({ cacheSeconds: 0 });
    await s.getOrder(known);
    await s.getOrder(known);
    expect(standIn.requests).toBe(2);
  });

  it("lists products (GetProductsV2) mapped to the bot's words", async () => {
    const products = await source().getProducts();
    expect(products.length).toBeGreaterThan(0);
    const p = products.find((x) => x.productId === 'P-CMCC-19');
    expect(p).toMatchObject({ operator: '移动', onSale: true, ageMin: 18, ageMax: 60 });
    expect(p?.excludedProvinces).toContain('新疆');
  });
});

describe("parsing the platform's answers tolerantly", () => {
  it('maps a minimal order, filling missing fields with null and ignoring extra ones', () => {
    const rec = parseOrderResponse(
      {
        code: '0',
        msg: 'ok',
        data: { DownOrderID: 'A1', OrderStatus: '已发货', Mobile: 13800000000, Foo: { bar: 1 }, ExpressName: 5 },
      },
      'A1',
    );
    expect(rec).toMatchObject({
      orderNo: 'A1',
      status: '已发货',
      contactPhone: '13800000000',
      remark: null,
      issuedNumber: null,
      courier: '5',
    });
  });

  it('accepts data as a one-element array or a JSON string', () => {
    expect(
      parseOrderResponse({ code: 0, data: [{ OrderNo: 'A', OrderStatus: '已完成', Phone: '1' }] }, 'A')?.status,
    ).toBe('已完成');
    expect(
      parseOrderResponse({ code: 0, data: JSON.stringify({ OrderNo: 'A', OrderStatus: '已完成' }) }, 'A')?.contactPhone,
    ).toBe('');
  });

  it('reads "not found" as null: a non-zero code with such a message, or empty data', () => {
    expect(parseOrderResponse({ code: 1, message: '订单不存在' }, 'X')).toBeNull();
    expect(parseOrderResponse({ code: 0, message: '成功', data: null }, 'X')).toBeNull();
    expect(parseOrderResponse({ code: 0, data: [] }, 'X')).toBeNull();
  });

  it('throws on answers that are not the envelope or have no status', () => {
    expect(() => parseOrderResponse('<html>', 'X')).toThrow(/envelope/);
    expect(() => parseOrderResponse({ message: 'no code' }, 'X')).toThrow(/envelope/);
    expect(() => parseOrderResponse({ code: 0, data: { OrderNo: 'X' } }, 'X')).toThrow(/OrderStatus/);
    expect(() => parseOrderResponse({ code: 1003, message: '签名错误' }, 'X')).toThrow(/refused/);
  });

  it('maps products, skipping entries without an id', () => {
    const list = parseProductsResponse({
      code: 0,
      data: [{ productID: 'P1', disableArea: '新疆、西藏', flag: '0', Age1: '16' }, { nope: 1 }, 'x'],
    });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      productId: 'P1',
      excludedProvinces: ['新疆', '西藏'],
      onSale: false,
      ageMin: 16,
      ageMax: null,
    });
  });
});
