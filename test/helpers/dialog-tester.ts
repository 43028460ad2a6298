/**
 * Drives the whole bot without HTTP, turn by turn, like botbuilder's TestAdapter: the real pipeline,
 * NLU (trained once for the run, see nlu-models.ts), dialog policy, Botkit engine, SQLite store and
 * handoff queue, on the demo orders, with a clock that stands still. Each turn returns what the
 * customer would see, the effects (a handoff…) and how the dialog decided it.
 *
 *   const bot = await DialogTester.start();
 *   const chat = await bot.open();
 *   const turn = await chat.say('172202611100017');
 */
import type { BuiltApp } from '../../bot/app/app.js';
import type { Locale } from '../../bot/locale.js';
import type { Effect, Reply, TurnTrace } from '../../bot/core/dialog.js';
import { testApp } from './app.js';
import { testNlu } from './nlu-models.js';

/** 2026-11-25 10:00 in Beijing, a Wednesday inside the agents' hours: the clock of the conversation tests. */
export const TEST_NOW = new Date('2026-11-25T10:00:00+08:00');

export interface Turn {
  replies: Reply[];
  /** The replies' texts, one per line. */
  said: string;
  effects: Effect[];
  /** The language the customer was answered in. */
  locale: Locale;
  trace?: TurnTrace;
}

export class TestChat {
  constructor(
    private readonly bot: DialogTester,
    readonly conversationId: string,
  ) {}

  async say(text: string): Promise<Turn> {
    const out = await this.bot.built.pipeline.handle({ channel: 'test', conversationId: this.conversationId, text });
    const replies = out.replies.map((m) => ({
      text: m.text,
      ...(m.suggestions?.length ? { suggestions: m.suggestions } : {}),
    }));
    return {
      replies,
      said: replies.map((r) => r.text).join('\n'),
      effects: out.effects,
      locale: out.locale ?? 'zh-CN',
      trace: out.trace,
    };
  }
}

export class DialogTester {
  private constructor(readonly built: BuiltApp) {}

  /** The bot on a throwaway data folder, with the clock at `now`. */
  static async start(now: Date = TEST_NOW, env: Record<string, string> = {}): Promise<DialogTester> {
    const built = await testApp(env, { now: () => now, nlu: testNlu() });
    return new DialogTester(built);
  }

  async open(locale?: Locale): Promise<TestChat> {
    const { conversation } = await this.built.conversations.open({ channel: 'test', locale: locale ?? 'zh-CN' });
    return new TestChat(this, conversation.id);
  }

  async close(): Promise<void> {
    await this.built.app.close();
  }
}
