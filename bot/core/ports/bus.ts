/**
 * Delivers conversation events to whoever holds the customer's socket or the agent's console.
 * In-process by default; Redis when several instances run. Messages are persisted before they are
 * published, so a subscriber that missed an event catches up by `seq`.
 */
import type { Locale } from '../../locale.js';
import type { StoredMessage } from './store.js';

export type ConversationEvent =
  | { type: 'message'; message: StoredMessage }
  | { type: 'turn_end'; seq: number }
  | { type: 'typing'; from: 'bot' | 'agent' | 'customer' }
  | { type: 'queue'; position: number; etaSeconds: number }
  /** The conversation's language changed (the customer wrote in another, or picked one): pages follow it. */
  | { type: 'locale'; locale: Locale }
  /**
   * On the agents' channel: the queue or a held conversation changed; consoles refresh. `escalation`:
   * a customer newly waits for a person (queued, or a ticket left), which consoles announce;
   * `presence`: an agent went online or away.
   */
  | {
      type: 'agents';
      change: 'queue' | 'escalation' | 'customer_message' | 'presence' | 'wechat';
      conversationId?: string;
      message?: string;
    };

export interface Bus {
  publish(conversationId: string, event: ConversationEvent): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(conversationId: string, listener: (event: ConversationEvent) => void): () => void;
  close(): Promise<void>;
  /**
   * Resolves once a subscription made with `subscribe` is live (Redis confirms a SUBSCRIBE
   * asynchronously); a channel replays from the store after this, so nothing falls in the gap.
   */
  whenSubscribed?(conversationId: string): Promise<void>;
  /** Rejects when the bus cannot deliver (for /readyz). */
  ready?(): Promise<void>;
}
