/**
 * Handing a conversation to a human agent and back: the queue (position and estimated wait told to
 * the customer, again whenever it changes), business hours, tickets when nobody can answer, the
 * agent's side (claim, reply, note, transfer, resolve) and the rating afterwards.
 *
 * Every state and deadline is in the HandoffStore, never in a process's memory: `sweep()` (run on
 * an interval by the app, on any instance) acts on deadlines that passed, so a restart loses no
 * queue entry. Messages are persisted, then published on the bus, like the bot's own.
 */
import type { Logger } from 'pino';
import type { Effect, Reply } from './core/dialog.js';
import { isQuickReply, t } from './core/texts.js';
import { BusinessHours } from './business-hours.js';
import { inPriorityOrder, priorityOf, threatensRegulator, type Priority } from './handoff-priority.js';
import { supervisorStats, type SupervisorStats } from './supervisor-stats.js';
import type { Config } from './config.js';
import { AppError } from './errors.js';
import type { Knowledge } from './knowledge/loader.js';
import type { Locale } from './locale.js';
import type { Metrics } from './metrics.js';
import { viewOrder, type OrderView } from './order-view.js';
import { maskText } from './pii.js';
import type { AgentIdentity } from './core/ports/agent-auth.js';
import type { AuditLog } from './core/ports/audit-log.js';
import type { Bus } from './core/ports/bus.js';
import type { HandoffNote, HandoffRecord, HandoffStore } from './core/ports/handoff-store.js';
import type { OrderSource } from './core/ports/order-source.js';
import type { Conversation, Store, StoredMessage } from './core/ports/store.js';

/** The bus channel the agent consoles listen on for queue changes. */
export const AGENTS_CHANNEL = 'agents';

export interface HandoffDeps {
  handoffs: HandoffStore;
  store: Store;
  bus: Bus;
  orders: OrderSource;
  knowledge: Knowledge;
  settings: Config['handoff'];
  metrics: Metrics;
  log: Logger;
  now?: () => Date;
}

export interface QueueEntry {
  conversationId: string;
  position: number;
  waitingSince: string;
  waitedSeconds: number;
  reason: string;
  orderNo?: string;
  failureCode?: string;
  locale: Locale;
  priority: Priority;
}

export interface HandoffPacket {
  conversationId: string;
  channel: string;
  locale: Locale;
  handoff: HandoffRecord | null;
  /** The order the customer proved is theirs, as the bot explained it (personal data masked). */
  order: OrderView | null;
  /** What the bot had already established, so the agent never re-asks. */
  checked: { orderNo: string | null; phoneTailVerified: boolean; failureCode: string | null };
  transcript: StoredMessage[];
  notes: HandoffNote[];
}

const OPEN_STATES = ['queued', 'active', 'ticket_pending', 'ticket', 'awaiting_rating'] as const;
/** Handoffs any agent may pick up, and so read. */
const WAITING_FOR_AGENT: readonly string[] = ['queued', 'ticket_pending', 'ticket'];
/** A handoff that is over: the agent resolved it (a rating may still come) or it was closed. */
const OVER: readonly string[] = ['awaiting_rating', 'closed'];
const RATING = /^\s*([1-5])\s*(分|星|stars?|points?)?\s*[.!。！]?\s*$/i;
/**
 * A customer in the queue who no longer wants a person ("算了不用了 我自己查", "never mind"). Not a
 * bare 取消 or "cancel": "我要取消订单" is a question for the agent.
 */
const CANCEL_WAITING =
  /^\s*算了|不用(?:了|转|人工|客服)|不需要(?:了|人工|客服)|取消(?:排队|人工|转接|等待)|不[转排等]了|自己(?:查|看|弄)|\b(?:never ?mind|no need|forget it|stop waiting|cancel (?:the |my )?(?:queue|wait(?:ing)?|request|transfer|handover)|don'?t need (?:a |an )?(?:human|agent|person|help))\b/i;

export class HandoffService {
  private readonly hours: BusinessHours;

  constructor(private readonly d: HandoffDeps) {
    this.hours = new BusinessHours(d.settings);
  }

  private now(): Date {
    return this.d.now?.() ?? new Date();
  }

  private text(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
    return t(this.d.knowledge, locale, key, params);
  }

  /** Persists and publishes a message outside a customer's turn (agent, system notice). */
  private async post(
    conversationId: string,
    from: 'agent' | 'system' | 'bot',
    text: string,
    suggestions?: string[],
    author?: string,
  ): Promise<StoredMessage> {
    const msg = await this.d.store.appendMessage(conversationId, { from, text: maskText(text), suggestions, author });
    await this.d.bus.publish(conversationId, { type: 'message', message: msg });
    return msg;
  }

  private async agentsChanged(): Promise<void> {
    await this.d.bus.publish(AGENTS_CHANNEL, { type: 'agents', change: 'queue' });
  }

  /** A customer now waits for a person (queued, or a ticket left): consoles ring. */
  private async escalated(conversationId: string): Promise<void> {
    await this.d.bus.publish(AGENTS_CHANNEL, { type: 'agents', change: 'escalation', conversationId });
  }

  /** The queue in the order agents take it, which is also the place each customer is told. */
  private async queued(): Promise<HandoffRecord[]> {
    return inPriorityOrder(await this.d.handoffs.list(['queued']));
  }

  /** "前面还有 2 位" / "您是下一位": where the customer stands, for the queue lines. */
  private place(locale: Locale, ahead: number): string {
    return ahead > 0 ? this.text(locale, 'queue_place_ahead', { ahead }) : this.text(locale, 'queue_place_next');
  }

  /** Every line about the queue offers the way out of it. */
  private leaveQueue(locale: Locale): string[] {
    return [this.text(locale, 'sugg_cancel_queue')];
  }

  /** The bot's answer to a queued customer: `key`'s text with their place, and the way out. */
  private async waitingReply(h: HandoffRecord, locale: Locale, key: string): Promise<Reply[]> {
    const ahead = (await this.position(h.id)) - 1;
    return [
      { text: this.text(locale, key, { place: this.place(locale, ahead) }), suggestions: this.leaveQueue(locale) },
    ];
  }

  /** Everyone queued from index `from` on (0: everyone) hears their new place. */
  private async tellPositions(from = 0): Promise<void> {
    for (const [i, h] of (await this.queued()).entries()) {
      if (i < from) continue;
      const eta = this.eta(i);
      await this.d.bus.publish(h.conversationId, { type: 'queue', position: i + 1, etaSeconds: eta });
      await this.post(
        h.conversationId,
        'system',
        this.text(h.locale, 'queue_moved', {
          place: this.place(h.locale, i),
          minutes: Math.max(1, Math.round(eta / 60)),
        }),
        this.leaveQueue(h.locale),
      );
    }
  }

  private eta(ahead: number): number {
    return (ahead + 1) * this.d.settings.avgHandleSeconds;
  }

  /**
   * A dialog asked for a human. Queues the conversation (telling position and wait), or outside
   * business hours asks for a message that becomes a ticket. Returns the messages it added.
   */
  async request(
    conversationId: string,
    effect: Extract<Effect, { type: 'handoff' }>,
    locale: Locale,
  ): Promise<StoredMessage[]> {
    const now = this.now();
    const existing = await this.d.handoffs.current(conversationId);
    if (existing && (existing.status === 'queued' || existing.status === 'active')) {
      if (existing.status === 'active') return [];
      const position = await this.position(existing.id);
      return [
        await this.post(
          conversationId,
          'system',
          this.text(locale, 'queued_noted', { place: this.place(locale, position - 1) }),
          this.leaveQueue(locale),
        ),
      ];
    }
    if (existing) await this.d.handoffs.update(existing.id, [...OPEN_STATES], { status: 'closed' });
    this.d.metrics.handoffs.inc({ reason: effect.reason });
    const reason = await this.reasonFor(conversationId, effect.reason);

    if (!this.hours.isOpen(now)) {
      await this.d.handoffs.create({
        conversationId,
        status: 'ticket_pending',
        reason,
        orderNo: effect.orderNo ?? null,
        failureCode: effect.failureCode ?? null,
        locale,
        queuedAt: now.toISOString(),
        claimDeadline: null,
      });
      return [
        await this.post(
          conversationId,
          'system',
          this.text(locale, 'after_hours', {
            ...this.hours.opening,
            when: this.hours.format(this.hours.answerBy(now), locale),
          }),
        ),
      ];
    }
    const h = await this.d.handoffs.create({
      conversationId,
      status: 'queued',
      reason,
      orderNo: effect.orderNo ?? null,
      failureCode: effect.failureCode ?? null,
      locale,
      queuedAt: now.toISOString(),
      claimDeadline: new Date(now.getTime() + this.d.settings.claimTimeoutMinutes * 60_000).toISOString(),
    });
    const position = await this.position(h.id);
    const eta = this.eta(position - 1);
    await this.d.bus.publish(conversationId, { type: 'queue', position, etaSeconds: eta });
    const told = await this.post(
      conversationId,
      'system',
      this.text(locale, 'queue_position', {
        place: this.place(locale, position - 1),
        minutes: Math.max(1, Math.round(eta / 60)),
      }),
      this.leaveQueue(locale),
    );
    // An urgent request goes ahead of others: those it passed hear their new place.
    if (priorityOf(h) === 'urgent') await this.tellPositions(position);
    await this.escalated(conversationId);
    this.d.log.info({ conversationId, reason, position }, 'handoff queued');
    return [told];
  }

  /**
   * Out of business hours a handoff is answered by the handoff alone ("agents are offline, leave a
   * message"): the dialog's "transferring you to a person" would promise what cannot happen.
   */
  revise(replies: readonly Reply[], effects: readonly Effect[], locale: Locale): readonly Reply[] {
    if (!effects.some((e) => e.type === 'handoff') || this.hours.isOpen(this.now())) return replies;
    const transferring = this.text(locale, 'handoff');
    return replies.filter((r) => r.text !== transferring);
  }

  /** The dialog's reason, or `regulator` when the customer's last words threaten one (it goes first). */
  private async reasonFor(conversationId: string, reason: string): Promise<string> {
    const conv = await this.d.store.getConversation(conversationId);
    const recent = conv ? await this.d.store.listMessages(conversationId, Math.max(0, conv.lastSeq - 5)) : [];
    return recent.some((m) => m.from === 'customer' && threatensRegulator(m.text)) ? 'regulator' : reason;
  }

  /** 1-based place in the queue; 0 when no longer queued. */
  private async position(id: number): Promise<number> {
    return (await this.queued()).findIndex((h) => h.id === id) + 1;
  }

  /**
   * Called before the bot handles a customer's message. While an agent holds or is about to hold
   * the conversation the bot stays out of it; a pending ticket takes the message; a 1–5 after a
   * resolved chat is the rating. Returns the bot's replies, or null to let the bot answer.
   */
  async intercept(conversationId: string, text: string, locale: Locale): Promise<Reply[] | null> {
    const h = await this.d.handoffs.current(conversationId);
    if (!h) return null;
    const keepWaiting = isQuickReply(this.d.knowledge, text, 'sugg_keep_waiting');
    switch (h.status) {
      case 'active':
        await this.d.bus.publish(AGENTS_CHANNEL, { type: 'agents', change: 'customer_message', conversationId });
        return [];
      case 'queued': {
        // Consoles show each waiting customer's last message.
        await this.d.bus.publish(AGENTS_CHANNEL, { type: 'agents', change: 'customer_message', conversationId });
        if (keepWaiting) return this.waitingReply(h, locale, 'keep_waiting');
        if (isQuickReply(this.d.knowledge, text, 'sugg_cancel_queue') || CANCEL_WAITING.test(text)) {
          // Left the queue: the bot answers again, and everyone behind moves up.
          const was = await this.position(h.id);
          if (await this.d.handoffs.update(h.id, ['queued'], { status: 'closed' })) {
            await this.agentsChanged();
            await this.tellPositions(was - 1);
            return [{ text: this.text(locale, 'queue_cancelled') }];
          }
        }
        if (priorityOf(h) === 'normal' && threatensRegulator(text)) {
          // "再不处理我就去工信部投诉": from now on this customer goes first.
          if (await this.d.handoffs.update(h.id, ['queued'], { reason: 'regulator' })) {
            await this.agentsChanged();
            await this.tellPositions(await this.position(h.id)); // those it passed; it hears its place below
          }
        }
        return this.waitingReply(h, locale, 'queued_noted');
      }
      case 'ticket_pending': {
        if (keepWaiting) {
          const back = await this.d.handoffs.update(h.id, ['ticket_pending'], {
            status: 'queued',
            claimDeadline: new Date(this.now().getTime() + this.d.settings.claimTimeoutMinutes * 60_000).toISOString(),
          });
          if (back) {
            await this.agentsChanged();
            return this.waitingReply(back, locale, 'keep_waiting');
          }
        }
        const answerBy = this.hours.answerBy(this.now());
        await this.d.handoffs.update(h.id, ['ticket_pending'], {
          status: 'ticket',
          ticketText: maskText(text),
          answerBy: answerBy.toISOString(),
        });
        await this.escalated(conversationId);
        return [
          {
            text: this.text(locale, 'ticket_saved', { ticket: `T${h.id}`, when: this.hours.format(answerBy, locale) }),
          },
        ];
      }
      case 'awaiting_rating': {
        const m = RATING.exec(text);
        if (m) {
          const rating = Number(m[1]);
          await this.d.handoffs.update(h.id, ['awaiting_rating'], { status: 'closed', rating });
          return [{ text: this.text(locale, 'rating_thanks', { rating }) }];
        }
        await this.d.handoffs.update(h.id, ['awaiting_rating'], { status: 'closed' });
        return null;
      }
      default:
        return null; // a ticket waits for an agent; the bot can still help meanwhile
    }
  }

  // ---- the agent's side ----

  private async held(conversationId: string, agent: AgentIdentity): Promise<HandoffRecord> {
    const h = await this.d.handoffs.current(conversationId);
    if (!h || h.status !== 'active') throw new AppError('NOT_IN_HANDOFF');
    if (h.agentId !== agent.id) throw new AppError('NOT_YOUR_CONVERSATION');
    return h;
  }

  /** Takes a queued conversation (or a ticket) for `agent`; the first of two racing agents wins. */
  async claim(conversationId: string, agent: AgentIdentity): Promise<HandoffRecord> {
    const h = await this.d.handoffs.current(conversationId);
    if (!h || !WAITING_FOR_AGENT.includes(h.status)) {
      if (h?.status === 'active') throw new AppError(h.agentId === agent.id ? 'NOT_IN_HANDOFF' : 'ALREADY_CLAIMED');
      throw new AppError('NOT_IN_HANDOFF');
    }
    const now = this.now().toISOString();
    const was = await this.position(h.id);
    const won = await this.d.handoffs.update(h.id, ['queued', 'ticket', 'ticket_pending'], {
      status: 'active',
      claimedAt: now,
      agentId: agent.id,
      agentName: agent.name,
      claimDeadline: null,
    });
    if (!won) throw new AppError('ALREADY_CLAIMED');
    await this.post(conversationId, 'system', this.text(h.locale, 'agent_joined', { agent: agent.name }));
    // Those behind a queued customer move up (a ticket was in nobody's way).
    if (was) await this.tellPositions(was - 1);
    await this.agentsChanged();
    return won;
  }

  async agentSay(conversationId: string, agent: AgentIdentity, text: string): Promise<StoredMessage> {
    await this.held(conversationId, agent);
    return this.post(conversationId, 'agent', text, undefined, agent.name);
  }

  /** The agent holding the conversation is typing: the customer sees it. */
  async agentTyping(conversationId: string, agent: AgentIdentity): Promise<void> {
    await this.held(conversationId, agent);
    await this.d.bus.publish(conversationId, { type: 'typing', from: 'agent' });
  }

  /**
   * Whether an agent may read a conversation (its packet, its transcript, live over the WebSocket):
   * supervisors all; any agent while it waits for someone (queued, or a ticket) and once it is over
   * (a customer's earlier conversations, read-only, as the inbox shows them); while an agent holds
   * it, only that agent. One rule for REST and the socket.
   */
  async mayRead(conversationId: string, agent: AgentIdentity): Promise<boolean> {
    if (agent.role === 'supervisor') return true;
    const h = await this.d.handoffs.latest(conversationId);
    if (!h) return false;
    return WAITING_FOR_AGENT.includes(h.status) || OVER.includes(h.status) || h.agentId === agent.id;
  }

  async note(conversationId: string, agent: AgentIdentity, text: string): Promise<HandoffNote> {
    const h = await this.d.handoffs.current(conversationId);
    if (!h) throw new AppError('NOT_IN_HANDOFF');
    return this.d.handoffs.addNote({
      handoffId: h.id,
      agentId: agent.id,
      agentName: agent.name,
      text: maskText(text),
      at: this.now().toISOString(),
    });
  }

  async transfer(
    conversationId: string,
    agent: AgentIdentity,
    to: { id: string; name: string },
  ): Promise<HandoffRecord> {
    const h = await this.held(conversationId, agent);
    const moved = await this.d.handoffs.update(h.id, ['active'], { agentId: to.id, agentName: to.name });
    if (!moved) throw new AppError('NOT_IN_HANDOFF');
    await this.post(conversationId, 'system', this.text(h.locale, 'agent_transferred', { agent: to.name }));
    await this.agentsChanged();
    return moved;
  }

  /** Ends the agent's part: the bot takes the conversation back and asks for a rating. */
  async resolve(conversationId: string, agent: AgentIdentity): Promise<HandoffRecord> {
    const h = await this.held(conversationId, agent);
    const done = await this.d.handoffs.update(h.id, ['active'], {
      status: 'awaiting_rating',
      resolvedAt: this.now().toISOString(),
    });
    if (!done) throw new AppError('NOT_IN_HANDOFF');
    await this.post(conversationId, 'bot', this.text(h.locale, 'resolved_rate'), ['1', '2', '3', '4', '5']);
    await this.agentsChanged();
    return done;
  }

  /** Waiting customers in the order to take them (urgent first, then the longest wait), and tickets after them. */
  async queue(): Promise<QueueEntry[]> {
    const now = this.now().getTime();
    const rows = await this.d.handoffs.list(['queued', 'ticket']);
    const queued = inPriorityOrder(rows.filter((h) => h.status === 'queued'));
    const tickets = inPriorityOrder(rows.filter((h) => h.status === 'ticket'));
    return [...queued, ...tickets].map((h, i) => ({
      conversationId: h.conversationId,
      position: i + 1,
      waitingSince: h.queuedAt,
      waitedSeconds: Math.max(0, Math.round((now - Date.parse(h.queuedAt)) / 1000)),
      reason: h.status === 'ticket' ? `ticket:${h.reason}` : h.reason,
      ...(h.orderNo ? { orderNo: h.orderNo } : {}),
      ...(h.failureCode ? { failureCode: h.failureCode } : {}),
      locale: h.locale,
      priority: priorityOf(h),
    }));
  }

  /** Conversations an agent holds right now. */
  async mine(agent: AgentIdentity): Promise<HandoffRecord[]> {
    return (await this.d.handoffs.list(['active'])).filter((h) => h.agentId === agent.id);
  }

  /** Everything an agent needs to take over without asking the customer again. */
  /** The conversation, its open handoff and the order the customer proved is theirs (masked). */
  async orderOf(
    conversationId: string,
  ): Promise<{ conv: Conversation; handoff: HandoffRecord | null; order: OrderView | null }> {
    const conv = await this.d.store.getConversation(conversationId);
    if (!conv) throw new AppError('CONVERSATION_NOT_FOUND');
    const h = await this.d.handoffs.current(conversationId);
    let order: OrderView | null = null;
    if (h?.orderNo) {
      try {
        const rec = await this.d.orders.getOrder(h.orderNo);
        if (rec) order = viewOrder(rec, this.d.knowledge);
      } catch (e) {
        this.d.log.warn({ err: e, orderNo: h.orderNo }, 'order lookup for the agent failed');
      }
    }
    return { conv, handoff: h, order };
  }

  async packet(conversationId: string): Promise<HandoffPacket> {
    const { conv, handoff: h, order } = await this.orderOf(conversationId);
    const orderNo = h?.orderNo ?? null;
    return {
      conversationId,
      channel: conv.channel,
      locale: conv.locale,
      handoff: h,
      order,
      checked: {
        orderNo,
        phoneTailVerified: orderNo !== null,
        failureCode: h?.failureCode ?? order?.failureCode ?? null,
      },
      transcript: await this.d.store.listMessages(conversationId, 0, 1000),
      notes: h ? await this.d.handoffs.notes(h.id) : [],
    };
  }

  /**
   * Acts on deadlines that passed: a queued customer nobody claimed in time is offered to leave a
   * message (and may keep waiting). Safe to run on every instance: the status change is a
   * compare-and-set, so only one instance tells the customer.
   */
  async sweep(): Promise<number> {
    const now = this.now();
    let n = 0;
    for (const h of await this.d.handoffs.list(['queued'])) {
      if (!h.claimDeadline || Date.parse(h.claimDeadline) > now.getTime()) continue;
      const moved = await this.d.handoffs.update(h.id, ['queued'], { status: 'ticket_pending', claimDeadline: null });
      if (!moved) continue;
      n++;
      await this.post(
        h.conversationId,
        'system',
        this.text(h.locale, 'no_agent', { when: this.hours.format(this.hours.answerBy(now), h.locale) }),
        [this.text(h.locale, 'sugg_keep_waiting')],
      );
    }
    if (n) {
      await this.tellPositions();
      await this.agentsChanged();
    }
    return n;
  }

  /**
   * The unmasked personal data of the conversation's order, for a supervisor who must see it. The
   * access is written to the audit log first; nothing is returned if that fails.
   */
  async reveal(conversationId: string, supervisor: AgentIdentity, audit: AuditLog): Promise<RevealedData> {
    if (supervisor.role !== 'supervisor') throw new AppError('FORBIDDEN');
    const h = await this.d.handoffs.current(conversationId);
    const orderNo = h?.orderNo ?? null;
    if (!orderNo) throw new AppError('NOT_FOUND', 'No verified order in this conversation.');
    await audit.record({
      at: this.now().toISOString(),
      actorId: supervisor.id,
      actorName: supervisor.name,
      action: 'reveal_personal_data',
      conversationId,
      orderNo,
    });
    const rec = await this.d.orders.getOrder(orderNo);
    if (!rec) throw new AppError('NOT_FOUND', 'The order is no longer on the platform.');
    return {
      orderNo,
      name: rec.name,
      phone: rec.contactPhone,
      idCard: rec.idNumber,
      address: [rec.province, rec.city, rec.address].filter(Boolean).join(' ') || null,
      issuedNumber: rec.issuedNumber,
    };
  }

  /** Supervisor figures over the last `days` days, per local day. */
  stats(days = 14): Promise<SupervisorStats> {
    return supervisorStats(this.d.handoffs, this.hours, this.now(), days);
  }
}

export interface RevealedData {
  orderNo: string;
  name: string | null;
  phone: string;
  idCard: string | null;
  address: string | null;
  /** The number the operator issued (the packet shows it masked). */
  issuedNumber: string | null;
}

export type { SupervisorStats };
