/**
 * The web chat's WebSocket `/ws/chat`, frames as ../shared/API.md describes them. Events reach the
 * socket through the bus, so an agent's reply or a proactive notice arrives the same way a bot
 * reply does; `after=<seq>` replays what a reconnecting client missed.
 */
import type { FastifyInstance } from 'fastify';
import type WebSocket from 'ws';
import type { Conversations } from '../../bot/conversations.js';
import { AppError, isAppError } from '../../bot/errors.js';
import { isLocale, type Locale } from '../../bot/locale.js';
import type { Metrics } from '../../bot/metrics.js';
import type { Pipeline } from '../../bot/pipeline.js';
import type { Bus, ConversationEvent } from '../../bot/core/ports/bus.js';
import type { Store, StoredMessage } from '../../bot/core/ports/store.js';
import { clientId, parseAfter } from './rest.channel.js';

export interface WsChannelDeps {
  conversations: Conversations;
  pipeline: Pipeline;
  store: Store;
  bus: Bus;
  metrics: Metrics;
  /** Messages allowed per conversation socket (rate-limiter-flexible); absent: unlimited. */
  messageLimiter?: { consume(key: string): Promise<unknown> };
}

const PARAMS = ['token', 'conversationId', 'after', 'locale', 'greet'] as const;
type Query = Partial<Record<(typeof PARAMS)[number], string>>;

/** The query, each parameter at most once: twice (an array) is a clear 400, not a guess at which one was meant. */
function readQuery(raw: Record<string, string | string[] | undefined>): Query {
  const q: Query = {};
  for (const name of PARAMS) {
    const v = raw[name];
    if (Array.isArray(v)) throw new AppError('BAD_REQUEST', `The query parameter "${name}" was given more than once.`);
    if (v !== undefined) q[name] = v;
  }
  return q;
}

function messageFrame(m: StoredMessage) {
  const f: Record<string, unknown> = { type: 'message', from: m.from, text: m.text, seq: m.seq, at: m.at };
  if (m.suggestions) f.suggestions = m.suggestions;
  if (m.author) f.author = m.author;
  return f;
}

export function eventFrame(e: ConversationEvent): Record<string, unknown> {
  switch (e.type) {
    case 'message':
      return messageFrame(e.message);
    case 'turn_end':
      return { type: 'turn_end', seq: e.seq };
    case 'typing':
      return { type: 'typing', from: e.from };
    case 'queue':
      return { type: 'queue', position: e.position, etaSeconds: e.etaSeconds };
    case 'locale':
      return { type: 'locale', locale: e.locale };
    case 'agents':
      return {
        type: 'agents',
        change: e.change,
        ...(e.conversationId ? { conversationId: e.conversationId } : {}),
        ...(e.message ? { message: e.message } : {}),
      };
  }
}

/**
 * Sends a frame. The frames of one turn (the customer's echo, the replies, turn_end) leave in one
 * TCP write: the socket is corked at the first frame and uncorked once the current I/O phase is over.
 */
const corked = new WeakSet<WebSocket>();
const send = (socket: WebSocket, frame: unknown) => {
  if (socket.readyState !== socket.OPEN) return;
  const raw = (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
  if (raw && !corked.has(socket)) {
    corked.add(socket);
    raw.cork();
    setImmediate(() => {
      corked.delete(socket);
      raw.uncork();
    });
  }
  socket.send(JSON.stringify(frame));
};
const sendError = (socket: WebSocket, e: AppError) => send(socket, { type: 'error', code: e.code, message: e.message });

export async function wsChannel(app: FastifyInstance, deps: WsChannelDeps): Promise<void> {
  app.get<{ Querystring: Record<string, string | string[] | undefined> }>(
    '/ws/chat',
    { websocket: true },
    async (socket, req) => {
      let conversationId: string;
      let locale: Locale;
      let greet = false;
      let q: Query;
      let after: number;
      // Frames that arrive while we authenticate and replay are handled once we are ready.
      const early: Buffer[] = [];
      const onEarly = (data: Buffer) => early.push(data);
      socket.on('message', onEarly);
      try {
        q = readQuery(req.query);
        after = parseAfter(q.after);
        if (q.token && q.conversationId) {
          ({ id: conversationId, locale } = await deps.conversations.authorise(q.conversationId, q.token));
        } else if (q.token || q.conversationId) {
          throw new AppError(
            'UNAUTHORIZED',
            'Send both token and conversationId, or neither to start a new conversation.',
          );
        } else {
          locale = isLocale(q.locale) ? q.locale : 'zh-CN';
          const { conversation, token } = await deps.conversations.open({ channel: 'web', locale });
          conversationId = conversation.id;
          send(socket, { type: 'session', conversationId, token });
          // The page asks to be greeted: the bot speaks first instead of showing an empty chat.
          greet = q.greet === '1';
        }
      } catch (e) {
        const err = isAppError(e) ? e : new AppError('INTERNAL');
        sendError(socket, err);
        socket.close(err.status === 404 ? 4404 : err.status === 401 ? 4401 : 4400, err.code);
        return;
      }

      deps.metrics.wsConnections.inc();
      let lastSeq = after;
      let replaying = true;
      const buffered: ConversationEvent[] = [];
      const deliver = (e: ConversationEvent) => {
        if (e.type === 'message') {
          if (e.message.seq <= lastSeq) return;
          lastSeq = e.message.seq;
        }
        send(socket, eventFrame(e));
      };
      const unsubscribe = deps.bus.subscribe(conversationId, (e) => (replaying ? buffered.push(e) : deliver(e)));
      socket.on('close', () => {
        unsubscribe();
        deps.metrics.wsConnections.dec();
      });
      await deps.bus.whenSubscribed?.(conversationId);

      if (after > 0 || q.after !== undefined) {
        for (const m of await deps.store.listMessages(conversationId, after)) deliver({ type: 'message', message: m });
      }
      replaying = false;
      for (const e of buffered.splice(0)) deliver(e);
      // The page's own words (placeholder, buttons) follow the conversation's language.
      send(socket, { type: 'locale', locale });
      if (greet)
        await deps.pipeline
          .greet(conversationId)
          .catch((err: unknown) => req.log.error({ err, conversationId }, 'greeting failed'));

      let lastTyping = 0;
      const onFrame = async (data: Buffer) => {
        let frame: unknown;
        try {
          frame = JSON.parse(data.toString('utf8'));
        } catch {
          return sendError(socket, new AppError('INVALID_JSON', 'Frames must be JSON objects.'));
        }
        const f = frame as { type?: unknown; text?: unknown; locale?: unknown } | null;
        if (f && typeof f === 'object' && f.type === 'locale') {
          // The customer picked a language: the bot answers in it until they write in another.
          if (!isLocale(f.locale))
            return sendError(socket, new AppError('BAD_REQUEST', 'locale must be "zh-CN" or "en".'));
          await deps.store.setLocale(conversationId, f.locale);
          return deps.bus.publish(conversationId, { type: 'locale', locale: f.locale });
        }
        if (f && typeof f === 'object' && f.type === 'typing') {
          // At most one typing notice every 2 s per socket reaches the agent.
          const now = Date.now();
          if (now - lastTyping >= 2000) {
            lastTyping = now;
            await deps.bus.publish(conversationId, { type: 'typing', from: 'customer' });
          }
          return;
        }
        if (!f || typeof f !== 'object' || f.type !== 'message') {
          return sendError(socket, new AppError('BAD_REQUEST', 'Send {"type":"message","text":"…"}.'));
        }
        // A socket may send only so many messages: a flood gets an error frame, not a turn.
        if (deps.messageLimiter) {
          try {
            await deps.messageLimiter.consume(conversationId);
          } catch (e) {
            // rate-limiter-flexible rejects with its result object when the points are spent, and with an
            // Error when its store fails: a broken limiter is logged and lets the message through.
            if (!(e instanceof Error))
              return sendError(
                socket,
                new AppError('RATE_LIMITED', 'Too many messages; wait a few seconds before sending more.'),
              );
            req.log.error({ err: e, conversationId }, 'message rate limiter failed; message let through');
          }
        }
        try {
          const id = clientId((f as { id?: unknown }).id);
          await deps.pipeline.handle({
            channel: 'web',
            conversationId,
            text: f.text as string,
            ...(id ? { messageId: `${conversationId}:${id}` } : {}),
          });
        } catch (e) {
          if (isAppError(e)) return sendError(socket, e);
          req.log.error({ err: e, conversationId }, 'turn failed');
          sendError(socket, new AppError('INTERNAL'));
        }
      };
      socket.off('message', onEarly);
      socket.on('message', (data: Buffer) => void onFrame(data));
      for (const data of early.splice(0)) void onFrame(data);
    },
  );
}
