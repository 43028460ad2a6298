/**
 * The closed-loop load generator: N customers, each on its own WebSocket, send a message, wait for
 * the end of the reply, send the next. Only turns that end inside the measured window count.
 */
import WebSocket from 'ws';

export type Kind = 'echo' | 'peer' | 'ours';

export interface LoadOptions {
  kind: Kind;
  port: number;
  customers: number;
  warmupMs: number;
  measureMs: number;
  /** ours: open a fresh conversation after this many messages (0: keep one conversation). */
  rotateEvery?: number;
  /** ours: after a RATE_LIMITED frame, wait this long and send the same message again. */
  refusedBackoffMs?: number;
  /** Called when the measured window opens and closes (e.g. to sample the server's CPU). */
  onWindow?: (edge: 'start' | 'end') => void;
}

export interface LoadResult {
  turns: number;
  turnsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  /** RATE_LIMITED error frames from the per-socket message limiter (ours). */
  refused: number;
  errors: Record<string, number>;
  timeouts: number;
  /** Conversations opened during the window (ours with rotation), and how long opening took (to the session frame). */
  conversationsOpened: number;
  openP50Ms: number;
  openP99Ms: number;
  /** ours: answers to a phone tail that named the order (the explanation arrived). */
  explained: number;
  tailTurns: number;
}

/** Demo orders with the phone tail that proves them (knowledge/demo-orders.json), several failure kinds. */
export const ORDERS: ReadonlyArray<readonly [string, string]> = [
  ['172202611100014', '6599'], // AREA_FORBIDDEN
  ['172202611100003', '4475'], // AGE_RESTRICTED
  ['172202611100001', '0251'], // identity mismatch
  ['172202611100006', '6710'], // one ID, five numbers
  ['172202611100015', '8788'], // area
  ['172202611100022', '5855'], // number reservation failed
];

const TURN_TIMEOUT_MS = 10_000;

interface Reply {
  end: 'ok' | 'error' | 'timeout' | 'closed';
  code?: string;
  text: string;
}

/** One socket with at most one turn in flight. */
class Conn {
  private pending: { resolve: (r: Reply) => void; text: string; timer: NodeJS.Timeout } | null = null;
  private constructor(
    private readonly ws: WebSocket,
    private readonly isEnd: (s: string) => boolean,
  ) {
    ws.on('message', (data: Buffer) => this.onFrame(data.toString('utf8')));
    ws.on('close', () => this.finish({ end: 'closed', text: '' }));
    ws.on('error', () => this.finish({ end: 'closed', text: '' }));
  }

  /** Opens a socket; for /ws/chat waits for the session frame. */
  static open(url: string, waitSession: boolean, isEnd: (s: string) => boolean): Promise<Conn> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      const fail = (e: unknown) => reject(e instanceof Error ? e : new Error(String(e)));
      ws.once('error', fail);
      const ready = () => {
        ws.off('error', fail);
        resolve(new Conn(ws, isEnd));
      };
      if (waitSession) {
        ws.once('message', (d: Buffer) =>
          d.toString().includes('"session"') ? ready() : fail(new Error(`no session: ${d.toString()}`)),
        );
      } else {
        ws.once('open', ready);
      }
    });
  }

  send(frame: unknown): Promise<Reply> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.finish({ end: 'timeout', text: '' }), TURN_TIMEOUT_MS);
      this.pending = { resolve, text: '', timer };
      this.ws.send(JSON.stringify(frame));
    });
  }

  close(): void {
    this.ws.terminate();
  }

  private onFrame(s: string): void {
    const p = this.pending;
    if (!p) return;
    p.text += s;
    if (this.isEnd(s)) return this.finish({ end: 'ok', text: p.text });
    if (s.includes('"type":"error"')) {
      const code = /"code":"([A-Z_]+)"/.exec(s)?.[1] ?? 'UNKNOWN';
      this.finish({ end: 'error', code, text: p.text });
    }
  }

  private finish(r: Reply): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    p.resolve({ ...r, text: r.text || p.text });
  }
}

const endOf: Record<Kind, (s: string) => boolean> = {
  echo: (s) => s.includes('"type":"turn_end"'),
  ours: (s) => s.includes('"type":"turn_end"'),
  peer: (s) => s.includes('"type":"message"'),
};

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const url = o.kind === 'peer' ? `ws://127.0.0.1:${o.port}/` : `ws://127.0.0.1:${o.port}/ws/chat`;
  const open = () => Conn.open(url, o.kind !== 'peer', endOf[o.kind]);
  const lat: number[] = [];
  const opens: number[] = [];
  const r = {
    refused: 0,
    timeouts: 0,
    conversationsOpened: 0,
    explained: 0,
    tailTurns: 0,
    errors: {} as Record<string, number>,
  };
  let measuring = false;
  let stopping = false;

  // Connect everyone first (50 at a time), so the window measures turns, not the connection storm.
  const conns: Conn[] = [];
  for (let i = 0; i < o.customers; i += 50) {
    conns.push(...(await Promise.all(Array.from({ length: Math.min(50, o.customers - i) }, open))));
  }

  const customer = async (id: number) => {
    let conn = conns[id]!;
    let sent = 0; // messages on this conversation
    let step = 0; // position in the script
    while (!stopping) {
      if (o.kind === 'ours' && o.rotateEvery && sent >= o.rotateEvery) {
        conn.close();
        const t = performance.now();
        conn = await open();
        sent = 0;
        if (measuring) {
          r.conversationsOpened++;
          opens.push(performance.now() - t);
        }
      }
      const [orderNo, tail] = ORDERS[Math.floor(step / 3 + id) % ORDERS.length]!;
      const text = o.kind === 'ours' ? [orderNo, tail, '谢谢'][step % 3]! : `订单 ${orderNo}`;
      const frame =
        o.kind === 'peer'
          ? { type: 'message', text, user: `customer-${id}`, channel: 'websocket' }
          : { type: 'message', text };
      const t0 = performance.now();
      const reply = await conn.send(frame);
      const ms = performance.now() - t0;
      sent++;
      if (reply.end === 'ok') {
        if (measuring) {
          lat.push(ms);
          if (step % 3 === 1 && o.kind === 'ours') {
            r.tailTurns++;
            if (reply.text.includes(`订单 ${orderNo}`)) r.explained++;
          }
        }
        step++;
      } else if (reply.end === 'error' && reply.code === 'RATE_LIMITED') {
        if (measuring) r.refused++;
        await new Promise((res) => setTimeout(res, o.refusedBackoffMs ?? 100)); // then resend the same step
      } else {
        if (measuring) {
          if (reply.end === 'timeout') r.timeouts++;
          else r.errors[reply.code ?? reply.end] = (r.errors[reply.code ?? reply.end] ?? 0) + 1;
        }
        if (reply.end !== 'error') {
          conn.close();
          conn = await open();
          sent = 0;
          step = 0;
        } else step++;
      }
    }
    conn.close();
  };

  const running = conns.map((_, i) => customer(i));
  await sleep(o.warmupMs);
  measuring = true;
  o.onWindow?.('start');
  const start = performance.now();
  await sleep(o.measureMs);
  measuring = false;
  const elapsed = performance.now() - start;
  o.onWindow?.('end');
  stopping = true;
  await Promise.race([Promise.all(running), sleep(TURN_TIMEOUT_MS + 1000)]);

  lat.sort((a, b) => a - b);
  opens.sort((a, b) => a - b);
  const pctOf = (xs: number[], p: number) =>
    xs.length ? xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]! : NaN;
  const pct = (p: number) => pctOf(lat, p);
  return {
    turns: lat.length,
    turnsPerSec: lat.length / (elapsed / 1000),
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
    meanMs: lat.reduce((a, b) => a + b, 0) / (lat.length || 1),
    maxMs: lat.at(-1) ?? NaN,
    ...r,
    openP50Ms: pctOf(opens, 0.5),
    openP99Ms: pctOf(opens, 0.99),
  };
}

/** Opens `count` idle /ws/chat conversations, `batch` at a time, each once its session frame arrived. */
export async function openIdle(
  port: number,
  count: number,
  batch: number,
): Promise<{ close: () => void; opened: number }> {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i += batch) {
    await Promise.all(
      Array.from(
        { length: Math.min(batch, count - i) },
        () =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/chat`, { perMessageDeflate: false });
            ws.once('message', () => resolve());
            ws.once('error', reject);
            sockets.push(ws);
          }),
      ),
    );
  }
  return { close: () => sockets.forEach((s) => s.terminate()), opened: sockets.length };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface ThinkOptions {
  port: number;
  /** The numbers of customers to step through, e.g. [1000, 2000, 3000, 4000]: each step adds customers to those already chatting. */
  steps: number[];
  /** Mean pause between a reply's end and the customer's next message (uniform over 0.5–1.5× this). */
  thinkMs: number;
  warmupMs: number;
  measureMs: number;
  /** The step passes when p99 ≤ this; stepping stops after the first step that fails. */
  p99LimitMs: number;
  /** Called when a step's measured window opens and closes (e.g. to sample the server's CPU). */
  onWindow?: (edge: 'start' | 'end', customers: number) => void;
}

export interface ThinkStep {
  customers: number;
  turns: number;
  turnsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  refused: number;
  timeouts: number;
  errors: number;
  /** ms to open this step's new conversations (each to its session frame). */
  openMs: number;
  pass: boolean;
}

/**
 * Capacity under a realistic load: customers on /ws/chat, one conversation each, who read the reply
 * and think before writing again (the order script of `runLoad`). Customers are added step by step;
 * each step is measured once everyone (old and new) is chatting.
 */
export async function runThinkLoad(o: ThinkOptions): Promise<ThinkStep[]> {
  const url = `ws://127.0.0.1:${o.port}/ws/chat`;
  const open = () => Conn.open(url, true, endOf.ours);
  let lat: number[] = [];
  let counts = { refused: 0, timeouts: 0, errors: 0 };
  let measuring = false;
  let stopping = false;
  const running: Promise<void>[] = [];
  const steps: ThinkStep[] = [];

  const customer = async (id: number, conn: Conn) => {
    let step = 0;
    await sleep(Math.random() * o.thinkMs); // spread the first messages over one think time
    while (!stopping) {
      const [orderNo, tail] = ORDERS[Math.floor(step / 3 + id) % ORDERS.length]!;
      const text = [orderNo, tail, '谢谢'][step % 3]!;
      const t0 = performance.now();
      const reply = await conn.send({ type: 'message', text });
      const ms = performance.now() - t0;
      if (reply.end === 'ok') {
        if (measuring) lat.push(ms);
        step++;
      } else if (measuring) {
        if (reply.end === 'timeout') counts.timeouts++;
        else if (reply.code === 'RATE_LIMITED') counts.refused++;
        else counts.errors++;
      }
      if (reply.end === 'closed' || reply.end === 'timeout') {
        if (stopping) break;
        conn.close();
        conn = await open().catch(() => conn);
        step = 0;
      }
      await sleep(o.thinkMs * (0.5 + Math.random()));
    }
    conn.close();
  };

  let n = 0;
  for (const target of o.steps) {
    const t0 = performance.now();
    for (; n < target; n += 100) {
      const batch = await Promise.all(Array.from({ length: Math.min(100, target - n) }, open));
      batch.forEach((c, i) => running.push(customer(n + i, c)));
    }
    const openMs = performance.now() - t0;
    await sleep(o.warmupMs);
    lat = [];
    counts = { refused: 0, timeouts: 0, errors: 0 };
    measuring = true;
    o.onWindow?.('start', target);
    const start = performance.now();
    await sleep(o.measureMs);
    measuring = false;
    const elapsed = performance.now() - start;
    o.onWindow?.('end', target);
    const sorted = [...lat].sort((a, b) => a - b);
    const pct = (p: number) =>
      sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN;
    const s: ThinkStep = {
      customers: target,
      turns: sorted.length,
      turnsPerSec: sorted.length / (elapsed / 1000),
      p50Ms: pct(0.5),
      p99Ms: pct(0.99),
      maxMs: sorted.at(-1) ?? NaN,
      ...counts,
      openMs,
      pass: sorted.length > 0 && pct(0.99) <= o.p99LimitMs && counts.timeouts === 0 && counts.errors === 0,
    };
    steps.push(s);
    if (!s.pass) break;
  }
  stopping = true;
  await Promise.race([Promise.all(running), sleep(o.thinkMs * 1.5 + TURN_TIMEOUT_MS)]);
  return steps;
}
