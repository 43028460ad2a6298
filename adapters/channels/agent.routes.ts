/**
 * The agent console's API (../shared/API.md, "Agents") and its live WebSocket. Who the agent is
 * comes from the session guard (bot/app/agent-sessions.ts); this module only knows the guard's shape.
 *
 *   GET  /api/agent/queue                      waiting customers and tickets, most urgent first, with a last-message preview
 *   GET  /api/agent/mine                       conversations this agent holds
 *   GET  /api/agent/agents                     agents signed in now, online or away (whom a conversation can be transferred to)
 *   POST /api/agent/me/status {status}         online | away
 *   GET  /api/agent/conversations?view=&q=     past and open handoffs, by order number or phone tail
 *   GET  /api/agent/conversations/:id          the handoff packet, transcript and the customer's earlier handoffs
 *   GET  /api/agent/reasons                    failure reasons' titles in both languages
 *   GET  /api/agent/conversations/:id/canned   canned replies filled with the order's details
 *   POST /api/agent/conversations/:id/claim | messages {text} | notes {text} | transfer {to} | resolve | typing
 *   GET  /api/agent/stats?days=14              supervisor figures (supervisor role)
 *   GET  /api/agent/team                       every agent and the conversations they hold (supervisor role)
 *   GET  /api/agent/conversations/:id/reveal   unmasked personal data (supervisor role; audited)
 *   GET  /api/agent/audit                      who revealed what, newest first (supervisor role)
 *   WS   /ws/agent                             live: queue changes, and the conversations the console watches
 */
import path from 'node:path';
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { z } from 'zod';
import type { AgentInbox } from '../../bot/agent-inbox.js';
import type { AgentPresence } from '../../bot/agent-presence.js';
import { AGENTS_CHANNEL, type HandoffService } from '../../bot/handoff.js';
import { priorityOf } from '../../bot/handoff-priority.js';
import { AppError } from '../../bot/errors.js';
import { KNOWLEDGE_DIR, loadJsonFile, type Knowledge } from '../../bot/knowledge/loader.js';
import type { AgentIdentity } from '../../bot/core/ports/agent-auth.js';
import type { AuditLog } from '../../bot/core/ports/audit-log.js';
import type { Bus, ConversationEvent } from '../../bot/core/ports/bus.js';
import { eventFrame } from './ws.channel.js';

export interface AgentGuard {
  /** preHandler: 401 without an agent session (403 on a state-changing call without the CSRF token). */
  agent: preHandlerHookHandler;
  /** preHandler: as `agent`, and 403 unless the agent is a supervisor. */
  supervisor: preHandlerHookHandler;
  /** The signed-in agent of a request that passed a guard. */
  identity(req: FastifyRequest): AgentIdentity;
  /** Calls `end` once when the session of `req` ends (sign-out, expiry, role change); returns the function that stops watching. */
  onSessionEnd(req: FastifyRequest, end: (reason: string) => void): () => void;
}

export interface AgentRoutesDeps {
  handoff: HandoffService;
  inbox: AgentInbox;
  presence: AgentPresence;
  bus: Bus;
  knowledge: Knowledge;
  guard: AgentGuard;
  audit: AuditLog;
  /** Agents signed in now: a conversation is only transferred to one of them. */
  signedIn: () => Promise<AgentIdentity[]>;
  /** The WeChat channel's status, when it is configured. */
  wechatStatus?: () => unknown;
  maxMessageChars: number;
  cannedFile?: string;
}

const Canned = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  text: z.string().min(1),
});
const CannedFile = z
  .object({
    about: z.string().optional(),
    'zh-CN': z.array(Canned),
    en: z.array(Canned),
  })
  .strict();

const Text = (max: number) =>
  z.object({ text: z.string().trim().min(1, 'empty text').max(max, `longer than ${max} characters`) });
const Transfer = z.object({
  to: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(100).optional(),
});
const Params = z.object({ id: z.string().min(1).max(100) });
const Status = z.object({ status: z.enum(['online', 'away']) });
const History = z.object({
  view: z.enum(['open', 'resolved', 'all']).default('all'),
  q: z.string().trim().max(30).optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value ?? {});
  if (!r.success)
    throw new AppError(
      'BAD_REQUEST',
      r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  return r.data;
}

export async function agentRoutes(app: FastifyInstance, deps: AgentRoutesDeps): Promise<void> {
  const { handoff, guard } = deps;
  const canned = loadJsonFile(deps.cannedFile ?? path.join(KNOWLEDGE_DIR, 'canned-replies.json'), CannedFile);
  const any = { preHandler: guard.agent };
  const id = (req: FastifyRequest) => parse(Params, req.params).id;
  /** The conversation's id, once the agent may read it (the same rule as a live watch). */
  const readable = async (req: FastifyRequest) => {
    const cid = id(req);
    if (!(await handoff.mayRead(cid, guard.identity(req)))) {
      throw new AppError(
        'FORBIDDEN',
        'Only the agent holding this conversation, or a supervisor, may read it; waiting ones are open to every agent.',
      );
    }
    return cid;
  };

  const { inbox, presence } = deps;
  const signedIn = async () => presence.of(await deps.signedIn());

  app.get('/api/agent/queue', any, async () => ({ waiting: await inbox.withPreviews(await handoff.queue()) }));
  app.get('/api/agent/mine', any, async (req) => ({
    conversations: await inbox.withPreviews(
      (await handoff.mine(guard.identity(req))).map((h) => ({
        conversationId: h.conversationId,
        claimedAt: h.claimedAt,
        orderNo: h.orderNo,
        failureCode: h.failureCode,
        reason: h.reason,
        priority: priorityOf(h),
      })),
    ),
  }));
  app.get('/api/agent/agents', any, async () => ({ agents: await signedIn() }));
  app.post('/api/agent/me/status', any, async (req) => {
    const { status } = parse(Status, req.body);
    await presence.set(guard.identity(req).id, status);
    await deps.bus.publish(AGENTS_CHANNEL, { type: 'agents', change: 'presence' });
    return { status };
  });
  app.get('/api/agent/conversations', any, async (req) => {
    const { view, q } = parse(History, req.query);
    return { conversations: await inbox.find(view, q) };
  });
  app.get('/api/agent/conversations/:id', any, async (req) => {
    const packet = await handoff.packet(await readable(req));
    return {
      ...packet,
      priority: packet.handoff ? priorityOf(packet.handoff) : null,
      earlier: await inbox.earlier(packet.conversationId, packet.checked.orderNo, packet.handoff?.id ?? null),
    };
  });
  // Titles of the failure codes, so no agent reads AREA_FORBIDDEN where 不发货地区 is meant.
  app.get('/api/agent/reasons', any, async () => ({
    reasons: Object.fromEntries(
      [...deps.knowledge.reasons.entries()].map(([code, r]) => [
        code,
        { 'zh-CN': r.text['zh-CN'].title, en: r.text.en.title },
      ]),
    ),
  }));

  app.get('/api/agent/conversations/:id/canned', any, async (req) => {
    // Only what the placeholders need: not the transcript and notes of the whole packet.
    const { conv, handoff: h, order } = await handoff.orderOf(await readable(req));
    const agent = guard.identity(req);
    const locale = conv.locale;
    const values: Record<string, string | undefined> = {
      agent: agent.name,
      orderNo: order?.orderNo ?? h?.orderNo ?? undefined,
      status: order ? deps.knowledge.statuses.text[locale]?.[order.status] : undefined,
      failureTitle: order?.failureCode ? deps.knowledge.reasons.get(order.failureCode)?.text[locale].title : undefined,
    };
    const replies = canned[locale].flatMap((c) => {
      let missing = false;
      const text = c.text.replace(/\{(\w+)\}/g, (_m, k: string) => values[k] ?? ((missing = true), ''));
      return missing ? [] : [{ id: c.id, title: c.title, text }];
    });
    return { replies };
  });

  app.post('/api/agent/conversations/:id/claim', any, async (req) => ({
    handoff: await handoff.claim(id(req), guard.identity(req)),
  }));
  app.post('/api/agent/conversations/:id/messages', any, async (req, reply) => {
    const { text } = parse(Text(deps.maxMessageChars), req.body);
    const message = await handoff.agentSay(id(req), guard.identity(req), text);
    return reply.code(201).send({ message });
  });
  app.post('/api/agent/conversations/:id/notes', any, async (req, reply) => {
    const { text } = parse(Text(deps.maxMessageChars), req.body);
    return reply.code(201).send({ note: await handoff.note(await readable(req), guard.identity(req), text) });
  });
  app.post('/api/agent/conversations/:id/transfer', any, async (req) => {
    const body = parse(Transfer, req.body);
    const me = guard.identity(req);
    if (body.to === me.id) throw new AppError('BAD_REQUEST', 'The conversation is already yours: pick another agent.');
    // Only to someone who is there to take it; the name shown to the customer is the one they signed in with.
    const target = (await signedIn()).find((a) => a.id === body.to);
    if (!target || target.status === 'away') throw new AppError('AGENT_UNAVAILABLE');
    return { handoff: await handoff.transfer(id(req), me, { id: target.id, name: target.name }) };
  });
  app.post('/api/agent/conversations/:id/resolve', any, async (req) => ({
    handoff: await handoff.resolve(id(req), guard.identity(req)),
  }));
  app.post('/api/agent/conversations/:id/typing', any, async (req, reply) => {
    await handoff.agentTyping(id(req), guard.identity(req));
    return reply.code(204).send();
  });

  // Unmasked personal data, for supervisors only, each access audited (and never cached by the browser).
  app.get('/api/agent/conversations/:id/reveal', { preHandler: guard.supervisor }, async (req, reply) => {
    const data = await handoff.reveal(id(req), guard.identity(req), deps.audit);
    return reply.header('cache-control', 'no-store').send(data);
  });
  // The WeChat account's state for supervisors: login state, the QR code to scan, the outbox.
  app.get('/api/agent/wechat', { preHandler: guard.supervisor }, async () => deps.wechatStatus?.() ?? { state: 'off' });
  app.get('/api/agent/audit', { preHandler: guard.supervisor }, async () => ({ entries: await deps.audit.list(200) }));
  app.get('/api/agent/team', { preHandler: guard.supervisor }, async () => ({
    agents: await inbox.team(await signedIn()),
  }));

  app.get('/api/agent/stats', { preHandler: guard.supervisor }, async (req) => {
    const days = Number((req.query as { days?: string }).days ?? 14);
    if (!Number.isInteger(days) || days < 1 || days > 90)
      throw new AppError('BAD_REQUEST', 'days must be a whole number from 1 to 90');
    return handoff.stats(days);
  });

  // Live updates for the console: the queue channel always, and each conversation it watches.
  app.get('/ws/agent', { websocket: true, preHandler: guard.agent }, (socket, req) => {
    const agent = guard.identity(req);
    const send = (frame: unknown) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    };
    const subs = new Map<string, () => void>();
    const forward = (conversationId: string) => (e: ConversationEvent) => send({ ...eventFrame(e), conversationId });
    subs.set(
      AGENTS_CHANNEL,
      deps.bus.subscribe(AGENTS_CHANNEL, (e) => send(eventFrame(e))),
    );
    socket.on('message', (data: Buffer) => {
      let f: { type?: unknown; conversationId?: unknown };
      try {
        f = JSON.parse(data.toString('utf8')) as typeof f;
      } catch {
        return send({ type: 'error', code: 'INVALID_JSON', message: 'frames are JSON' });
      }
      const cid = typeof f.conversationId === 'string' && f.conversationId.length <= 100 ? f.conversationId : null;
      if (!cid || cid === AGENTS_CHANNEL)
        return send({ type: 'error', code: 'BAD_REQUEST', message: 'conversationId is required' });
      if (f.type === 'watch' && !subs.has(cid) && subs.size < 50) {
        void handoff.mayRead(cid, agent).then((ok) => {
          if (!ok)
            return send({
              type: 'error',
              code: 'FORBIDDEN',
              message: 'not a conversation you may watch',
              conversationId: cid,
            });
          if (!subs.has(cid)) subs.set(cid, deps.bus.subscribe(cid, forward(cid)));
        });
      } else if (f.type === 'unwatch') {
        subs.get(cid)?.();
        subs.delete(cid);
      }
      // A typing notice is ephemeral: one lost is replaced by the next keystroke's.
      else if (f.type === 'typing') void handoff.agentTyping(cid, agent).catch(() => undefined);
    });
    // The socket lives no longer than the session it was opened with.
    const offSession = guard.onSessionEnd(req, (reason) => socket.close(4401, reason));
    socket.on('close', () => {
      offSession();
      for (const off of subs.values()) off();
      subs.clear();
    });
    send({ type: 'ready' });
  });
}
