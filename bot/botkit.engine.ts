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
  BotAdapter,
  TurnContext,
  ActivityTypes,
  type Activity,
  type BotState,
  type ConversationReference,
  type ResourceResponse,
  type Storage,
  type StoreItems,
} from 'botbuilder';
import type {
  DialogDeps,
  DialogSpec,
  DialogVars,
  Effect,
  Reply,
  StepOutcome,
  TurnInput,
  TurnTrace,
} from './core/dialog.js';
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

interface Cached {
  json: string;
  thread: string | null;
}

/** Botbuilder Storage over our Store: Botkit's dialog state lands in the same database as everything else. */
class StoreStorage implements Storage {
  /**
   * With one process owning the store (SQLite), the last written state of recent conversations is
   * kept here as JSON (and the step it waits in): reads skip the database. Several instances
   * (PostgreSQL) must not cache: a conversation's next turn may run elsewhere.
   */
  private readonly cache: LRUCache<string, Cached> | null;
  /**
   * Without the cache: the state `thread()` just read for the pipeline, handed to the turn's own read
   * that follows, so a turn reads its state from the database once. Kept for a moment only.
   */
  private readonly justRead = new LRUCache<string, StoreItems>({ max: 1000, ttl: JUST_READ_MS });
  /** Keys of turns run with `deferState`, and what Botkit asked to write for them (JSON): held back for the caller. */
  private readonly deferred = new Map<string, Record<string, Cached>>();
  /** Released deferred entries awaiting `saved` (their step, for the cache). */
  private readonly released = new Map<string, Cached>();

  constructor(
    private readonly store: Store,
    cache: boolean,
  ) {
    this.cache = cache ? new LRUCache<string, Cached>({ max: 10_000 }) : null;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const out: StoreItems = {};
    for (const k of keys) {
      const one = await this.readOne(k);
      if (one.json) out[k] = one.value;
    }
    return out;
  }

  /** One state and its JSON as stored ('' when there is none): the JSON is the state's change mark (see leanBotState). */
  async readOne(key: string): Promise<{ value: Record<string, unknown>; json: string }> {
    const hit = this.cache?.get(key);
    if (hit) return { value: JSON.parse(hit.json) as Record<string, unknown>, json: hit.json };
    let items = this.cache ? undefined : this.justRead.get(key);
    if (items) this.justRead.delete(key);
    else items = (await this.store.readState([key])) as StoreItems;
    const value = items[key] as Record<string, unknown> | undefined;
    if (value === undefined) return { value: {}, json: '' };
    const json = JSON.stringify(value);
    this.cache?.set(key, { json, thread: threadOf(value) });
    return { value, json };
  }

  /** The step a conversation state waits in, without parsing the whole state when it is cached. */
  async thread(key: string): Promise<string | null> {
    const hit = this.cache?.get(key);
    if (hit) return hit.thread;
    const items = (await this.store.readState([key])) as StoreItems;
    if (!this.cache)
      this.justRead.set(key, items); // bounded and short-lived: a turn a person answers never reads it back
    else if (items[key] !== undefined)
      this.cache.set(key, { json: JSON.stringify(items[key]), thread: threadOf(items[key]) });
    return threadOf(items[key]);
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [k, v] of Object.entries(changes))
      await this.writeJson(k, v as Record<string, unknown>, JSON.stringify(v));
  }

  /** Writes a state whose JSON the caller made already (botbuilder only writes a state that changed). */
  async writeJson(key: string, value: Record<string, unknown>, json: string): Promise<void> {
    this.justRead.delete(key);
    const held = this.deferred.get(key);
    if (held) {
      held[key] = { json, thread: threadOf(value) };
      return;
    }
    await this.store.writeState({ [key]: value });
    this.cache?.set(key, { json, thread: threadOf(value) }); // only once the database has it
  }

  /** Holds back what Botkit writes for `key` until `release`. */
  defer(key: string): void {
    this.deferred.set(key, {});
  }

  /** What was held back for `key`, as JSON text per entry. */
  release(key: string): Record<string, string> {
    const held = this.deferred.get(key) ?? {};
    this.deferred.delete(key);
    const out: Record<string, string> = {};
    for (const [k, c] of Object.entries(held)) {
      out[k] = c.json;
      this.released.set(k, c);
    }
    return out;
  }

  /** Released entries that are now in the database, for the cache. */
  saved(entries: Record<string, string>): void {
    for (const k of Object.keys(entries)) {
      const c = this.released.get(k);
      this.released.delete(k);
      if (c && c.json === entries[k]) this.cache?.set(k, c);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const k of keys) {
      this.cache?.delete(k);
      this.justRead.delete(k);
    }
    await this.store.deleteState(keys);
  }
}

/** What BotState keeps in a turn's state: the conversation state and its change mark. */
interface TurnStateCache {
  state: Record<string, unknown>;
  hash: string;
}
/** The members of BotState that leanBotState replaces or uses (`stateKey` is private in botbuilder's types). */
interface BotStateInternals {
  stateKey: symbol;
  storageKey: (context: TurnContext) => string | Promise<string>;
  load: BotState['load'];
  saveChanges: BotState['saveChanges'];
}

/**
 * botbuilder's BotState marks a state's changes by hashing it three times a turn (on load, before
 * and after saving: a JSON.stringify with a replacer call per value, then SHA-256), and our storage
 * then serialised it once more. Here the state's plain JSON is its own mark: made once when read
 * (the cached JSON, when there is one) and once when saved, and the saved JSON is what is stored.
 * Same behaviour: a state is written only when its JSON changed.
 */
function leanBotState(botState: BotState, storage: StoreStorage): void {
  const s = botState as unknown as BotStateInternals;
  const EMPTY = JSON.stringify({ eTag: '*' });
  s.load = async (context: TurnContext, force = false) => {
    const cached = context.turnState.get(s.stateKey) as TurnStateCache | undefined;
    if (!force && cached?.state) return cached.state;
    const { value, json } = await storage.readOne(await s.storageKey(context));
    context.turnState.set(s.stateKey, { state: value, hash: json || EMPTY } satisfies TurnStateCache);
    return value;
  };
  s.saveChanges = async (context: TurnContext, force = false) => {
    let cached = context.turnState.get(s.stateKey) as TurnStateCache | undefined;
    if (!cached && !force) return;
    cached ??= { state: {}, hash: '' };
    cached.state.eTag = '*';
    const json = JSON.stringify(cached.state);
    if (!force && json === cached.hash) return;
    await storage.writeJson(await s.storageKey(context), cached.state, json);
    cached.hash = json;
    context.turnState.set(s.stateKey, cached);
  };
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
  async continueConversation(
    _ref: Partial<ConversationReference>,
    _logic: (c: TurnContext) => Promise<void>,
  ): Promise<void> {
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
    leanBotState((this.controller as unknown as { conversationState: BotState }).conversationState, this.storage);

    const apply = async (outcome: StepOutcome, bot: BotWorker, message: BotkitMessage) => {
      for (const r of outcome.replies) {
        await bot.say({ text: r.text, channelData: r.suggestions ? { suggestions: r.suggestions } : {} });
      }
      (message.context.turnState.get(EFFECTS) as Effect[]).push(...(outcome.effects ?? []));
      if (outcome.trace) message.context.turnState.set(TRACE, outcome.trace);
    };

    const convo = new BotkitConversation(DIALOG_ID, this.controller);
    for (const step of spec.stepNames) {
      convo.addQuestion(
        { text: [''] },
        async (_answer, dialog, bot, message) => {
          const vars = (dialog.vars[VARS_KEY] ?? {}) as DialogVars;
          const outcome = await spec.run(step, message[INPUT_KEY] as TurnInput, vars, deps);
          await apply(outcome, bot, message);
          dialog.setVar(VARS_KEY, outcome.vars);
          await dialog.gotoThread(outcome.next);
        },
        null,
        step,
      );
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

  stateSaved(state: Record<string, string>): void {
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
