/**
 * The dialog engine port: what the pipeline asks of whatever runs the dialogs of dialogs/.
 * bot/botkit.engine.ts implements it on Botkit.
 */
import type { Effect, Reply, TurnInput, TurnTrace } from '../dialog.js';

export interface TurnResult {
  replies: Reply[];
  effects: Effect[];
  trace?: TurnTrace;
  /**
   * With `deferState`: the dialog-state entries the turn ended in (JSON text), not yet stored. The
   * caller stores them together with the turn's answer (Store.answer), then tells the engine (stateSaved).
   */
  state?: Record<string, string>;
}

/** The port the pipeline talks to. */
export interface DialogEngine {
  /**
   * Runs one customer message. Calls for one conversation must not overlap (the pipeline serialises
   * them). `deferState`: hand the new dialog state back in the result instead of storing it.
   */
  turn(conversationId: string, input: TurnInput, options?: { deferState?: boolean }): Promise<TurnResult>;
  /** The caller stored the `state` of a deferred turn: the engine may now rely on it (its cache). */
  stateSaved(state: Record<string, string>): void;
  /** Forgets where a conversation's dialog stood (after a human agent hands it back, say). */
  reset(conversationId: string): Promise<void>;
  /** The step the conversation waits in (null with no dialog yet). */
  waitingIn(conversationId: string): Promise<string | null>;
  /** Steps whose answers the transcript must not keep. */
  readonly sensitiveSteps: ReadonlySet<string>;
}
