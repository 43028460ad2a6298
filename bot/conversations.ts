/**
 * Opening conversations and checking their bearer tokens. Tokens are random, shown once, and
 * only their SHA-256 is stored.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { AppError } from './errors.js';
import type { Locale } from './locale.js';
import type { Conversation, Store } from './core/ports/store.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class Conversations {
  constructor(private readonly store: Store) {}

  async open(opts: {
    channel: string;
    locale: Locale;
    userId?: string | null;
  }): Promise<{ conversation: Conversation; token: string }> {
    const token = randomBytes(24).toString('base64url');
    const conversation = await this.store.createConversation({
      id: randomUUID(),
      tokenHash: hashToken(token),
      channel: opts.channel,
      userId: opts.userId ?? null,
      locale: opts.locale,
    });
    return { conversation, token };
  }

  /** The conversation, if the token opens it: 404 when it does not exist, 401 when the token is wrong. */
  async authorise(conversationId: string, token: string | undefined): Promise<Conversation> {
    if (!token) throw new AppError('UNAUTHORIZED');
    const conv = await this.store.getConversation(conversationId);
    if (!conv) throw new AppError('CONVERSATION_NOT_FOUND');
    const a = Buffer.from(hashToken(token), 'hex');
    const b = Buffer.from(conv.tokenHash, 'hex');
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AppError('UNAUTHORIZED');
    return conv;
  }
}
