/** A web-chat client over a real WebSocket (fastify's injectWS, no port), collecting frames. */
import type WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';

export type Frame = Record<string, unknown> & { type: string };

export class WsClient {
  readonly frames: Frame[] = [];
  private waiters: Array<() => void> = [];
  closed: { code: number; reason: string } | null = null;
  private constructor(public socket: WebSocket) {}

  static async connect(app: FastifyInstance, query = ''): Promise<WsClient> {
    let client!: WsClient;
    await app.injectWS(
      `/ws/chat${query}`,
      {},
      {
        onInit: (ws) => {
          client = new WsClient(ws as unknown as WebSocket);
          ws.on('message', (data: Buffer) => {
            client.frames.push(JSON.parse(String(data)) as Frame);
            client.wake();
          });
          ws.on('close', (code: number, reason: Buffer) => {
            client.closed = { code, reason: String(reason) };
            client.wake();
          });
        },
      },
    );
    return client;
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  /** Waits until `count` frames match, or fails after `ms`. */
  async waitFor(pred: (f: Frame) => boolean, count = 1, ms = 5000): Promise<Frame[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.frames.filter(pred);
      if (found.length >= count) return found;
      if (this.closed)
        throw new Error(`socket closed (${this.closed.code}) while waiting; frames: ${JSON.stringify(this.frames)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; frames: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Sends a customer message and waits for the turn_end that closes the bot's answer. */
  async say(text: string): Promise<Frame[]> {
    const before = this.frames.length;
    this.send({ type: 'message', text });
    await this.waitFor((f) => f.type === 'turn_end' && this.frames.indexOf(f) >= before);
    return this.frames.slice(before);
  }

  close(): void {
    this.socket.close();
  }
}
