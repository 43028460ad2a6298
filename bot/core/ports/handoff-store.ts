/**
 * Where handoffs to human agents live: the queue, who holds which conversation, tickets left
 * outside business hours, internal notes and ratings. Timers are deadlines stored here (not
 * in-process timers), so a restart or a second instance loses no queue entry.
 */
import type { Locale } from '../../locale.js';

export type HandoffStatus =
  /** Waiting for an agent to claim it. */
  | 'queued'
  /** An agent holds the conversation. */
  | 'active'
  /** The bot asked the customer to leave a message; their next message becomes the ticket. */
  | 'ticket_pending'
  /** A message left for agents to answer later. */
  | 'ticket'
  /** The agent resolved it; the bot asked for a 1–5 rating. */
  | 'awaiting_rating'
  | 'closed';

export interface HandoffRecord {
  id: number;
  conversationId: string;
  status: HandoffStatus;
  reason: string;
  orderNo: string | null;
  failureCode: string | null;
  locale: Locale;
  queuedAt: string;
  /** When a queued handoff nobody claimed turns into an offer to leave a message. */
  claimDeadline: string | null;
  claimedAt: string | null;
  agentId: string | null;
  agentName: string | null;
  resolvedAt: string | null;
  rating: number | null;
  ticketText: string | null;
  /** When the customer was promised an answer to their ticket. */
  answerBy: string | null;
}

export type NewHandoff = Pick<
  HandoffRecord,
  'conversationId' | 'status' | 'reason' | 'orderNo' | 'failureCode' | 'locale' | 'queuedAt' | 'claimDeadline'
>;

export type HandoffPatch = Partial<Omit<HandoffRecord, 'id' | 'conversationId' | 'queuedAt'>>;

export interface HandoffNote {
  id: number;
  handoffId: number;
  agentId: string;
  agentName: string;
  text: string;
  at: string;
}

export interface HandoffStore {
  /** The conversation's handoff that is not closed yet, if any. */
  current(conversationId: string): Promise<HandoffRecord | null>;
  /** The conversation's newest handoff, closed or not, if it ever had one. */
  latest(conversationId: string): Promise<HandoffRecord | null>;
  get(id: number): Promise<HandoffRecord | null>;
  create(h: NewHandoff): Promise<HandoffRecord>;
  /**
   * Applies `patch` only if the handoff is still in one of `expect` statuses (compare-and-set, so
   * two agents claiming at once cannot both win); null when it was not.
   */
  update(id: number, expect: readonly HandoffStatus[], patch: HandoffPatch): Promise<HandoffRecord | null>;
  /** Handoffs in `statuses`, oldest first. */
  list(statuses: readonly HandoffStatus[]): Promise<HandoffRecord[]>;
  /** Every handoff queued since `sinceIso`, oldest first (supervisor figures). */
  since(sinceIso: string): Promise<HandoffRecord[]>;
  /** Conversations started since `sinceIso` (for containment). */
  conversationsSince(sinceIso: string): Promise<number>;
  addNote(note: Omit<HandoffNote, 'id'>): Promise<HandoffNote>;
  notes(handoffId: number): Promise<HandoffNote[]>;
}
