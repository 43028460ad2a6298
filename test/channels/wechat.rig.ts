/**
 * A real Wechaty on wechaty-puppet-mock, wired to the real app (pipeline, store) through the
 * WeChat channel. Mock contacts talk to the bot; what the bot sends shows up on them.
 */
import type { EventEmitter } from 'node:events';
import path from 'node:path';
import { WechatyBuilder, types } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { MemoryBus } from '../../adapters/bus/memory.bus.js';
import { WechatChannel, type WechatAlert, type WechatChannelDeps } from '../../adapters/channels/wechat.channel.js';
import { openSqlite, type SqliteDb } from '../../adapters/storage/sqlite.db.js';
import { createLogger } from '../../bot/logger.js';
import { testApp } from '../helpers/app.js';

type MockContact = ReturnType<mock.Mocker['createContact']>;
type MockRoom = ReturnType<mock.Mocker['createRoom']>;
/** typed-emitter (the mock's event typings) is not installed, so its emitters type-check as nothing. */
function onMessage(emitter: MockContact | MockRoom, fn: (m: MockMessage) => void): void {
  (emitter as unknown as EventEmitter).on('message', fn);
}
interface MockMessage {
  id: string;
  payload: { talkerId?: string; listenerId?: string; roomId?: string; text?: string; type: types.Message };
}

export const FAST = {
  perContactIntervalMs: 1,
  overallIntervalMs: 1000,
  overallCap: 1000,
  retryBaseMs: 5,
  maxAttempts: 3,
};

export async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One WeChat world: a mocker, a puppet, a Wechaty and the bot's own account. */
export class MockWorld {
  readonly mocker = new mock.Mocker();
  readonly puppet = new PuppetMock({ mocker: this.mocker });
  // No name: wechaty's memory card then stays in memory (a name would write <name>.memory-card.json to the cwd).
  readonly wechaty = WechatyBuilder.build({ puppet: this.puppet });
  readonly bot: MockContact;
  constructor(botId?: string) {
    this.bot = this.mocker.createContact({ name: '号卡助手', ...(botId ? { id: botId } : {}) });
  }
  contact(name: string, id?: string): Customer {
    return new Customer(this, this.mocker.createContact({ name, ...(id ? { id } : {}) }));
  }
  room(members: Customer[]): MockRoom {
    return this.mocker.createRoom({ memberIdList: [this.bot.id, ...members.map((m) => m.mock.id)] });
  }
  /** Texts the bot sent into a room, as they arrive. */
  roomInbox(room: MockRoom): Array<{ text: string; at: number }> {
    const inbox: Array<{ text: string; at: number }> = [];
    onMessage(room, (m) => {
      if (m.payload.talkerId === this.bot.id) inbox.push({ text: m.payload.text ?? '', at: Date.now() });
    });
    return inbox;
  }
}

export class Customer {
  /** What the bot sent this contact 1:1, with arrival times. */
  readonly inbox: Array<{ text: string; at: number }> = [];
  lastMessageId = '';
  constructor(
    private readonly world: MockWorld,
    readonly mock: MockContact,
  ) {
    onMessage(mock, (m) => {
      if (m.payload.talkerId === world.bot.id && m.payload.listenerId === mock.id)
        this.inbox.push({ text: m.payload.text ?? '', at: Date.now() });
      if (m.payload.talkerId === mock.id) this.lastMessageId = m.id;
    });
  }
  get id(): string {
    return this.mock.id;
  }

  /** Says something 1:1 and returns the bot's answers once they stop coming. */
  async say(text: string, quietMs = 150): Promise<string[]> {
    const before = this.inbox.length;
    this.mock.say(text).to(this.world.bot);
    await until(() => this.inbox.length > before);
    await settle(() => this.inbox.length, quietMs);
    return this.inbox.slice(before).map((m) => m.text);
  }
  sayTo(room: MockRoom, text: string, mentionBot: boolean): void {
    if (mentionBot) this.mock.say(`@${this.world.bot.payload.name}\u2005${text}`, [this.world.bot]).to(room);
    else this.mock.say(text).to(room);
  }
  /** A message of another type (image, voice…), built the way the mock builds its own. */
  send(type: types.Message): void {
    const msg = this.world.mocker.MessageMock.create({
      id: `raw-${Math.random().toString(36).slice(2)}`,
      talkerId: this.mock.id,
      listenerId: this.world.bot.id,
      timestamp: Date.now(),
      type,
    });
    this.world.puppet.emit('message', { messageId: msg.id });
  }
  /** The platform delivering the last message once more. */
  redeliverLast(): void {
    this.world.puppet.emit('message', { messageId: this.lastMessageId });
  }
}

export async function settle(size: () => number, quietMs: number): Promise<void> {
  let n = size();
  for (;;) {
    await sleep(quietMs);
    if (size() === n) return;
    n = size();
  }
}

export interface Rig {
  world: MockWorld;
  channel: WechatChannel;
  built: Awaited<ReturnType<typeof testApp>>;
  bus: MemoryBus;
  db: SqliteDb;
  alerts: WechatAlert[];
  printed: string[];
  /** A new channel + Wechaty on the same database and app, as after a process restart. */
  /** `prepare` runs before the login (create the contacts the outbox will send to). */
  restart(overrides?: Partial<WechatChannelDeps>, prepare?: (world: MockWorld) => void): Promise<Rig>;
  close(): Promise<void>;
}

export async function rig(
  overrides: Partial<WechatChannelDeps> = {},
  shared?: Pick<Rig, 'built' | 'bus' | 'db'>,
  login = true,
  prepare?: (world: MockWorld) => void,
): Promise<Rig> {
  const bus = shared?.bus ?? new MemoryBus();
  const built = shared?.built ?? (await testApp({}, { bus }));
  const db = shared?.db ?? openSqlite(path.join(built.dataDir, 'wechat.sqlite'));
  const world = new MockWorld('bot-self');
  const alerts: WechatAlert[] = [];
  const printed: string[] = [];
  const channel = new WechatChannel({
    wechaty: world.wechaty,
    pipeline: built.pipeline,
    store: built.store,
    conversations: built.conversations,
    bus,
    log: createLogger('silent'),
    db,
    login: { print: (t) => printed.push(t), restartBaseMs: 10 },
    onAlert: (a) => alerts.push(a),
    ...overrides,
    throttle: { ...FAST, ...overrides.throttle },
  });
  await channel.start();
  prepare?.(world);
  if (login) {
    world.mocker.login(world.bot);
    await until(() => channel.status().state === 'logged-in');
  }
  const r: Rig = {
    world,
    channel,
    built,
    bus,
    db,
    alerts,
    printed,
    restart: async (o = {}, p) => {
      await channel.stop();
      return rig({ ...overrides, ...o }, { built, bus, db }, login, p);
    },
    close: async () => {
      await channel.stop();
      db.close();
      await built.app.close();
    },
  };
  return r;
}
