/**
 * RedisBus and RedisLeases against a real Redis, as two app instances would use them: each bus has
 * its own connections, and a random prefix keeps parallel runs apart.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RedisBus } from '../../adapters/bus/redis.bus.js';
import { RedisLeases } from '../../adapters/bus/redis.lease.js';
import type { ConversationEvent } from '../../bot/core/ports/bus.js';
import { redisAvailable, redisUrl, skipUnlessService } from '../helpers/services.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until `to` has dispatched everything `from` published before this call: Redis delivers one
 * connection's publishes to a subscriber in order, whatever their channels, so once a marker on a
 * channel of its own arrives, every earlier event has reached its listeners (or had none).
 */
async function flushed(from: RedisBus, to: RedisBus): Promise<void> {
  const marker = `marker-${randomUUID()}`;
  const got = collect(to, marker, 1);
  await to.whenSubscribed(marker);
  await from.publish(marker, { type: 'turn_end', seq: 0 });
  await got.done;
  got.off();
}

/** Resolves with the first `n` events a listener receives, or rejects after `ms`; `off` unsubscribes and stops the clock. */
function collect(bus: RedisBus, conversationId: string, n: number, ms = 2_000) {
  const events: ConversationEvent[] = [];
  let unsubscribe = () => {};
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<ConversationEvent[]>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`got ${events.length} of ${n} events`)), ms);
    unsubscribe = bus.subscribe(conversationId, (e) => {
      events.push(e);
      if (events.length === n) {
        clearTimeout(timer);
        resolve(events);
      }
    });
  });
  return {
    events,
    done,
    off: () => {
      clearTimeout(timer);
      unsubscribe();
    },
  };
}

describe.skipIf(skipUnlessService('Redis', redisAvailable))('RedisBus and RedisLeases', () => {
  const prefix = `test:${randomUUID()}:`;
  const open: RedisBus[] = [];
  const bus = () => {
    const b = new RedisBus(redisUrl, { prefix });
    open.push(b);
    return b;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
  });

  it('delivers what instance B publishes to a listener on instance A, in order', async () => {
    const [a, b] = [bus(), bus()];
    const conv = randomUUID();
    const got = collect(a, conv, 3);
    await a.whenSubscribed(conv);
    const msg = {
      seq: 1,
      from: 'bot' as const,
      text: '您好，审核失败的原因是…',
      at: new Date().toISOString(),
      suggestions: ['换个套餐'],
    };
    await b.publish(conv, { type: 'message', message: msg });
    await b.publish(conv, { type: 'turn_end', seq: 1 });
    await b.publish(randomUUID(), { type: 'typing', from: 'bot' }); // another conversation: not ours
    await b.publish(conv, { type: 'queue', position: 2, etaSeconds: 360 });
    expect(await got.done).toEqual([
      { type: 'message', message: msg },
      { type: 'turn_end', seq: 1 },
      { type: 'queue', position: 2, etaSeconds: 360 },
    ]);
  });

  it("delivers an instance's own publishes to its own listeners once", async () => {
    const a = bus();
    const conv = randomUUID();
    const first = collect(a, conv, 1);
    const second = collect(a, conv, 1);
    await a.whenSubscribed(conv);
    await a.publish(conv, { type: 'typing', from: 'agent' });
    expect(await first.done).toEqual([{ type: 'typing', from: 'agent' }]);
    expect(await second.done).toEqual([{ type: 'typing', from: 'agent' }]);
    await flushed(a, a);
    expect(first.events).toHaveLength(1);
  });

  it('stops delivery after unsubscribe, and drops the Redis channel with the last listener', async () => {
    const [a, b] = [bus(), bus()];
    const conv = randomUUID();
    const channel = prefix + conv;
    const x = collect(a, conv, 1);
    const y = collect(a, conv, 2);
    await a.whenSubscribed(conv);
    expect(await a.client.pubsub('NUMSUB', channel)).toEqual([channel, 1]);
    x.off();
    x.off(); // idempotent
    await b.publish(conv, { type: 'turn_end', seq: 1 });
    await flushed(b, a);
    expect(x.events).toHaveLength(0);
    expect(y.events).toHaveLength(1);
    y.off();
    await a.whenSubscribed(conv);
    expect(await a.client.pubsub('NUMSUB', channel)).toEqual([channel, 0]);
    await b.publish(conv, { type: 'turn_end', seq: 2 });
    await flushed(b, a);
    expect(y.events).toHaveLength(1);
  });

  it('carries 1000 events from B to A without loss', async () => {
    const [a, b] = [bus(), bus()];
    const conv = randomUUID();
    const got = collect(a, conv, 1000, 10_000);
    await a.whenSubscribed(conv);
    const started = performance.now();
    await Promise.all(Array.from({ length: 1000 }, (_, i) => b.publish(conv, { type: 'turn_end', seq: i + 1 })));
    const events = await got.done;
    console.info(`[redis] 1000 events B→A: ${(performance.now() - started).toFixed(1)} ms`);
    expect(events.map((e) => (e.type === 'turn_end' ? e.seq : 0))).toEqual(
      Array.from({ length: 1000 }, (_, i) => i + 1),
    );
  });

  it('survives a throwing listener, reports it, and resubscribes after the last one left', async () => {
    const errors: Error[] = [];
    const a = new RedisBus(redisUrl, { prefix, onError: (e) => errors.push(e) });
    open.push(a);
    const b = bus();
    const conv = randomUUID();
    a.subscribe(conv, () => {
      throw new Error('broken socket');
    })();
    a.subscribe(conv, () => {
      throw new Error('broken socket');
    });
    const ok = collect(a, conv, 1);
    await a.whenSubscribed(conv);
    await b.publish(conv, { type: 'turn_end', seq: 7 });
    expect(await ok.done).toEqual([{ type: 'turn_end', seq: 7 }]);
    expect(errors.map((e) => e.message)).toEqual([`listener on ${prefix}${conv} threw: broken socket`]);
  });

  it('reports readiness and closes cleanly, twice', async () => {
    const a = bus();
    await expect(a.ready()).resolves.toBeUndefined();
    const conv = randomUUID();
    a.subscribe(conv, () => {});
    await a.whenSubscribed(conv);
    await expect(a.ready()).resolves.toBeUndefined(); // PING works in subscriber mode too
    await a.close();
    await a.close();
    expect(a.client.status).toBe('end');
    await expect(a.ready()).rejects.toThrow(/closed/);
    await expect(a.publish(randomUUID(), { type: 'turn_end', seq: 1 })).resolves.toBeUndefined();
  });

  it('does not throw on publish when Redis is unreachable, but reports it', async () => {
    const errors: Error[] = [];
    const dead = new RedisBus('redis://127.0.0.1:1', {
      onError: (e) => errors.push(e),
      redis: { retryStrategy: () => null, connectTimeout: 200 },
    });
    await expect(dead.publish('x', { type: 'turn_end', seq: 1 })).resolves.toBeUndefined();
    await expect(dead.ready()).rejects.toThrow();
    expect(errors.length).toBeGreaterThan(0);
    await dead.close();
  });

  describe('leases', () => {
    const leases = () => new RedisLeases(bus().client, { prefix: `${prefix}lease:` });

    it('lets one of two holders have it; the other gets it after release', async () => {
      const [one, two] = [leases(), leases()];
      const name = `puppet-${randomUUID()}`;
      const a = await one.acquire(name, 5_000);
      expect(a).not.toBeNull();
      expect(await two.acquire(name, 5_000)).toBeNull();
      expect(await two.holder(name)).toBe(a!.owner);
      expect(await a!.renew()).toBe(true);
      expect(await a!.release()).toBe(true);
      expect(await a!.release()).toBe(false);
      const b = await two.acquire(name, 5_000);
      expect(b).not.toBeNull();
      expect(await a!.renew()).toBe(false); // a stale holder cannot extend…
      expect(await a!.release()).toBe(false); // …nor delete the new one's lease
      expect(await one.holder(name)).toBe(b!.owner);
      await b!.release();
    });

    it('expires when not renewed, and the stale holder cannot touch the next lease', async () => {
      const [one, two] = [leases(), leases()];
      const name = `handoff-${randomUUID()}`;
      const a = (await one.acquire(name, 150))!;
      expect(await two.acquire(name, 150)).toBeNull();
      // Redis expires the key on its own clock: ask until it has.
      const b = await vi.waitFor(
        async () => (await two.acquire(name, 5_000)) ?? Promise.reject(new Error('still held')),
        { timeout: 2_000, interval: 25 },
      );
      expect(await a.renew()).toBe(false);
      expect(await a.release()).toBe(false);
      expect(await two.holder(name)).toBe(b!.owner);
      await b!.release();
    });

    it('keeps a lease alive past its ttl, and reports when it is lost', async () => {
      const [one, two] = [leases(), leases()];
      const name = `puppet-${randomUUID()}`;
      const a = (await one.acquire(name, 200))!;
      let lost = 0;
      let noticed = () => {};
      const lostOnce = new Promise<void>((r) => (noticed = r));
      a.keepAlive(() => {
        lost++;
        noticed();
      }, 50);
      await sleep(500); // the point is time itself: 2½ ttls later, the renewals still hold it
      expect(await two.acquire(name, 200)).toBeNull();
      expect(lost).toBe(0);
      // Someone removes it behind our back (an operator, a flushed Redis): the next renewal notices.
      await bus().client.del(`${prefix}lease:${name}`);
      await lostOnce;
      expect(lost).toBe(1);
      expect(await a.release()).toBe(false);
      await sleep(100); // two renewal periods: a released lease reports nothing more
      expect(lost).toBe(1);
    });

    it('refuses a nonsense ttl', async () => {
      await expect(leases().acquire('x', 0)).rejects.toThrow(/ttl/);
    });
  });
});
