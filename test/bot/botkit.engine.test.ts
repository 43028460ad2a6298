/**
 * The Botkit engine over a Store: where the dialog waits, and how often a turn reads its state.
 */
import { describe, expect, it } from 'vitest';
import { BotkitDialogEngine } from '../../bot/botkit.engine.js';
import type { Store } from '../../bot/core/ports/store.js';
import type { DialogSpec } from '../../bot/core/dialog.js';

/** Two steps that take turns; each reply names the step that answered. */
const spec: DialogSpec = {
  stepNames: ['a', 'b'],
  run: async (step, input, vars) => ({
    replies: [{ text: `${step ?? 'start'}:${input.text}` }],
    vars,
    next: step === 'a' ? 'b' : 'a',
  }),
};

function countingStore() {
  const states = new Map<string, string>();
  const reads: string[][] = [];
  const store: Pick<Store, 'readState' | 'writeState' | 'deleteState'> = {
    readState: async (keys) => {
      reads.push(keys);
      return Object.fromEntries(keys.filter((k) => states.has(k)).map((k) => [k, JSON.parse(states.get(k)!)]));
    },
    writeState: async (e) => {
      for (const [k, v] of Object.entries(e)) states.set(k, JSON.stringify(v));
    },
    deleteState: async (keys) => {
      for (const k of keys) states.delete(k);
    },
  };
  return { store: store as Store, reads };
}

const input = (text: string) => ({ text, locale: 'zh-CN' as const, intent: null, entities: [], now: new Date() });

describe('BotkitDialogEngine', () => {
  for (const cacheState of [false, true]) {
    it(`follows the steps and reads a turn's state at most once, waitingIn included (cacheState ${cacheState})`, async () => {
      const { store, reads } = countingStore();
      const engine = new BotkitDialogEngine(spec, {} as never, store, { cacheState });
      expect(await engine.waitingIn('c1')).toBeNull();
      expect((await engine.turn('c1', input('x'))).replies).toEqual([{ text: 'start:x' }]);
      for (const [said, step] of [
        ['y', 'a'],
        ['z', 'b'],
        ['w', 'a'],
      ] as const) {
        reads.length = 0;
        expect(await engine.waitingIn('c1')).toBe(step);
        expect((await engine.turn('c1', input(said))).replies).toEqual([{ text: `${step}:${said}` }]);
        expect(reads.length).toBeLessThanOrEqual(1);
        if (cacheState) expect(reads).toEqual([]);
      }
      // A reset forgets where it stood, also right after waitingIn read it.
      expect(await engine.waitingIn('c1')).toBe('b');
      await engine.reset('c1');
      expect((await engine.turn('c1', input('v'))).replies).toEqual([{ text: 'start:v' }]);
    });
  }
});
