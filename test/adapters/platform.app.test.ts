/**
 * The whole bot on ORDER_SOURCE=platform against the stand-in 172 platform: a real conversation,
 * then the platform hanging, failing, answering garbage or rejecting our signature. Each fault
 * ends in an honest reply within 5 s with a human offered, the server stays healthy, and
 * /metrics counts the errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformStandIn, StandInMode } from '../../adapters/orders/platform.stand-in.js';
import type { BuiltApp } from '../../bot/app/app.js';
import { loadKnowledge } from '../../bot/knowledge/loader.js';
import { RestCustomer } from '../helpers/app.js';
import { platformTestApp } from '../helpers/platform.js';

const k = loadKnowledge();

describe('the bot on the 172 platform (stand-in)', () => {
  let standIn: PlatformStandIn;
  let built: BuiltApp;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ standIn, built, close } = await platformTestApp({ PLATFORM_TIMEOUT_MS: '1000' }));
  });
  afterAll(async () => {
    await close();
  });

  it('explains a failed order read from the platform', async () => {
    const c = await new RestCustomer(built).open();
    expect((await c.say('我的订单172202611100014为什么失败了')).map((r) => r.text).join()).toContain('后4位');
    const said = (await c.say('6599')).map((r) => r.text).join('\n');
    expect(said).toContain(k.reasons.get('AREA_FORBIDDEN')!.text['zh-CN'].title);
  });

  it.each<StandInMode>(['hang', '5xx', 'garbage', 'reject-sign'])(
    'platform %s → an honest reply within 5 s, a human offered, still healthy',
    async (mode) => {
      standIn.setMode(mode);
      try {
        const c = await new RestCustomer(built).open();
        const t0 = Date.now();
        const replies = await c.say('172202611100001');
        const elapsed = Date.now() - t0;
        expect(elapsed).toBeLessThan(5000);
        const text = replies.map((r) => r.text).join('\n');
        expect(text).toContain(k.replies['zh-CN'].source_down!.slice(0, 8));
        expect(replies.flatMap((r) => r.suggestions ?? [])).toContain('转人工');
        expect((await built.app.inject({ url: '/healthz' })).statusCode).toBe(200);
      } finally {
        standIn.setMode('ok');
      }
    },
  );

  it('counts platform errors in /metrics', async () => {
    const metrics = (await built.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/bot_order_source_errors_total\{[^}]*kind="timeout"[^}]*\} [1-9]/);
    // The hang and the 5xx (each retried) opened the circuit breaker: later faults are answered at
    // once without calling the platform (each fault kind alone is tested on the adapter).
    expect(metrics).toMatch(/bot_order_source_errors_total\{[^}]*kind="circuit_open"[^}]*\} [1-9]/);
  });
});
