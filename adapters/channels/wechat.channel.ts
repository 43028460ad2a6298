/**
 * The WeChat channel (wechaty). 1:1 chats and @-mentions in groups become InboundMessages for the
 * one pipeline; replies, agent messages and order notices leave through the throttled outbox.
 * The only module (with its tests) that imports wechaty. Off unless WECHATY_PUPPET is set.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { WechatyBuilder, types, type Message, type PuppetModuleName, type Wechaty } from 'wechaty';
import type { Config } from '../../bot/config.js';
import type { Conversations } from '../../bot/conversations.js';
import { isAppError } from '../../bot/errors.js';
import { KeyedMutex } from '../../bot/keyed-mutex.js';
import type { Locale } from '../../bot/locale.js';
import type { Pipeline } from '../../bot/pipeline.js';
import { maskText } from '../../bot/pii.js';
import type { Bus, ConversationEvent } from '../../bot/core/ports/bus.js';
import type { Store, StoredMessage } from '../../bot/core/ports/store.js';
import { openSqlite, type SqliteDb } from '../storage/sqlite.db.js';
import { WechatLogin, type LoginSettings, type WechatStatus } from './wechat.login.js';
import { WechatOutbox, type OutboxRow, type OutboxThrottle, type WechatAlert } from './wechat.outbox.js';
import { channelText, MAX_WECHAT_CHARS, pickSuggestion, renderReply, splitText } from './wechat.render.js';
import { WechatState, type WechatTarget } from './wechat.state.js';

export const CHANNEL = 'wechat';
export type { WechatAlert, WechatStatus, OutboxThrottle };

export interface WechatChannelDeps {
  wechaty: Wechaty;
  pipeline: Pipeline;
  store: Store;
  conversations: Conversations;
  bus: Bus;
  log: Logger;
  /** The channel's tables (outbox, targets, opt-ins): a SQLite database it may share. */
  db: SqliteDb;
  throttle?: Partial<OutboxThrottle>;
  login?: Partial<LoginSettings>;
  onAlert?: (alert: WechatAlert) => void;
  maxReplyChars?: number;
  /** The pipeline's limit (config.maxMessageChars), quoted when a message is too long. */
  maxMessageChars?: number;
  /** Conversations seen within this many days are followed on the bus again after a restart. */
  followDays?: number;
  /** Closed by stop() (the factory opens it). */
  ownsDb?: boolean;
}

export interface Reply {
  text: string;
  suggestions?: string[];
}
export type NotifyResult = 'sent' | 'duplicate' | 'not-opted-in' | 'unknown-conversation';

/** Message types a customer may send instead of text; others (recalls, transfers, …) are ignored. */
const NON_TEXT = new Set<types.Message>([
  types.Message.Image,
  types.Message.Audio,
  types.Message.Video,
  types.Message.Emoticon,
  types.Message.Attachment,
  types.Message.Contact,
  types.Message.ChatHistory,
  types.Message.Location,
  types.Message.MiniProgram,
  types.Message.Url,
  types.Message.Unknown,
]);

export class WechatChannel {
  readonly outbox: WechatOutbox;
  readonly state: WechatState;
  private readonly login: WechatLogin;
  private readonly mutex = new KeyedMutex();
  private readonly followed = new Map<string, () => void>();
  /** Conversations with a turn in flight: agent/system/bot messages published meanwhile wait here. */
  private readonly inTurn = new Map<string, StoredMessage[]>();
  /** The language each followed conversation was last answered in, for messages sent outside a turn. */
  private readonly locales = new Map<string, Locale>();
  private readonly onMessage = (m: Message) => {
    void this.receive(m);
  };

  constructor(private readonly d: WechatChannelDeps) {
    this.state = new WechatState(d.db);
    this.outbox = new WechatOutbox({
      db: d.db,
      send: (row) => this.send(row),
      log: d.log,
      throttle: d.throttle,
      onAlert: d.onAlert,
    });
    this.login = new WechatLogin(d.wechaty, d.log, {
      ...d.login,
      onAlert: (a) => d.onAlert?.(a),
      onLogin: () => this.outbox.start(),
      onLogout: () => this.outbox.pause(),
      status: () => this.outbox.counts(),
    });
  }

  /** Starts the puppet; the outbox sends once the bot is logged in (re-sending what a restart left). */
  async start(): Promise<void> {
    const since = new Date(Date.now() - (this.d.followDays ?? 7) * 86_400_000);
    for (const t of this.state.recent(since)) this.follow(t.conversationId, t);
    this.d.wechaty.on('message', this.onMessage);
    await this.login.start();
  }

  /** Stops the puppet; `start()` may run it again (another instance held its lease meanwhile, say). */
  async stop(): Promise<void> {
    this.d.wechaty.off('message', this.onMessage);
    for (const off of this.followed.values()) off();
    this.followed.clear();
    await this.outbox.stop();
    await this.login.stop();
  }

  /** Stops the puppet for good and closes the channel's own database, if it has one. */
  async close(): Promise<void> {
    await this.stop();
    if (this.d.ownsDb && this.d.db.open) this.d.db.close();
  }

  /** Login state and the latest QR code, for the console. */
  status(): WechatStatus {
    return this.login.status();
  }

  /** The customer's consent to proactive order notices; false when the conversation is not a WeChat one. */
  setNotifyOptIn(conversationId: string, on: boolean): boolean {
    return this.state.setOptIn(conversationId, on);
  }

  /** Tells an opted-in customer about an order change, once per conversation + order + status. */
  async notifyOrderChange(
    conversationId: string,
    replies: Reply[],
    change: { orderNo: string; status: string },
  ): Promise<NotifyResult> {
    const target = this.state.target(conversationId);
    const conv = target ? await this.d.store.getConversation(conversationId) : null;
    if (!target || !conv) return 'unknown-conversation';
    if (!this.state.optedIn(conversationId)) return 'not-opted-in';
    if (!this.state.claimNotice(conversationId, `${conversationId}|${change.orderNo}|${change.status}`))
      return 'duplicate';
    // Stored and published like any message outside a turn: the bus forwarder sends it to WeChat.
    this.locales.set(conversationId, conv.locale);
    this.follow(conversationId, target);
    for (const r of replies) {
      const stored = await this.d.store.appendMessage(conversationId, {
        from: 'bot',
        text: maskText(r.text),
        suggestions: r.suggestions,
      });
      await this.d.bus.publish(conversationId, { type: 'message', message: stored });
    }
    return 'sent';
  }

  private async receive(m: Message): Promise<void> {
    try {
      if (m.self()) return;
      const talker = m.talker();
      if (talker.type() === types.Contact.Official) return;
      const room = m.room();
      const type = m.type();
      if (room) {
        // In a group the bot only speaks when spoken to.
        if (type !== types.Message.Text || !(await m.mentionSelf())) return;
        await this.turn(m, `${room.id}/${talker.id}`, { to: room.id, mention: talker.id }, await m.mentionText());
      } else if (type === types.Message.Text) {
        await this.turn(m, talker.id, { to: talker.id, mention: null }, m.text());
      } else if (NON_TEXT.has(type)) {
        if (!(await this.d.store.claimInbound(CHANNEL, m.id))) return;
        const conv = await this.d.store.findConversationByUser(CHANNEL, talker.id);
        this.post(conv?.id ?? null, { to: talker.id, mention: null }, channelText(conv?.locale ?? 'zh-CN').nonText);
      }
    } catch (e) {
      this.d.log.error({ err: e, messageId: m.id }, 'wechat message not handled');
    }
  }

  private async turn(m: Message, userId: string, target: WechatTarget, rawText: string): Promise<void> {
    await this.mutex.run(userId, async () => {
      const conv =
        (await this.d.store.findConversationByUser(CHANNEL, userId)) ??
        (await this.d.conversations.open({ channel: CHANNEL, locale: 'zh-CN', userId })).conversation;
      this.state.touch(conv.id, target);
      this.follow(conv.id, target);
      const text = pickSuggestion(rawText, this.state.suggestions(conv.id)) ?? rawText;
      let replies: Reply[];
      let locale: Locale = conv.locale;
      // Agent/system messages published while this turn runs wait, so they follow the turn's own
      // replies in order, and those that are part of the turn's replies are not sent twice.
      this.inTurn.set(conv.id, []);
      try {
        const out = await this.d.pipeline.handle({
          channel: CHANNEL,
          conversationId: conv.id,
          userId,
          text,
          messageId: m.id,
          raw: m,
        });
        if (!out.customer) {
          // a redelivery answered before: nothing to say again, and no turn to wait for
          for (const msg of this.inTurn.get(conv.id) ?? [])
            this.post(conv.id, target, renderReply(msg.text, msg.suggestions, locale, false));
          this.inTurn.delete(conv.id);
          return;
        }
        replies = out.replies;
        locale = out.locale ?? locale;
      } catch (e) {
        if (isAppError(e) && e.code === 'EMPTY_MESSAGE') return;
        if (isAppError(e) && e.code === 'MESSAGE_TOO_LONG') {
          replies = [{ text: channelText(locale).tooLong(this.d.maxMessageChars ?? 2000) }];
        } else {
          this.d.log.error({ err: e, conversationId: conv.id }, 'wechat turn failed');
          replies = [{ text: channelText(locale).failed }];
        }
      }
      this.locales.set(conv.id, locale);
      const deferred = this.inTurn.get(conv.id) ?? [];
      this.inTurn.delete(conv.id);
      const numbered = [...replies].reverse().find((r) => r.suggestions?.length);
      this.state.setSuggestions(conv.id, numbered?.suggestions ?? []);
      for (const r of replies) this.post(conv.id, target, renderReply(r.text, r.suggestions, locale, r === numbered));
      const sent = new Set(replies.map((r) => (r as { seq?: number }).seq).filter((q) => q !== undefined));
      for (const msg of deferred)
        if (!sent.has(msg.seq)) this.post(conv.id, target, renderReply(msg.text, msg.suggestions, locale, false));
    });
  }

  /** Forwards what an agent (or the system) writes in this conversation to the customer. */
  private follow(conversationId: string, target: WechatTarget): void {
    if (this.followed.has(conversationId)) return;
    const off = this.d.bus.subscribe(conversationId, (ev: ConversationEvent) => {
      if (
        ev.type !== 'message' ||
        (ev.message.from !== 'agent' && ev.message.from !== 'system' && ev.message.from !== 'bot')
      )
        return;
      const pending = this.inTurn.get(conversationId);
      if (pending) {
        pending.push(ev.message);
        return;
      }
      // Bot messages outside a turn (the rating question after an agent resolves, order notices) too.
      try {
        const current = this.state.target(conversationId) ?? target;
        const choices = ev.message.suggestions?.length ? ev.message.suggestions : undefined;
        if (choices) this.state.setSuggestions(conversationId, choices);
        this.post(
          conversationId,
          current,
          renderReply(ev.message.text, choices, this.locales.get(conversationId) ?? 'zh-CN', Boolean(choices)),
        );
      } catch (e) {
        this.d.log.error({ err: e, conversationId }, 'wechat forward failed');
      }
    });
    this.followed.set(conversationId, off);
  }

  private post(conversationId: string | null, target: WechatTarget, text: string): void {
    for (const part of splitText(text, this.d.maxReplyChars ?? MAX_WECHAT_CHARS)) {
      this.outbox.enqueue({ to: target.to, mention: target.mention, conversationId, text: part });
    }
  }

  private async send(row: OutboxRow): Promise<() => Promise<void>> {
    const w = this.d.wechaty;
    if (!w.isLoggedIn) throw new Error('not logged in');
    if (row.mention) {
      const room = await w.Room.find({ id: row.to });
      if (!room) throw new Error(`room ${row.to} not found`);
      const who = await w.Contact.find({ id: row.mention });
      return async () => {
        await (who ? room.say(row.text, who) : room.say(row.text));
      };
    }
    const contact = await w.Contact.find({ id: row.to });
    if (!contact) throw new Error(`contact ${row.to} not found`);
    return async () => {
      await contact.say(row.text);
    };
  }
}

/**
 * The channel as config asks for it, or null (with a log line saying how to turn it on) when no
 * puppet is configured. Its tables live in DATA_DIR/wechat.sqlite, the login session in
 * DATA_DIR/wechaty.memory-card.json.
 */
export function wechatFromConfig(
  config: Readonly<Pick<Config, 'wechat' | 'dataDir' | 'maxMessageChars'>>,
  deps: Omit<WechatChannelDeps, 'wechaty' | 'db' | 'ownsDb'> & { db?: SqliteDb },
): WechatChannel | null {
  if (!config.wechat) {
    deps.log.info(
      'WeChat channel off: set WECHATY_PUPPET (e.g. wechaty-puppet-service) and WECHATY_PUPPET_SERVICE_TOKEN to turn it on',
    );
    return null;
  }
  const wechaty = WechatyBuilder.build({
    // An absolute name keeps wechaty's memory card (the login session) in DATA_DIR, not the cwd.
    name: path.join(config.dataDir, 'wechaty'),
    puppet: config.wechat.puppet as PuppetModuleName,
    puppetOptions: config.wechat.token ? { token: config.wechat.token } : {},
  });
  const db = deps.db ?? openSqlite(path.join(config.dataDir, 'wechat.sqlite'));
  deps.log.info({ puppet: config.wechat.puppet }, 'WeChat channel on');
  return new WechatChannel({ maxMessageChars: config.maxMessageChars, ...deps, wechaty, db, ownsDb: !deps.db });
}
