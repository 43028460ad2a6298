/** The in-process bus: enough for one instance. */
import type { Bus, ConversationEvent } from '../../bot/core/ports/bus.js';

type Listener = (event: ConversationEvent) => void;

export class MemoryBus implements Bus {
  private readonly listeners = new Map<string, Set<Listener>>();

  /** `onError` hears a listener that threw (a socket gone bad); the other listeners still get the event. */
  constructor(private readonly onError: (err: Error, conversationId: string) => void = () => undefined) {}

  async publish(conversationId: string, event: ConversationEvent): Promise<void> {
    const set = this.listeners.get(conversationId);
    if (!set) return;
    for (const l of [...set]) {
      try {
        l(event);
      } catch (err) {
        this.onError(err as Error, conversationId);
      }
    }
  }

  subscribe(conversationId: string, listener: Listener): () => void {
    let set = this.listeners.get(conversationId);
    if (!set) this.listeners.set(conversationId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(conversationId);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
