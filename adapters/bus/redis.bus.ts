/**
 * The Redis bus, for several instances behind one load balancer: the customer's socket may sit on
 * instance A while the agent who answers is on B. One publisher and one subscriber connection per
 * instance; one Redis channel per conversation (`conv:<id>`), subscribed while at least one local
 * listener wants it. Events travel as JSON.
 *
 * Delivery is at most once: Redis pub/sub keeps nothing for a subscriber that is not connected at
 * that moment, and a publish made while Redis is unreachable is dropped (reported via `onError`).
 * That is enough because the pipeline persists every message before publishing it: a client that
 * missed events (reconnect, failover) asks for `messages?after=<seq>` and catches up from the Store.
 *
 * An instance's own publishes reach its own listeners through Redis too, so every listener sees
 * every event once, in publish order per publisher.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Bus, ConversationEvent } from '../../bot/core/ports/bus.js';

type Listener = (event: ConversationEvent) => void;

export interface RedisBusOptions {
  /** Channel name prefix; default `conv:`. Lets deployments or tests share one Redis. */
  prefix?: string;
  /** Dropped publishes, undecodable payloads, a listener that threw, connection trouble. Default: ignored. */
  onError?: (err: Error) => void;
  /** Passed to both ioredis connections (TLS, timeouts, …). */
  redis?: RedisOptions;
}

export class RedisBus implements Bus {
  /** The publishing connection; usable for ordinary commands too (see RedisLeases). */
  readonly client: Redis;
  private readonly sub: Redis;
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Per channel, the latest SUBSCRIBE/UNSUBSCRIBE sent: `whenSubscribed` waits on it. */
  private readonly pending = new Map<string, Promise<void>>();
  private readonly prefix: string;
  private readonly onError: (err: Error) => void;
  private closing: Promise<void> | null = null;

  constructor(url: string, opts: RedisBusOptions = {}) {
    this.prefix = opts.prefix ?? 'conv:';
    this.onError = opts.onError ?? (() => undefined);
    // A publish must not hold a customer's turn while Redis is away: fail fast, the Store has the message.
    this.client = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 2_000, ...opts.redis });
    // The subscriber re-subscribes by itself after a reconnect (ioredis autoResubscribe).
    this.sub = new Redis(url, { ...opts.redis });
    for (const c of [this.client, this.sub]) c.on('error', (err: Error) => this.onError(err));
    this.sub.on('message', (channel: string, payload: string) => this.dispatch(channel, payload));
  }

  async publish(conversationId: string, event: ConversationEvent): Promise<void> {
    if (this.closing) return;
    // Redis lost (reconnecting): do not hold the turn up. The message is already stored; sockets on
    // other instances catch up by seq when they reconnect or on their next message.
    if (this.client.status === 'reconnecting' || this.client.status === 'end') {
      this.onError(new Error(`redis ${this.client.status}: event for ${conversationId} not published`));
      return;
    }
    try {
      await this.client.publish(this.prefix + conversationId, JSON.stringify(event));
    } catch (err) {
      this.onError(err as Error);
    }
  }

  subscribe(conversationId: string, listener: Listener): () => void {
    const channel = this.prefix + conversationId;
    let set = this.listeners.get(channel);
    if (!set) {
      this.listeners.set(channel, (set = new Set()));
      if (!this.closing) this.track(channel, this.sub.subscribe(channel));
    }
    set.add(listener);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      set.delete(listener);
      // Only the set still registered may unsubscribe the channel (a newer one may have replaced it).
      if (set.size === 0 && this.listeners.get(channel) === set) {
        this.listeners.delete(channel);
        if (!this.closing) this.track(channel, this.sub.unsubscribe(channel));
      }
    };
  }

  /**
   * Resolves once Redis has confirmed the latest (un)subscription of this conversation. Events
   * published by other instances before that may be missed: a caller that must not miss any
   * subscribes, awaits this, then reads the Store after its last seq.
   */
  whenSubscribed(conversationId: string): Promise<void> {
    return this.pending.get(this.prefix + conversationId) ?? Promise.resolve();
  }

  /** Readiness: both connections answer PING (for `/readyz`). */
  async ready(): Promise<void> {
    if (this.closing) throw new Error('RedisBus is closed');
    await Promise.all([this.client.ping(), this.sub.ping()]);
  }

  async close(): Promise<void> {
    this.closing ??= (async () => {
      this.listeners.clear();
      await Promise.allSettled([...this.pending.values()]);
      await Promise.all([quit(this.client), quit(this.sub)]);
    })();
    return this.closing;
  }

  private track(channel: string, op: Promise<unknown>): void {
    const p = op.then(
      () => undefined,
      (err: Error) => this.onError(err),
    );
    this.pending.set(channel, p);
    void p.then(() => {
      if (this.pending.get(channel) === p) this.pending.delete(channel);
    });
  }

  private dispatch(channel: string, payload: string): void {
    const set = this.listeners.get(channel);
    if (!set) return;
    let event: ConversationEvent;
    try {
      event = JSON.parse(payload) as ConversationEvent;
    } catch (err) {
      this.onError(err as Error);
      return;
    }
    // One broken socket must not stop the others: its error is reported and the next listener runs.
    for (const l of [...set]) {
      try {
        l(event);
      } catch (err) {
        this.onError(new Error(`listener on ${channel} threw: ${(err as Error).message}`, { cause: err }));
      }
    }
  }
}

/** QUIT waits for replies in flight and then for the socket to end; a connection that never came up is just dropped. */
async function quit(r: Redis): Promise<void> {
  if (r.status === 'end') return;
  if (r.status !== 'ready') {
    r.disconnect();
    return;
  }
  const ended = new Promise<void>((resolve) => {
    const t = setTimeout(resolve, 1_000).unref();
    r.once('end', () => {
      clearTimeout(t);
      resolve();
    });
  });
  await r.quit().catch(() => r.disconnect());
  await ended;
}
