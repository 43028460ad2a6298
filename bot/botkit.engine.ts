/**
 * The dialog engine, on Botkit. This is the only module that imports botkit or botbuilder, so
 * Botkit (no longer maintained) can be replaced by rewriting this file alone.
 *
 * How the dialogs of dialogs/ map onto Botkit: one BotkitConversation whose threads are the
 * dialog's step names; each thread is a single question whose handler runs the dialog's pure
 * step function, says its replies and goes to the thread of the next step. Botkit keeps the
 * dialog stack (thread, step, vars) in its ConversationState, which we back with our Store, so a
 * conversation resumes where it stood after a restart. Botkit's own web server stays off.
 */
import { Botkit, BotkitConversation, type BotWorker, type BotkitMessage } from 'botkit';
import {
  BotAdapter, TurnContext, ActivityTypes,
  type Activity, type ConversationReference, type ResourceResponse, type Storage, type StoreItems,
} from 'botbuilder';
import type { DialogDeps, DialogSpec, DialogVars, Effect, Reply, StepOutcome, TurnInput, TurnTrace } from './core/dialog.js';
import { LRUCache } from 'lru-cache';
import type { DialogEngine, TurnResult } from './core/ports/dialog-engine.js';
import type { Store } from './core/ports/store.js';

const DIALOG_ID = 'support';
const CHANNEL_ID = 'support';
const REPLIES = Symbol('replies');
const EFFECTS = Symbol('effects');
const TRACE = Symbol('trace');
const INPUT_KEY = 'turnInput';
const VARS_KEY = 'dialogVars';
const SENDER_ID = 'customer';
/** How long a state read for `waitingIn` may stand in for the turn's own read (no cache, PostgreSQL). */
const JUST_READ_MS = 2000;
/** The turn-state key under which botbuilder-dialogs' DialogStateManager keeps its configuration. */
const DIALOG_STATE_CONFIG = 'DialogStateManagerConfiguration';


type StoredState = { dialogState?: { dialogStack?: Array<{ id: string; state?: { thread?: unknown } }> } } | undefined;

/** The thread (step) our dialog waits in, in a stored conversation state. */
function threadOf(state: unknown): string | null {
  const thread = (state as StoredState)?.dialogState?.dialogStack?.find((d) => d.id === DIALOG_ID)?.state?.thread;
  return typeof thread === 'string' ? thread : null;
}

interface Cached { json: string; thread: string | null }

/** Botbuilder Storage over our Store: Botkit's dialog state lands in the same database as everything else. */
class StoreStorage implements Storage {
  /**
   * With one process owning the store (SQLite), the last written state of recent conversations is
   * kept here as JSON (and the step it waits in): reads skip the database, and a write of unchanged
   * state is skipped. Several instances (PostgreSQL) must not cache: a conversation's next turn may
   * run elsewhere.
   */
  private readonly cache: LRUCache<string, Cached> | null;
  /**
   * Without the cache: the state `thread()` just read for the pipeline, handed to the turn's own read
   * that follows, so a turn reads its state from the database once. Kept for a moment only.
   */
  private readonly justRead = new LRUCache<string, StoreItems>({ max: 1000, ttl: JUST_READ_MS });
  /** Keys of turns run with `deferState`, and what Botkit asked to write for them: held back for the caller. */
  private readonly deferred = new Map<string, StoreItems>();

  constructor(private readonly store: Store, cache: boolean) {
    this.cache = cache ? new LRUCache<string, Cached>({ max: 10_000 }) : null;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const cache = this.cache;
    if (!cache) {
      const handed = keys.length === 1 ? this.justRead.get(keys[0]!) : undefined;
      if (handed) {
        this.justRead.delete(keys[0]!);
        return handed;
      }
      return this.store.readState(keys) as Promise<StoreItems>;
    }
    const out: StoreItems = {};
    const missing = keys.filter((k) => {
      const hit = cache.get(k);
      if (hit !== undefined) out[k] = JSON.parse(hit.json) as unknown;
      return hit === undefined;
    });
    if (missing.length) {
      const found = await this.store.readState(missing);
      for (const [k, v] of Object.entries(found)) {
        out[k] = v;
        cache.set(k, { json: JSON.stringify(v), thread: threadOf(v) });
      }
    }
    return out;
  }

  /** The step a conversation state waits in, without parsing the whole state when it is cached. */
  async thread(key: string): Promise<string | null> {
    const hit = this.cache?.get(key);
    if (hit) return hit.thread;
    const items = await this.read([key]);
    if (!this.cache) this.justRead.set(key, items); // bounded and short-lived: a turn a person answers never reads it back
    return threadOf(items[key]);
  }

  async write(changes: StoreItems): Promise<void> {
    const cache = this.cache;
    for (const k of Object.keys(changes)) this.justRead.delete(k);
    const changed: StoreItems = {};
    for (const [k, v] of Object.entries(changes)) if (!cache || cache.get(k)?.json !== JSON.stringify(v)) changed[k] = v;
    const held = Object.keys(changed).filter((k) => this.deferred.has(k));
    for (const k of held) {
      this.deferred.set(k, { ...this.deferred.get(k), [k]: changed[k] });
      delete changed[k];
    }
    if (!Object.keys(changed).length) return;
    await this.store.writeState(changed);
    this.saved(changed); // only once the database has it
  }

  /** Holds back what Botkit writes for `key` until `release`. */
  defer(key: string): void {
    this.deferred.set(key, {});
  }

  release(key: string): StoreItems {
    const held = this.deferred.get(key) ?? {};
    this.deferred.delete(key);
    return held;
  }

  /** Entries that are now in the database, for the cache. */
  saved(entries: StoreItems): void {
    if (!this.cache) return;
    for (const [k, v] of Object.entries(entries)) this.cache.set(k, { json: JSON.stringify(v), thread: threadOf(v) });
  }

  async delete(keys: string[]): Promise<void> {
    for (const k of keys) { this.cache?.delete(k); this.justRead.delete(k); }
    await this.store.deleteState(keys);
  }
}

/** An adapter with no network: what Botkit sends during a turn is collected and returned to the caller. */
class CollectingAdapter extends BotAdapter {
  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const out = context.turnState.get(REPLIES) as Reply[];
    for (const a of activities) {
      // Question lines carry no text of their own (the step's replies were said already).
      if (a.type !== ActivityTypes.Message || !a.text) continue;
      const suggestions = (a.channelData as { suggestions?: string[] } | undefined)?.suggestions;
      out.push(suggestions?.length ? { text: a.text, suggestions } : { text: a.text });
    }
    return activities.map(() => ({ id: '' }));
  }
  async updateActivity(): Promise<void> {
    throw new Error('updating sent messages is not supported');
  }
  async deleteActivity(): Promise<void> {
    throw new Error('deleting sent messages is not supported');
  }
  async continueConversation(_ref: Partial<ConversationReference>, _logic: (c: TurnContext) => Promise<void>): Promise<void> {
    throw new Error('proactive messages go through the pipeline, not Botkit');
  }
  /**
   * botbuilder-dialogs assembles its memory scopes and path resolvers (a service collection, schema
   * checks) for every turn and keeps them in the turn's state; they hold no state of their own, so
   * the first turn's set is kept and handed to every later turn.
   */
  private dialogStateConfig: unknown;

  async run(activity: Partial<Activity>, logic: (c: TurnContext) => Promise<void>, state: TurnResult): Promise<void> {
    const context = new TurnContext(this, activity);
    context.turnState.set(REPLIES, state.replies);
    context.turnState.set(EFFECTS, state.effects);
    if (this.dialogStateConfig) context.turnState.set(DIALOG_STATE_CONFIG, this.dialogStateConfig);
    await this.runMiddleware(context, logic);
    const trace = context.turnState.get(TRACE) as TurnTrace | undefined;
    if (trace) state.trace = trace;
    this.dialogStateConfig ??= context.turnState.get(DIALOG_STATE_CONFIG);
  }
}

export class BotkitDialogEngine implements DialogEngine {
  private readonly adapter = new CollectingAdapter();
  private readonly controller: Botkit;
  private readonly storage: StoreStorage;
  readonly sensitiveSteps: ReadonlySet<string>;

  /** `cacheState`: only when this process is the store's only writer (embedded SQLite). */
  constructor(spec: DialogSpec, deps: DialogDeps, store: Store, options: { cacheState?: boolean } = {}) {
    this.sensitiveSteps = new Set(spec.sensitiveSteps ?? []);
    this.storage = new StoreStorage(store, options.cacheState ?? false);
    this.controller = new Botkit({
      adapter: this.adapter,
      storage: this.storage,
      disable_webserver: true,
      disable_console: true,
    });

    const apply = async (outcome: StepOutcome, bot: BotWorker, message: BotkitMessage) => {
      for (const r of outcome.replies) {
        await bot.say({ text: r.text, channelData: r.suggestions ? { suggestions: r.suggestions } : {} });
      }
      (message.context.turnState.get(EFFECTS) as Effect[]).push(...(outcome.effects ?? []));
      if (outcome.trace) message.context.turnState.set(TRACE, outcome.trace);
    };

    const convo = new BotkitConversation(DIALOG_ID, this.controller);
    for (const step of spec.stepNames) {
      convo.addQuestion({ text: [''] }, async (_answer, dialog, bot, message) => {
        const vars = (dialog.vars[VARS_KEY] ?? {}) as DialogVars;
        const outcome = await spec.run(step, message[INPUT_KEY] as TurnInput, vars, deps);
        await apply(outcome, bot, message);
        dialog.setVar(VARS_KEY, outcome.vars);
        await dialog.gotoThread(outcome.next);
      }, null, step);
    }
    this.controller.addDialog(convo);

    // A conversation with no active dialog: run the first step on this message, then wait in the next.
    this.controller.on('message', async (bot, message) => {
      const outcome = await spec.run(null, message[INPUT_KEY] as TurnInput, {}, deps);
      await apply(outcome, bot, message);
      await bot.beginDialog(DIALOG_ID, { thread: outcome.next, [VARS_KEY]: outcome.vars });
    });
  }

  async turn(conversationId: string, input: TurnInput, options: { deferState?: boolean } = {}): Promise<TurnResult> {
    const result: TurnResult = { replies: [], effects: [] };
    const key = stateKey(conversationId);
    if (options.deferState) this.storage.defer(key);
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      channelId: CHANNEL_ID,
      // Botkit keys its state by every conversation field plus the sender: keep both minimal and stable.
      conversation: { id: conversationId } as Activity['conversation'],
      from: { id: SENDER_ID, name: SENDER_ID },
      recipient: { id: 'bot', name: 'bot' },
      text: input.text,
      channelData: { [INPUT_KEY]: input },
    };
    try {
      await this.adapter.run(activity, (ctx) => this.controller.handleTurn(ctx), result);
    } finally {
      if (options.deferState) result.state = this.storage.release(key);
    }
    return result;
  }

  stateSaved(state: Record<string, unknown>): void {
    this.storage.saved(state);
  }

  /** The step the conversation waits in, read from its stored state; null with no dialog. */
  async waitingIn(conversationId: string): Promise<string | null> {
    return this.storage.thread(stateKey(conversationId));
  }

  async reset(conversationId: string): Promise<void> {
    await this.storage.delete([stateKey(conversationId)]);
  }
}

/** Where Botkit keeps a conversation's dialog state: it keys it by channel, conversation and sender. */
const stateKey = (conversationId: string) => `${CHANNEL_ID}/conversations/${conversationId}-${SENDER_ID}/`;
