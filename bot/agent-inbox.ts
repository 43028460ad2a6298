/**
 * What the agent console lists besides the live queue: a last-message preview for each line, past
 * handoffs (resolved or all) found by order number or contact-phone tail, a customer's earlier
 * handoffs, and for supervisors every agent's open conversations. Read-only: the handoff service
 * changes state, this only looks.
 */
import type { Logger } from 'pino';
import { priorityOf, type Priority } from './handoff-priority.js';
import type { AgentIdentity } from './core/ports/agent-auth.js';
import type { HandoffRecord, HandoffStatus, HandoffStore } from './core/ports/handoff-store.js';
import type { OrderSource } from './core/ports/order-source.js';
import type { Sender, Store } from './core/ports/store.js';

/** How far back the history view and the search look. */
export const HISTORY_DAYS = 90;
/** Enough of the last message to recognise the conversation in a list. */
const PREVIEW_CHARS = 80;
const MAX_RESULTS = 50;
/** Still waiting for or with an agent; a chat awaiting its rating is finished as far as agents go. */
const OPEN: readonly HandoffStatus[] = ['queued', 'active', 'ticket_pending', 'ticket'];

export interface Preview {
  from: Sender;
  text: string;
  at: string;
}

/** One handoff as a line in the console's lists. */
export interface InboxEntry {
  conversationId: string;
  handoffId: number;
  status: HandoffStatus;
  reason: string;
  priority: Priority;
  orderNo: string | null;
  failureCode: string | null;
  queuedAt: string;
  claimedAt: string | null;
  resolvedAt: string | null;
  agentId: string | null;
  agentName: string | null;
  rating: number | null;
  lastMessage?: Preview;
}

export type HistoryView = 'open' | 'resolved' | 'all';

export interface TeamMember extends AgentIdentity {
  status: 'online' | 'away' | 'signed_out';
  conversations: InboxEntry[];
}

export interface AgentInboxDeps {
  handoffs: HandoffStore;
  store: Store;
  orders: OrderSource;
  log: Logger;
  now?: () => Date;
}

const entry = (h: HandoffRecord): InboxEntry => ({
  conversationId: h.conversationId,
  handoffId: h.id,
  status: h.status,
  reason: h.reason,
  priority: priorityOf(h),
  orderNo: h.orderNo,
  failureCode: h.failureCode,
  queuedAt: h.queuedAt,
  claimedAt: h.claimedAt,
  resolvedAt: h.resolvedAt,
  agentId: h.agentId,
  agentName: h.agentName,
  rating: h.rating,
});

export class AgentInbox {
  constructor(private readonly d: AgentInboxDeps) {}

  /** The conversation's last message, shortened (already masked in the store). */
  async lastMessage(conversationId: string): Promise<Preview | null> {
    const conv = await this.d.store.getConversation(conversationId);
    if (!conv || conv.lastSeq === 0) return null;
    const [m] = await this.d.store.listMessages(conversationId, conv.lastSeq - 1, 1);
    if (!m) return null;
    const text = [...m.text].length > PREVIEW_CHARS ? `${[...m.text].slice(0, PREVIEW_CHARS - 1).join('')}…` : m.text;
    return { from: m.from, text, at: m.at };
  }

  /** `rows` with each conversation's last message. */
  async withPreviews<T extends { conversationId: string }>(
    rows: readonly T[],
  ): Promise<Array<T & { lastMessage?: Preview }>> {
    return Promise.all(
      rows.map(async (r) => {
        const last = await this.lastMessage(r.conversationId);
        return last ? { ...r, lastMessage: last } : r;
      }),
    );
  }

  private async recent(): Promise<HandoffRecord[]> {
    const now = this.d.now?.() ?? new Date();
    return this.d.handoffs.since(new Date(now.getTime() - HISTORY_DAYS * 86_400_000).toISOString());
  }

  /**
   * Handoffs of the last HISTORY_DAYS days, newest first: open, resolved (rated or closed) or all;
   * with `q`, only those whose order number contains it or, for 4 digits, whose order's contact
   * phone ends in them (a tail identifies no one on its own; the phone itself is never returned).
   */
  async find(view: HistoryView, q?: string): Promise<InboxEntry[]> {
    let rows = (await this.recent()).filter((h) =>
      view === 'all' ? true : view === 'open' ? OPEN.includes(h.status) : !OPEN.includes(h.status),
    );
    const query = q?.replace(/\s+/g, '') ?? '';
    if (query) {
      const tails = /^\d{4}$/.test(query) ? await this.ordersWithTail(rows, query) : new Set<string>();
      rows = rows.filter((h) => h.orderNo !== null && (h.orderNo.includes(query) || tails.has(h.orderNo)));
    }
    rows.sort((a, b) => b.queuedAt.localeCompare(a.queuedAt) || b.id - a.id);
    return this.withPreviews(rows.slice(0, MAX_RESULTS).map(entry));
  }

  /** Order numbers among `rows` whose contact phone ends in `tail` (one look-up per order, cached by the source). */
  private async ordersWithTail(rows: readonly HandoffRecord[], tail: string): Promise<Set<string>> {
    const orderNos = [...new Set(rows.flatMap((h) => (h.orderNo ? [h.orderNo] : [])))];
    const found = new Set<string>();
    await Promise.all(
      orderNos.map(async (orderNo) => {
        try {
          const order = await this.d.orders.getOrder(orderNo);
          if (order?.contactPhone.endsWith(tail)) found.add(orderNo);
        } catch (err) {
          this.d.log.warn({ err, orderNo }, 'order look-up for an agent search failed');
        }
      }),
    );
    return found;
  }

  /** The customer's other handoffs: earlier ones in this conversation, and any about the same order. */
  async earlier(conversationId: string, orderNo: string | null, currentId: number | null): Promise<InboxEntry[]> {
    const rows = (await this.recent())
      .filter(
        (h) =>
          h.id !== currentId && (h.conversationId === conversationId || (orderNo !== null && h.orderNo === orderNo)),
      )
      .sort((a, b) => b.queuedAt.localeCompare(a.queuedAt));
    return this.withPreviews(rows.map(entry));
  }

  /**
   * Every agent signed in (with their online/away), and anyone still holding a conversation after
   * signing out, with the conversations they hold (for supervisors).
   */
  async team(signedIn: ReadonlyArray<AgentIdentity & { status: 'online' | 'away' }>): Promise<TeamMember[]> {
    const held = await this.withPreviews((await this.d.handoffs.list(['active'])).map(entry));
    const members = new Map<string, TeamMember>(signedIn.map((a) => [a.id, { ...a, conversations: [] }]));
    for (const c of held) {
      const id = c.agentId ?? '';
      if (!members.has(id))
        members.set(id, { id, name: c.agentName ?? id, role: 'agent', status: 'signed_out', conversations: [] });
      members.get(id)!.conversations.push(c);
    }
    return [...members.values()].sort(
      (a, b) => b.conversations.length - a.conversations.length || a.name.localeCompare(b.name),
    );
  }
}
