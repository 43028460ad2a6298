/**
 * The REST channel (Direct Line style), as ../shared/API.md describes it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Conversations } from '../../bot/conversations.js';
import { AppError } from '../../bot/errors.js';
import { isLocale, type Locale } from '../../bot/locale.js';
import type { Pipeline } from '../../bot/pipeline.js';
import type { Store, StoredMessage } from '../../bot/core/ports/store.js';

export interface RestChannelDeps {
  conversations: Conversations;
  pipeline: Pipeline;
  store: Store;
}

export function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1];
}

export function parseAfter(v: unknown): number {
  if (v === undefined || v === '') return 0;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new AppError('BAD_REQUEST', 'The "after" parameter must be a non-negative integer.');
  return n;
}

function asObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body))
    throw new AppError('BAD_REQUEST', 'The body must be a JSON object.');
  return body as Record<string, unknown>;
}

export function toWire(m: StoredMessage) {
  return {
    seq: m.seq,
    from: m.from,
    text: m.text,
    at: m.at,
    ...(m.suggestions ? { suggestions: m.suggestions } : {}),
    ...(m.author ? { author: m.author } : {}),
  };
}

export async function restChannel(app: FastifyInstance, deps: RestChannelDeps): Promise<void> {
  app.post('/api/conversations', async (req, reply) => {
    const body = asObject(req.body);
    let locale: Locale = 'zh-CN';
    if (body.locale !== undefined) {
      if (!isLocale(body.locale)) throw new AppError('BAD_REQUEST', 'The field "locale" must be "zh-CN" or "en".');
      locale = body.locale;
    }
    const { conversation, token } = await deps.conversations.open({ channel: 'rest', locale });
    return reply.code(201).send({ conversationId: conversation.id, token });
  });

  app.post<{ Params: { id: string } }>('/api/conversations/:id/messages', async (req, reply) => {
    await deps.conversations.authorise(req.params.id, bearer(req));
    const body = asObject(req.body);
    // An optional client id makes a retry safe: a message is answered once, and a retry gets that
    // answer (or 202 while it is still being worked on, after a crash, say).
    const id = clientId(body.id);
    const out = await deps.pipeline.handle({
      channel: 'rest',
      conversationId: req.params.id,
      text: body.text as string,
      ...(id ? { messageId: `${req.params.id}:${id}` } : {}),
    });
    return reply.code(out.pending ? 202 : 200).send({
      replies: out.replies.map((r) =>
        r.suggestions ? { text: r.text, suggestions: r.suggestions } : { text: r.text },
      ),
      ...(out.duplicate ? { duplicate: true } : {}),
      ...(out.pending ? { pending: true } : {}),
    });
  });

  app.get<{ Params: { id: string }; Querystring: { after?: string } }>(
    '/api/conversations/:id/messages',
    async (req) => {
      await deps.conversations.authorise(req.params.id, bearer(req));
      const after = parseAfter(req.query.after);
      const messages = await deps.store.listMessages(req.params.id, after);
      return { messages: messages.map(toWire) };
    },
  );
}

/** A client's message id: 1–100 characters of letters, digits, `-` and `_`; anything else is refused. */
export function clientId(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(v))
    throw new AppError('BAD_REQUEST', 'The field "id" must be 1-100 letters, digits, "-" or "_".');
  return v;
}
