/**
 * The turn pipeline: channel → normalised inbound message → dedupe, PII masking, NLU, dialog →
 * persisted and published replies → channel. Every channel goes through here; nothing else
 * writes a customer's conversation.
 */
import type { Logger } from 'pino';
import type { DialogEngine } from './botkit.engine.js';
import type { Effect, Reply } from '../dialogs/dialog.js';
import { AppError } from './errors.js';
import { KeyedMutex } from './keyed-mutex.js';
import { detectLocale, type Locale } from './locale.js';
import type { LanguageUnderstanding } from './nlu/types.js';
import type { Metrics } from './metrics.js';
import { maskText } from './pii.js';
import type { Bus } from './ports/bus.js';
import type { Store, StoredMessage } from './ports/store.js';

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
  /** The customer's message as stored (masked), then the bot's replies. Empty for a dropped duplicate. */
  customer: StoredMessage | null;
  replies: StoredMessage[];
  effects: Effect[];
  /** The language the customer was answered in (absent for a dropped duplicate). */
  locale?: Locale;
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
  private inFlight = 0;
  private readonly idle: Array<() => void> = [];

  /** Resolves when no turn is running (or after `timeoutMs`): a graceful shutdown finishes turns first. */
  async drain(timeoutMs = 5000): Promise<boolean> {
    if (this.inFlight === 0) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idle.push(() => { clearTimeout(timer); resolve(true); });
    });
  }
  constructor(private readonly d: PipelineDeps) {}

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

  async handle(msg: InboundMessage): Promise<TurnOutput> {
    const text = this.validateText(msg.text);
    if (msg.messageId && !(await this.d.store.claimInbound(msg.channel, msg.messageId))) {
      this.d.log.info({ channel: msg.channel, messageId: msg.messageId }, 'duplicate delivery dropped');
      return { customer: null, replies: [], effects: [] };
    }
    const stop = this.d.metrics.turnSeconds.startTimer({ channel: msg.channel });
    this.inFlight++;
    let out: TurnOutput;
    const progress = { stored: false };
    try {
      out = await this.mutex.run(msg.conversationId, () => this.turn(msg.conversationId, text, progress));
    } catch (e) {
      // Nothing of this message was kept: give the delivery id back, so the channel's retry is clean.
      if (msg.messageId && !progress.stored) await this.d.store.releaseInbound?.(msg.channel, msg.messageId).catch(() => undefined);
      throw e;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const wake of this.idle.splice(0)) wake();
    }
    stop();
    this.d.metrics.turns.inc({ channel: msg.channel });
    return out;
  }

  private async turn(conversationId: string, text: string, progress: { stored: boolean }): Promise<TurnOutput> {
    const { store, bus } = this.d;
    const conv = await store.getConversation(conversationId);
    if (!conv) throw new AppError('CONVERSATION_NOT_FOUND');

    // An answer to a sensitive step (a pre-check's ID number and name) is used for this turn only:
    // the transcript keeps a placeholder instead.
    const step = this.d.engine.sensitiveSteps.size ? await this.d.engine.waitingIn(conversationId) : null;
    const kept = step && this.d.engine.sensitiveSteps.has(step) ? (this.d.redacted?.(conv.locale) ?? '[redacted]') : maskText(text);
    const customer = await store.appendMessage(conversationId, { from: 'customer', text: kept });
    progress.stored = true;
    await bus.publish(conversationId, { type: 'message', message: customer }).catch((err: unknown) => this.d.log.warn({ err }, 'publish failed'));
    try {
      return await this.answer(conv, text, customer);
    } catch (err) {
      // The customer's message is kept; they get a clear reply instead of silence, and it is answered once.
      this.d.log.error({ err, conversationId }, 'turn failed after the message was stored');
      const sorry = { text: this.d.failed?.(conv.locale) ?? 'Sorry, something went wrong. Please send your message again.' };
      let replies: StoredMessage[] = [];
      try {
        replies = await this.send(conversationId, [sorry]);
      } catch {
        replies = [{ seq: customer.seq, from: 'bot', text: sorry.text, at: new Date().toISOString() }]; // could not even store it
      }
      await bus.publish(conversationId, { type: 'turn_end', seq: replies.at(-1)!.seq }).catch(() => undefined);
      return { customer, replies, effects: [], locale: conv.locale };
    }
  }

  private async answer(conv: { id: string; locale: Locale }, text: string, customer: StoredMessage): Promise<TurnOutput> {
    const { store, bus } = this.d;
    const conversationId = conv.id;

    const locale = detectLocale(text, conv.locale);
    if (locale !== conv.locale) await store.setLocale(conversationId, locale);
    const intercepted = await this.d.intercept?.(conversationId, text, locale);
    if (intercepted) {
      const replies = await this.send(conversationId, intercepted);
      await bus.publish(conversationId, { type: 'turn_end', seq: replies.at(-1)?.seq ?? customer.seq });
      return { customer, replies, effects: [], locale };
    }
    // "The bot is typing" only when a turn is slow enough to notice (an order platform look-up, say).
    const typing = setTimeout(() => void bus.publish(conversationId, { type: 'typing', from: 'bot' }).catch(() => undefined), TYPING_AFTER_MS);
    try {
      return await this.botTurn(conversationId, text, locale, customer);
    } finally {
      clearTimeout(typing);
    }
  }

  private async botTurn(conversationId: string, text: string, locale: Locale, customer: StoredMessage): Promise<TurnOutput> {
    const { bus } = this.d;
    const nlu = this.d.nlu.parse(text);
    this.d.metrics.intents.inc({ intent: nlu.intent.name });
    const now = this.d.now?.() ?? new Date();

    const result = await this.d.engine.turn(conversationId, {
      text, locale, intent: nlu.intent, onTopic: nlu.onTopic, elsewhere: nlu.elsewhere, entities: nlu.entities, now,
    });

    const replies = await this.send(conversationId, result.replies);
    for (const effect of result.effects) {
      const added = await this.d.onEffect?.(conversationId, effect, locale);
      if (added) replies.push(...added);
    }
    const last = replies.at(-1)?.seq ?? customer.seq;
    await bus.publish(conversationId, { type: 'turn_end', seq: last });
    this.d.log.debug({ conversationId, intent: nlu.intent.name, replies: replies.length }, 'turn');
    return { customer, replies, effects: result.effects, locale };
  }

  /** Persists the bot's replies, then publishes them. */
  private async send(conversationId: string, replies: readonly Reply[]): Promise<StoredMessage[]> {
    if (!replies.length) return [];
    // Dialogs only use masked data; masking again is the last line of defence.
    const msgs = replies.map((r) => ({ from: 'bot' as const, text: maskText(r.text), suggestions: r.suggestions }));
    const { store } = this.d;
    const out = store.appendMessages
      ? await store.appendMessages(conversationId, msgs)
      : await msgs.reduce<Promise<StoredMessage[]>>(async (acc, m) => [...(await acc), await store.appendMessage(conversationId, m)], Promise.resolve([]));
    for (const stored of out) await this.d.bus.publish(conversationId, { type: 'message', message: stored });
    return out;
  }
}
