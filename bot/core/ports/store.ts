/**
 * Everything the bot persists. SQLite is the embedded default (adapters/storage/sqlite.store.ts);
 * every implementation runs the same contract suite (test/ports/store.contract.ts).
 */
import type { Locale } from '../../locale.js';

export type Sender = 'customer' | 'bot' | 'agent' | 'system';

export interface Conversation {
  id: string;
  /** SHA-256 of the bearer token; the token itself is never stored. */
  tokenHash: string;
  channel: string;
  /** The channel's own id of the customer (WeChat contact id, …), if any. */
  userId: string | null;
  locale: Locale;
  createdAt: string;
  lastSeq: number;
}

export interface StoredMessage {
  seq: number;
  from: Sender;
  /** Already masked: no full phone, ID number, name or address ever reaches the store. */
  text: string;
  at: string;
  suggestions?: string[];
  /** Who wrote an agent's message: the name the agent signed in with (the customer sees it). */
  author?: string;
}

/** Where a channel's message came from, so that a redelivery of it is recognised. */
export interface Delivery {
  channel: string;
  messageId: string;
}

/** A customer's message that is stored and still awaits its answer. */
export interface Unanswered {
  conversationId: string;
  seq: number;
  /** As stored (masked, or the placeholder of a sensitive step). */
  text: string;
}

/** A new message of the bot, an agent or the system. */
export interface NewMessage {
  from: Sender;
  text: string;
  suggestions?: string[];
  author?: string;
}

export interface NewConversation {
  id: string;
  tokenHash: string;
  channel: string;
  userId?: string | null;
  locale: Locale;
}

export interface Store {
  createConversation(c: NewConversation): Promise<Conversation>;
  getConversation(id: string): Promise<Conversation | null>;
  /** Finds the conversation a channel keeps for one of its users (a WeChat contact, a terminal). */
  findConversationByUser(channel: string, userId: string): Promise<Conversation | null>;
  setLocale(id: string, locale: Locale): Promise<void>;
  /** Appends a message and gives it the conversation's next sequence number. */
  appendMessage(conversationId: string, msg: NewMessage): Promise<StoredMessage>;
  /** Messages with `seq > afterSeq`, oldest first, at most `limit`. */
  listMessages(conversationId: string, afterSeq: number, limit?: number): Promise<StoredMessage[]>;
  /** Dialog-engine state by key (JSON values). Missing keys are absent from the result. */
  readState(keys: string[]): Promise<Record<string, unknown>>;
  writeState(entries: Record<string, unknown>): Promise<void>;
  deleteState(keys: string[]): Promise<void>;
  /**
   * Records that a channel delivered a message id it keeps no message for (a WeChat picture); false
   * when it was seen before (channels redeliver, and a message must never be answered twice).
   */
  claimInbound(channel: string, messageId: string): Promise<boolean>;

  // A customer's message is answered exactly once, even across a crash: it is stored together with
  // its delivery id and a mark that it awaits an answer; the answer (replies and the dialog state the
  // turn ended in) is stored together with the end of that mark. Whoever works on an answer holds a
  // lease on it; a mark whose lease ran out belongs to a process that died, and is taken up again.

  /**
   * Stores a customer's message, and in the same transaction its delivery id (when the channel gave
   * one) and its mark awaiting an answer, leased to `owner` for `leaseMs`. When the delivery id was
   * stored before, stores nothing and gives the seq of the message it brought (null when that is not
   * known: an id recorded by an older version, or one from another conversation).
   */
  appendCustomer(
    conversationId: string,
    text: string,
    opts: { delivery?: Delivery; owner: string; leaseMs: number },
  ): Promise<{ message: StoredMessage } | { duplicateOf: number | null }>;
  /**
   * Stores the answer to the customer message `seq` in one transaction: the replies (in order, each
   * marked as answering it), the dialog-state entries the turn ended in, and the end of its mark.
   * `state` values are JSON text, serialised once by the engine and stored as they are. Returns the
   * stored replies; null, storing nothing, when the message was answered already.
   */
  answer(
    conversationId: string,
    seq: number,
    replies: readonly NewMessage[],
    state?: Record<string, string>,
  ): Promise<StoredMessage[] | null>;
  /** The stored answer to the customer message `seq` (possibly no replies); null while it awaits one. */
  answerOf(conversationId: string, seq: number): Promise<StoredMessage[] | null>;
  /**
   * Leases to `owner` the messages awaiting an answer whose owner is gone (its lease ran out), or
   * only `one` of them, and returns them oldest first. Of several owners asking at once, one gets each.
   */
  takeUnanswered(owner: string, leaseMs: number, one?: { conversationId: string; seq: number }): Promise<Unanswered[]>;
  /** Extends `owner`'s leases on the messages it is answering. */
  renewUnanswered(
    owner: string,
    leaseMs: number,
    messages: ReadonlyArray<{ conversationId: string; seq: number }>,
  ): Promise<void>;
  /**
   * Deletes messages sent before `beforeIso`, and dialog state not touched since then (retention);
   * returns how many messages went.
   */
  purgeBefore?(beforeIso: string): Promise<number>;
  /** Rejects when the database cannot be reached (for /readyz). */
  ready?(): Promise<void>;
  close(): Promise<void>;
}
