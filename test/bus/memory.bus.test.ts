/** MemoryBus, the one-instance bus: a throwing listener is reported and stops no other. */
import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../../adapters/bus/memory.bus.js';
import type { ConversationEvent } from '../../bot/core/ports/bus.js';

describe('MemoryBus', () => {
  it('delivers to every listener of the conversation, reports the one that throws', async () => {
    const errors: Array<[string, string]> = [];
    const bus = new MemoryBus((err, conversationId) => errors.push([err.message, conversationId]));
    const got: ConversationEvent[] = [];
    bus.subscribe('c1', () => {
      throw new Error('broken socket');
    });
    bus.subscribe('c1', (e) => got.push(e));
    bus.subscribe('c2', (e) => got.push(e));
    await bus.publish('c1', { type: 'turn_end', seq: 3 });
    expect(got).toEqual([{ type: 'turn_end', seq: 3 }]);
    expect(errors).toEqual([['broken socket', 'c1']]);
  });

  it('stops delivery on unsubscribe', async () => {
    const bus = new MemoryBus();
    const got: ConversationEvent[] = [];
    const off = bus.subscribe('c1', (e) => got.push(e));
    off();
    await bus.publish('c1', { type: 'turn_end', seq: 1 });
    expect(got).toEqual([]);
  });
});
