/**
 * Everything the bot persists. SQLite is the embedded default (adapters/storage/sqlite.store.ts);
 * every implementation runs the same contract suite (test/ports/store.contract.ts).
 */
import type { Locale } from '../locale.js';

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

/** A message as a writer hands it to the store. */
export type NewMessage = { from: Sender; text: string; suggestions?: string[]; author?: string };

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
  /** Appends several messages in order, atomically where the store can (one transaction per turn). */
  appendMessages?(conversationId: string, msgs: ReadonlyArray<NewMessage>): Promise<StoredMessage[]>;
  /** Messages with `seq > afterSeq`, oldest first, at most `limit`. */
  listMessages(conversationId: string, afterSeq: number, limit?: number): Promise<StoredMessage[]>;
  /** Dialog-engine state by key (JSON values). Missing keys are absent from the result. */
  readState(keys: string[]): Promise<Record<string, unknown>>;
  writeState(entries: Record<string, unknown>): Promise<void>;
  deleteState(keys: string[]): Promise<void>;
  /**
   * Records that a channel delivered a message id; false when it was seen before
   * (channels redeliver, and a message must never be answered twice).
   */
  claimInbound(channel: string, messageId: string): Promise<boolean>;
  /** Gives a claimed id back when nothing of the message was kept, so the channel's retry is processed. */
  releaseInbound?(channel: string, messageId: string): Promise<void>;
  /**
   * Deletes messages sent before `beforeIso`, and dialog state not touched since then (retention);
   * returns how many messages went.
   */
  purgeBefore?(beforeIso: string): Promise<number>;
  /** Rejects when the database cannot be reached (for /readyz). */
  ready?(): Promise<void>;
  close(): Promise<void>;
}
