/** The in-process bus: enough for one instance. */
import type { Bus, ConversationEvent } from '../../bot/ports/bus.js';

type Listener = (event: ConversationEvent) => void;

export class MemoryBus implements Bus {
  private readonly listeners = new Map<string, Set<Listener>>();

  async publish(conversationId: string, event: ConversationEvent): Promise<void> {
    const set = this.listeners.get(conversationId);
    if (!set) return;
    for (const l of [...set]) {
      try { l(event); } catch { /* one broken socket must not stop the others */ }
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
