/**
 * The turn pipeline: channel → normalised inbound message → dedupe, PII masking, NLU, dialog →
 * persisted and published replies → channel. Every channel goes through here; nothing else
 * writes a customer's conversation.
 */
import type { Logger } from 'pino';
import type { DialogEngine } from './core/ports/dialog-engine.js';
import type { Effect, Reply, TurnTrace } from './core/dialog.js';
import { AnswerLeases } from './answer-leases.js';
import { AppError } from './errors.js';
import { KeyedMutex } from './keyed-mutex.js';
import { detectLocale, type Locale } from './locale.js';
import { syllablesOf } from './nlu/pinyin.js';
import type { LanguageUnderstanding } from './core/ports/language-understanding.js';
import type { NluResult } from './nlu/types.js';
import type { Metrics } from './metrics.js';
import { maskText } from './pii.js';
import type { Bus } from './core/ports/bus.js';
import type { Conversation, Store, StoredMessage } from './core/ports/store.js';

/** One customer message, whatever channel it came from. */
export interface InboundMessage {
  channel: string;
  conversationId: string;
  /** The channel's id of the sender, if it has one. */
  userId?: string | null;
  text: string;
  /** The channel's message id, used to drop redeliveries. */
  messageId?: string;
  /** The platform payload, for the channel's own use; never persisted. */
  raw?: unknown;
}

export interface TurnOutput {
  /**
   * The customer's message as stored (masked), when this call answered it; null for a redelivery of a
   * message answered before (`replies` are then that answer, already sent once).
   */
  customer: StoredMessage | null;
  replies: StoredMessage[];
  effects: Effect[];
  /** The language the customer was answered in (absent for a redelivery answered before). */
  locale?: Locale;
  /** The channel had delivered this message before. */
  duplicate?: boolean;
  /** A redelivery whose answer is still being worked on (elsewhere): it will come on the bus. */
  pending?: boolean;
  /** How the dialog decided the turn (absent when it did not run: a redelivery, a person holds the conversation). */
  trace?: TurnTrace;
}

export interface PipelineDeps {
  store: Store;
  bus: Bus;
  nlu: LanguageUnderstanding;
  engine: DialogEngine;
  log: Logger;
  metrics: Metrics;
  maxMessageChars: number;
  /** Called for each effect a dialog asks for (handoff, …), after the replies are stored; may add messages. */
  onEffect?: (conversationId: string, effect: Effect, locale: Locale) => Promise<StoredMessage[] | void>;
  /**
   * Sees each customer message before the bot does (a human agent holds the conversation, a ticket
   * or a rating is expected); returns the replies to send instead of the bot's, or null.
   */
  intercept?: (conversationId: string, text: string, locale: Locale) => Promise<Reply[] | null>;
  now?: () => Date;
  /** The reply when a turn fails after the customer's message was stored. */
  failed?: (locale: Locale) => string;
  /** What the transcript shows instead of an answer to a sensitive step. */
  redacted?: (locale: Locale) => string;
  /** How long a lease on an answer lasts unrenewed: how soon another process answers for one that died. */
  answerLeaseMs: number;
  /**
   * May drop dialog replies its effects make untrue before they are sent (out of hours, "transferring
   * you to a person" would be followed at once by "agents are offline": the handoff says that alone).
   */
  revise?: (replies: readonly Reply[], effects: readonly Effect[], locale: Locale) => readonly Reply[];
  /** Quick replies under the bot's opening lines (`greet`). */
  openingSuggestions?: (locale: Locale) => string[];
}

/**
 * Characters that show nothing: format characters (zero-width space and joiners, bidi marks, the
 * BOM), controls, and the blank fillers of Hangul and Braille. A message of only these is empty.
 */
const INVISIBLE = /[\s\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** A turn faster than this shows no typing indicator. */
const TYPING_AFTER_MS = 300;

export class Pipeline {
  private readonly mutex = new KeyedMutex();
  private readonly leases: AnswerLeases;
  private inFlight = 0;
  private readonly idle: Array<() => void> = [];

  /** Resolves when no turn is running (or after `timeoutMs`): a graceful shutdown finishes turns first. */
  async drain(timeoutMs = 5000): Promise<boolean> {
    if (this.inFlight === 0) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
  constructor(private readonly d: PipelineDeps) {
    this.leases = new AnswerLeases(d.store, d.answerLeaseMs, (err) =>
      d.log.warn({ err }, 'could not renew answer leases'),
    );
  }

  /** Checks a message text the way every channel must; throws AppError for the caller to answer. */
  validateText(text: unknown): string {
    if (typeof text !== 'string') throw new AppError('BAD_REQUEST', 'The field "text" must be a string.');
    const trimmed = text.trim();
    if (!trimmed.replace(INVISIBLE, '')) throw new AppError('EMPTY_MESSAGE');
    if ([...trimmed].length > this.d.maxMessageChars) {
      throw new AppError('MESSAGE_TOO_LONG', `The message text is longer than ${this.d.maxMessageChars} characters.`);
    }
    return trimmed;
  }

  /**
   * Stores a customer's message and answers it, exactly once: a redelivery of a message answered
   * before gets that answer again; one stored but left unanswered (a crash) is answered now.
   */
  async handle(msg: InboundMessage): Promise<TurnOutput> {
    const text = this.validateText(msg.text);
    const stop = this.d.metrics.turnSeconds.startTimer({ channel: msg.channel });
    const out = await this.running(() => this.mutex.run(msg.conversationId, () => this.turn(msg, text)));
    stop();
    this.d.metrics.turns.inc({ channel: msg.channel });
    return out;
  }

  /**
   * Answers the stored messages whose answer was lost: their process died (its lease ran out), or a
   * failure left them unanswered. Run at start-up and now and then (the app's sweep); returns how many.
   */
  async recover(): Promise<number> {
    const taken = await this.d.store.takeUnanswered(this.leases.owner, this.leases.leaseMs);
    for (const u of taken) {
      this.leases.hold(u.conversationId, u.seq);
      await this.running(() =>
        this.mutex.run(u.conversationId, async () => {
          try {
            const conv = await this.d.store.getConversation(u.conversationId);
            if (!conv) return;
            this.d.log.info({ conversationId: conv.id, seq: u.seq }, 'answering a message left unanswered');
            // Only the stored text is left: masked, or a sensitive step's placeholder, which the dialog asks again for.
            await this.answerOrApologise(conv, u.text, {
              seq: u.seq,
              from: 'customer',
              text: u.text,
              at: new Date().toISOString(),
            });
          } finally {
            this.leases.release(u.conversationId, u.seq);
          }
        }),
      ).catch((err: unknown) =>
        this.d.log.error({ err, conversationId: u.conversationId }, 'recovery of an unanswered message failed'),
      );
    }
    return taken.length;
  }

  /** Counts a task as in flight, for drain(). */
  private async running<T>(task: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await task();
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const wake of this.idle.splice(0)) wake();
    }
  }

  private async turn(msg: InboundMessage, text: string): Promise<TurnOutput> {
    const { store, bus } = this.d;
    const conv = await store.getConversation(msg.conversationId);
    if (!conv) throw new AppError('CONVERSATION_NOT_FOUND');

    // An answer to a sensitive step (a pre-check's ID number and name) is used for this turn only:
    // the transcript keeps a placeholder instead.
    const step = this.d.engine.sensitiveSteps.size ? await this.d.engine.waitingIn(conv.id) : null;
    const kept =
      step && this.d.engine.sensitiveSteps.has(step)
        ? (this.d.redacted?.(conv.locale) ?? '[redacted]')
        : maskText(text);
    // The message, its delivery id and its mark awaiting an answer in one transaction: nothing is
    // acknowledged that is not stored, and nothing stored goes unanswered.
    const delivery = msg.messageId ? { channel: msg.channel, messageId: msg.messageId } : undefined;
    const stored = await store.appendCustomer(conv.id, kept, {
      delivery,
      owner: this.leases.owner,
      leaseMs: this.leases.leaseMs,
    });
    if ('duplicateOf' in stored) return this.redelivered(conv, stored.duplicateOf, text, msg);
    this.leases.hold(conv.id, stored.message.seq);
    await bus
      .publish(conv.id, { type: 'message', message: stored.message })
      .catch((err: unknown) => this.d.log.warn({ err }, 'publish failed'));
    return this.answerHeld(conv, stored.message, text);
  }

  /** A message the channel delivered before: its answer, or the answer now if it never got one. */
  private async redelivered(
    conv: Conversation,
    seq: number | null,
    text: string,
    msg: InboundMessage,
  ): Promise<TurnOutput> {
    this.d.log.info({ channel: msg.channel, messageId: msg.messageId }, 'redelivery');
    if (seq === null) return { customer: null, replies: [], effects: [], duplicate: true };
    const answered = await this.d.store.answerOf(conv.id, seq);
    if (answered) return { customer: null, replies: answered, effects: [], duplicate: true };
    // Stored, never answered: its process died, or another instance is answering it right now.
    const [taken] = await this.d.store.takeUnanswered(this.leases.owner, this.leases.leaseMs, {
      conversationId: conv.id,
      seq,
    });
    if (!taken) return { customer: null, replies: [], effects: [], duplicate: true, pending: true };
    this.leases.hold(conv.id, seq);
    const out = await this.answerHeld(
      conv,
      { seq, from: 'customer', text: taken.text, at: new Date().toISOString() },
      text,
    );
    return { ...out, duplicate: true };
  }

  /** Answers a message this process holds the lease on, and lets the lease go. */
  private async answerHeld(conv: Conversation, customer: StoredMessage, text: string): Promise<TurnOutput> {
    try {
      return await this.answerOrApologise(conv, text, customer);
    } finally {
      this.leases.release(conv.id, customer.seq);
    }
  }

  private async answerOrApologise(conv: Conversation, text: string, customer: StoredMessage): Promise<TurnOutput> {
    const { bus } = this.d;
    try {
      return await this.answer(conv, text, customer);
    } catch (err) {
      // The customer gets a clear reply instead of silence; stored as the answer, or, if even that
      // fails, the message stays marked and is answered once its lease runs out (recover).
      this.d.log.error({ err, conversationId: conv.id }, 'turn failed after the message was stored');
      const sorry = {
        text: this.d.failed?.(conv.locale) ?? 'Sorry, something went wrong. Please send your message again.',
      };
      let replies: StoredMessage[];
      try {
        replies = (await this.commit(conv.id, customer.seq, [sorry])) ?? [];
      } catch {
        replies = [{ seq: customer.seq, from: 'bot', text: sorry.text, at: new Date().toISOString() }]; // could not even store it
      }
      // The apology above is the turn's answer; a lost turn_end only leaves a client's typing dots up until its next event.
      await bus
        .publish(conv.id, { type: 'turn_end', seq: replies.at(-1)?.seq ?? customer.seq })
        .catch((e: unknown) => this.d.log.warn({ err: e, conversationId: conv.id }, 'turn_end not published'));
      return { customer, replies, effects: [], locale: conv.locale };
    }
  }

  private async answer(
    conv: { id: string; locale: Locale },
    text: string,
    customer: StoredMessage,
  ): Promise<TurnOutput> {
    const { store, bus } = this.d;
    const conversationId = conv.id;

    const nlu = this.d.nlu.parse(text);
    // A message in pinyin is Chinese, whatever its letters look like.
    const locale = nlu.pinyin ? 'zh-CN' : detectLocale(text, conv.locale, (word) => syllablesOf(word) !== undefined);
    if (locale !== conv.locale) {
      await store.setLocale(conversationId, locale);
      await bus.publish(conversationId, { type: 'locale', locale });
    }
    const intercepted = await this.d.intercept?.(conversationId, text, locale);
    if (intercepted) {
      const replies = (await this.commit(conversationId, customer.seq, intercepted)) ?? [];
      await bus.publish(conversationId, { type: 'turn_end', seq: replies.at(-1)?.seq ?? customer.seq });
      return { customer, replies, effects: [], locale };
    }
    // "The bot is typing" only when a turn is slow enough to notice (an order platform look-up, say).
    // The typing notice is a courtesy: a lost one changes nothing the customer reads.
    const typing = setTimeout(
      () => void bus.publish(conversationId, { type: 'typing', from: 'bot' }).catch(() => undefined),
      TYPING_AFTER_MS,
    );
    try {
      return await this.botTurn(conversationId, nlu, locale, customer);
    } finally {
      clearTimeout(typing);
    }
  }

  private async botTurn(
    conversationId: string,
    nlu: NluResult,
    locale: Locale,
    customer: StoredMessage,
  ): Promise<TurnOutput> {
    const { bus } = this.d;
    const text = nlu.text;
    this.d.metrics.intents.inc({ intent: nlu.intent.name });
    const now = this.d.now?.() ?? new Date();

    const result = await this.d.engine.turn(
      conversationId,
      {
        text,
        locale,
        intent: nlu.intent,
        onTopic: nlu.onTopic,
        elsewhere: nlu.elsewhere,
        entities: nlu.entities,
        now,
      },
      { deferState: true },
    );

    const replies = await this.commit(
      conversationId,
      customer.seq,
      this.d.revise?.(result.replies, result.effects, locale) ?? result.replies,
      result.state,
    );
    if (!replies) return { customer, replies: [], effects: [], locale };
    this.d.engine.stateSaved(result.state ?? {});
    // Effects (a handoff, notices) after the answer: a crash between the two loses the effect, never answers twice.
    for (const effect of result.effects) {
      const added = await this.d.onEffect?.(conversationId, effect, locale);
      if (added) replies.push(...added);
    }
    const last = replies.at(-1)?.seq ?? customer.seq;
    await bus.publish(conversationId, { type: 'turn_end', seq: last });
    this.d.log.debug(
      { conversationId, intent: nlu.intent.name, decided: result.trace, replies: replies.length },
      'turn',
    );
    return { customer, replies, effects: result.effects, locale, trace: result.trace };
  }

  /**
   * The bot speaks first in a conversation nobody has written in yet (the web chat, on open): the
   * dialog's own opening turn, so its state moves on and a first "你好" is not greeted twice.
   */
  async greet(conversationId: string): Promise<StoredMessage[]> {
    return this.mutex.run(conversationId, async () => {
      const conv = await this.d.store.getConversation(conversationId);
      if (!conv || conv.lastSeq > 0) return [];
      const result = await this.d.engine.turn(conversationId, {
        text: '',
        locale: conv.locale,
        intent: { name: 'greet', confidence: 1 },
        entities: [],
        now: this.d.now?.() ?? new Date(),
      });
      const suggestions = this.d.openingSuggestions?.(conv.locale);
      const opening = result.replies.map((r, i) =>
        i === result.replies.length - 1 && suggestions?.length && !r.suggestions ? { ...r, suggestions } : r,
      );
      const replies: StoredMessage[] = [];
      for (const r of opening) {
        const m = await this.d.store.appendMessage(conversationId, {
          from: 'bot',
          text: maskText(r.text),
          suggestions: r.suggestions,
        });
        await this.d.bus.publish(conversationId, { type: 'message', message: m });
        replies.push(m);
      }
      if (replies.length) await this.d.bus.publish(conversationId, { type: 'turn_end', seq: replies.at(-1)!.seq });
      return replies;
    });
  }

  /**
   * Stores the replies as the answer to customer message `seq` (with the dialog state the turn ended
   * in, in one transaction), then publishes them. Null when another process got there first (it took
   * the message over from a lease this one let run out): nothing is stored or sent.
   */
  private async commit(
    conversationId: string,
    seq: number,
    replies: readonly Reply[],
    state?: Record<string, string>,
  ): Promise<StoredMessage[] | null> {
    // Dialogs only use masked data; masking again is the last line of defence.
    const msgs = replies.map((r) => ({ from: 'bot' as const, text: maskText(r.text), suggestions: r.suggestions }));
    const stored = await this.d.store.answer(conversationId, seq, msgs, state);
    if (!stored) {
      this.d.log.warn({ conversationId, seq }, 'message answered by another process meanwhile; this answer dropped');
      return null;
    }
    for (const m of stored) await this.d.bus.publish(conversationId, { type: 'message', message: m });
    return stored;
  }
}
