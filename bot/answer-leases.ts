/**
 * The leases one process holds on the customer messages it is answering (see the Store port): taken
 * when a message is stored or taken over, renewed while the answer is being worked on, let go once
 * it is stored or has failed. A process that dies stops renewing; its leases run out and another
 * process (or this one, restarted) takes the messages up.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from './core/ports/store.js';

export class AnswerLeases {
  /** This process, as the owner of its leases. */
  readonly owner = randomUUID();
  private readonly held = new Map<string, { conversationId: string; seq: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    readonly leaseMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** From now until `release`, the lease on this message is renewed (every third of its length). */
  hold(conversationId: string, seq: number): void {
    this.held.set(`${seq}/${conversationId}`, { conversationId, seq });
    this.timer ??= setInterval(() => {
      this.store.renewUnanswered(this.owner, this.leaseMs, [...this.held.values()]).catch(this.onError);
    }, this.leaseMs / 3).unref();
  }

  release(conversationId: string, seq: number): void {
    this.held.delete(`${seq}/${conversationId}`);
    if (!this.held.size) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
