/**
 * What the feature-store contracts (handoffs, sessions, watches, callbacks) are given: the store
 * under test and the conversation Store over the same database, since handoffs count its
 * conversations and watches reference them.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../../bot/core/ports/store.js';

export interface FeatureRig<T> {
  subject: T;
  /** The conversation Store of the same database (schema). */
  store: Store;
  close(): Promise<void>;
}

export async function newConversation(store: Store): Promise<string> {
  const c = await store.createConversation({
    id: randomUUID(),
    tokenHash: 'ab'.repeat(32),
    channel: 'rest',
    locale: 'zh-CN',
  });
  return c.id;
}
