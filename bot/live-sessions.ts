/**
 * The agent sessions something long-lived depends on (the console's WebSocket), and the calls that
 * end it with them: at expiry (a timer), when this process ends the session (sign-out, a sign-in
 * with another role), and when another instance does (each watched session is looked up again).
 */
import type { SessionStore, StoredSession } from './core/ports/session-store.js';

/** How often a watched session is looked up again, to notice it ended on another instance. */
const RECHECK_MS = 2000;

export class LiveSessions {
  private readonly byKey = new Map<string, { session: StoredSession; ends: Set<(reason: string) => void> }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sessions: SessionStore,
    private readonly now: () => Date,
  ) {}

  /** Calls `end` once when `session` ends; returns the function that stops watching. */
  watch(session: StoredSession, end: (reason: string) => void): () => void {
    let entry = this.byKey.get(session.key);
    if (!entry) this.byKey.set(session.key, (entry = { session, ends: new Set() }));
    let done = false;
    const once = (reason: string) => {
      if (!done) {
        done = true;
        off();
        end(reason);
      }
    };
    entry.ends.add(once);
    // Expiry: the longest a timer waits is about 24.8 days; sessions last hours.
    const expiry = setTimeout(
      () => once('session expired'),
      Math.min(2 ** 31 - 1, Math.max(0, session.expiresAt.getTime() - this.now().getTime())),
    );
    const off = () => {
      clearTimeout(expiry);
      entry.ends.delete(once);
      if (!entry.ends.size) this.byKey.delete(session.key);
      if (!this.byKey.size) this.stop();
    };
    this.timer ??= setInterval(() => void this.recheck(), RECHECK_MS).unref();
    return off;
  }

  /** This process ended the session with this key. */
  end(key: string, reason: string): void {
    for (const end of [...(this.byKey.get(key)?.ends ?? [])]) end(reason);
  }

  /** This process ended every session of this agent. */
  endAgent(agentId: string, reason: string): void {
    for (const [key, { session }] of [...this.byKey]) if (session.agent.id === agentId) this.end(key, reason);
  }

  /** Sessions ended elsewhere (another instance, an administrator): gone from the store. */
  private async recheck(): Promise<void> {
    for (const key of [...this.byKey.keys()]) {
      // A store that does not answer this minute ends no session (undefined); the next recheck asks again.
      const s = await this.sessions.get(key).catch(() => undefined);
      if (s === null || (s && s.expiresAt.getTime() <= this.now().getTime())) this.end(key, 'session ended');
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
