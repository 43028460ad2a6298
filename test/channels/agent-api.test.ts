/**
 * The agent API on the real app (dev sign-in): every /api/agent/* call needs a session, state
 * changes need the CSRF token, supervisors only for stats; and a whole handoff over HTTP: queue,
 * packet, canned replies, claim, reply, note, resolve, rating.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app/app.js';
import { RestCustomer, testApp } from '../helpers/app.js';

let built: BuiltApp;
beforeEach(async () => {
  built = await testApp({ AGENT_AUTH: 'dev', BUSINESS_HOURS: '00:00-24:00' });
});
afterEach(async () => {
  await built.app.close();
});

interface Agent {
  cookie: string;
  csrf: string;
  id: string;
}

async function signIn(name: string, role: 'agent' | 'supervisor' = 'agent'): Promise<Agent> {
  const res = await built.app.inject({ method: 'POST', url: '/auth/dev/login', payload: { name, role } });
  expect(res.statusCode).toBe(200);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const me = (await built.app.inject({ url: '/api/agent/me', headers: { cookie } })).json();
  return { cookie, csrf: me.csrfToken, id: me.id };
}

function call(a: Agent | null, method: 'GET' | 'POST', url: string, payload?: object) {
  const headers: Record<string, string> = {};
  if (a) {
    headers.cookie = a.cookie;
    headers['x-csrf-token'] = a.csrf;
  }
  return built.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}

describe('agent API', () => {
  it('answers 401 to every agent call without a session, 403 without CSRF, 403 for stats to a non-supervisor', async () => {
    const c = await new RestCustomer(built).open();
    const id = c.conversationId;
    const calls: Array<['GET' | 'POST', string]> = [
      ['GET', '/api/agent/queue'],
      ['GET', '/api/agent/mine'],
      ['GET', '/api/agent/agents'],
      ['GET', `/api/agent/conversations/${id}`],
      ['GET', `/api/agent/conversations/${id}/canned`],
      ['POST', `/api/agent/conversations/${id}/claim`],
      ['POST', `/api/agent/conversations/${id}/messages`],
      ['POST', `/api/agent/conversations/${id}/resolve`],
      ['POST', `/api/agent/conversations/${id}/transfer`],
      ['POST', `/api/agent/conversations/${id}/notes`],
      ['GET', '/api/agent/stats'],
      ['GET', '/api/agent/nonexistent'],
    ];
    for (const [method, url] of calls) {
      const res = await call(null, method, url, method === 'POST' ? { text: 'x', to: 'y' } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHORIZED');
    }
    const alice = await signIn('Alice');
    const noCsrf = await built.app.inject({
      method: 'POST',
      url: `/api/agent/conversations/${id}/claim`,
      headers: { cookie: alice.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await call(alice, 'GET', '/api/agent/stats')).statusCode).toBe(403);
    const boss = await signIn('Boss', 'supervisor');
    expect((await call(boss, 'GET', '/api/agent/stats?days=7')).statusCode).toBe(200);
  });

  it('transfers only to an agent who is signed in, under the name they signed in with', async () => {
    const c = await new RestCustomer(built).open();
    await c.say('转人工');
    const alice = await signIn('Alice');
    const bob = await signIn('Bob');
    const agents = (await call(alice, 'GET', '/api/agent/agents')).json().agents;
    expect(agents).toEqual([
      { id: alice.id, name: 'Alice', role: 'agent', status: 'online' },
      { id: bob.id, name: 'Bob', role: 'agent', status: 'online' },
    ]);
    const url = `/api/agent/conversations/${c.conversationId}/transfer`;
    expect((await call(alice, 'POST', `/api/agent/conversations/${c.conversationId}/claim`)).statusCode).toBe(200);

    for (const to of ['dev:nobody', bob.id.toUpperCase()]) {
      const refused = await call(alice, 'POST', url, { to });
      expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'AGENT_UNAVAILABLE']);
    }
    expect((await call(alice, 'POST', url, { to: alice.id })).statusCode).toBe(400);
    expect((await call(alice, 'GET', '/api/agent/mine')).json().conversations).toHaveLength(1); // still Alice's

    const moved = await call(alice, 'POST', url, { to: bob.id, name: 'Someone else' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().handoff).toMatchObject({ agentId: bob.id, agentName: 'Bob' });
    expect((await call(bob, 'GET', '/api/agent/mine')).json().conversations).toEqual([
      expect.objectContaining({ conversationId: c.conversationId }),
    ]);
    const told = (await c.history(0))
      .filter((m) => m.from === 'system')
      .map((m) => m.text)
      .join();
    expect(told).toContain('Bob');
    expect(told).not.toContain('Someone else');

    // Someone away is not handed a conversation either.
    const carol = await signIn('Carol');
    expect((await call(carol, 'POST', '/api/agent/me/status', { status: 'away' })).json()).toEqual({ status: 'away' });
    expect((await call(carol, 'POST', '/api/agent/me/status', { status: 'gone' })).statusCode).toBe(400);
    expect((await call(bob, 'GET', '/api/agent/agents')).json().agents).toContainEqual({
      id: carol.id,
      name: 'Carol',
      role: 'agent',
      status: 'away',
    });
    const away = await call(bob, 'POST', url, { to: carol.id });
    expect([away.statusCode, away.json().error.code]).toEqual([409, 'AGENT_UNAVAILABLE']);
    await call(carol, 'POST', '/auth/logout');

    // Bob signs out: nobody can hand him anything any more.
    expect((await call(bob, 'POST', '/auth/logout')).statusCode).toBeLessThan(300);
    expect((await call(alice, 'GET', '/api/agent/agents')).json().agents.map((a: { name: string }) => a.name)).toEqual([
      'Alice',
    ]);
  });

  it('runs a whole handoff over HTTP and stores the rating', async () => {
    const c = await new RestCustomer(built).open();
    await c.say('我的订单172202611100001为什么失败了');
    await c.say('0251');
    await c.say('转人工');
    const alice = await signIn('Alice');
    const bob = await signIn('Bob');

    const queue = (await call(alice, 'GET', '/api/agent/queue')).json();
    expect(queue.waiting).toEqual([
      expect.objectContaining({
        conversationId: c.conversationId,
        position: 1,
        reason: 'customer_request',
        orderNo: '172202611100001',
        failureCode: 'ID_INFO_INVALID',
        waitingSince: expect.any(String),
      }),
    ]);
    const packet = (await call(alice, 'GET', `/api/agent/conversations/${c.conversationId}`)).json();
    expect(packet.order).toMatchObject({
      orderNo: '172202611100001',
      status: 'failed',
      failureCode: 'ID_INFO_INVALID',
    });
    expect(packet.order.masked.idCard).toMatch(/\*/);
    expect(packet.transcript.length).toBeGreaterThan(4);
    const canned = (await call(alice, 'GET', `/api/agent/conversations/${c.conversationId}/canned`)).json();
    expect(canned.replies.find((r: { id: string }) => r.id === 'explain').text).toContain('172202611100001');
    expect(canned.replies.find((r: { id: string }) => r.id === 'greet').text).toContain('Alice');

    expect((await call(alice, 'POST', `/api/agent/conversations/${c.conversationId}/claim`)).statusCode).toBe(200);
    const lost = await call(bob, 'POST', `/api/agent/conversations/${c.conversationId}/claim`);
    expect([lost.statusCode, lost.json().error.code]).toEqual([409, 'ALREADY_CLAIMED']);
    expect(
      (await call(alice, 'POST', `/api/agent/conversations/${c.conversationId}/messages`, { text: '您好，我是Alice' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await call(alice, 'POST', `/api/agent/conversations/${c.conversationId}/messages`, { text: '' })).statusCode,
    ).toBe(400);
    expect(
      (await call(alice, 'POST', `/api/agent/conversations/${c.conversationId}/notes`, { text: '核实过身份证' }))
        .statusCode,
    ).toBe(201);
    const history = await c.history();
    expect(history.at(-1)).toMatchObject({ from: 'agent', text: '您好，我是Alice' });
    expect(history.some((m) => m.text.includes('核实过身份证'))).toBe(false); // notes are internal

    expect((await call(alice, 'POST', `/api/agent/conversations/${c.conversationId}/resolve`)).statusCode).toBe(200);
    expect((await c.say('4')).map((r) => r.text).join()).toContain('4 分');
    const boss = await signIn('Boss', 'supervisor');
    const stats = (await call(boss, 'GET', '/api/agent/stats?days=1')).json();
    expect(stats).toMatchObject({
      conversations: 1,
      escalated: 1,
      containment: 0,
      escalationsByCode: { ID_INFO_INVALID: 1 },
    });
    expect(stats.days.at(-1)).toMatchObject({ avgRating: 4, ratings: 1 });
  });

  it('passes typing both ways, only for the agent holding the conversation, throttled for the customer', async () => {
    const { WsClient } = await import('../helpers/ws-client.js');
    const ws = await WsClient.connect(built.app);
    const [session] = await ws.waitFor((f) => f.type === 'session');
    const id = session!.conversationId as string;
    await ws.say('转人工');
    const alice = await signIn('Alice');
    const bob = await signIn('Bob');
    const seen: string[] = [];
    built.bus.subscribe(id, (e) => {
      if (e.type === 'typing') seen.push(e.from);
    });

    expect((await call(alice, 'POST', `/api/agent/conversations/${id}/typing`)).statusCode).toBe(409); // not claimed yet
    await call(alice, 'POST', `/api/agent/conversations/${id}/claim`);
    expect((await call(bob, 'POST', `/api/agent/conversations/${id}/typing`)).statusCode).toBe(403);
    expect((await call(alice, 'POST', `/api/agent/conversations/${id}/typing`)).statusCode).toBe(204);
    await ws.waitFor((f) => f.type === 'typing' && f.from === 'agent');

    for (let i = 0; i < 5; i++) ws.send({ type: 'typing' });
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.filter((f) => f === 'customer')).toHaveLength(1);
    expect(seen.filter((f) => f === 'agent')).toHaveLength(1);
    ws.close();
  });
});

describe('the inbox', () => {
  it("previews, finds by order number or phone tail, lists resolved handoffs and a customer's earlier ones, and shows supervisors every agent's chats", async () => {
    const verified = async (orderNo: string, tail: string) => {
      const c = await new RestCustomer(built).open();
      await c.say(orderNo);
      await c.say(tail);
      await c.say('转人工');
      return c;
    };
    const first = await verified('172202611100001', '0251');
    const other = await new RestCustomer(built).open();
    await other.say('我要投诉你们');
    const alice = await signIn('Alice');

    const waiting = (await call(alice, 'GET', '/api/agent/queue')).json().waiting;
    // The complaint goes first and says so; each line previews the last message.
    expect(waiting.map((w: { conversationId: string; priority: string }) => [w.conversationId, w.priority])).toEqual([
      [other.conversationId, 'urgent'],
      [first.conversationId, 'normal'],
    ]);
    expect(waiting[1].lastMessage).toMatchObject({
      from: 'system',
      text: expect.stringContaining('排队更新：前面还有 1 位'),
      at: expect.any(String),
    });

    await call(alice, 'POST', `/api/agent/conversations/${first.conversationId}/claim`);
    await call(alice, 'POST', `/api/agent/conversations/${first.conversationId}/messages`, { text: '好的'.repeat(60) });
    const mine = (await call(alice, 'GET', '/api/agent/mine')).json().conversations;
    expect(mine[0]).toMatchObject({ priority: 'normal', lastMessage: { from: 'agent' } });
    expect([...mine[0].lastMessage.text].length).toBeLessThanOrEqual(80);
    await call(alice, 'POST', `/api/agent/conversations/${first.conversationId}/resolve`);
    await first.say('5');

    // The same customer comes back about the same order in a new conversation.
    const again = await verified('172202611100001', '0251');
    const find = async (query: string) =>
      (await call(alice, 'GET', `/api/agent/conversations?${query}`))
        .json()
        .conversations.map((c: { conversationId: string }) => c.conversationId);
    expect(await find('view=resolved')).toEqual([first.conversationId]);
    expect(await find('view=open')).toEqual([again.conversationId, other.conversationId]);
    expect(await find('q=1100001')).toEqual([again.conversationId, first.conversationId]);
    expect(await find('q=0251')).toEqual([again.conversationId, first.conversationId]); // the contact phone's tail
    expect(await find('q=9999')).toEqual([]);
    expect((await call(alice, 'GET', '/api/agent/conversations?view=some')).statusCode).toBe(400);
    const resolved = (await call(alice, 'GET', '/api/agent/conversations?view=resolved')).json().conversations[0];
    expect(resolved).toMatchObject({ status: 'closed', rating: 5, agentName: 'Alice', orderNo: '172202611100001' });
    expect(JSON.stringify(resolved)).not.toMatch(/1\d{6}0251/); // never the phone itself

    const packet = (await call(alice, 'GET', `/api/agent/conversations/${again.conversationId}`)).json();
    expect(packet.earlier.map((e: { conversationId: string; rating: number }) => [e.conversationId, e.rating])).toEqual(
      [[first.conversationId, 5]],
    );

    const reasons = (await call(alice, 'GET', '/api/agent/reasons')).json().reasons;
    expect(reasons.AREA_FORBIDDEN).toEqual({ 'zh-CN': expect.any(String), en: expect.any(String) });
    expect(reasons.AREA_FORBIDDEN['zh-CN']).not.toBe('AREA_FORBIDDEN');

    await call(alice, 'POST', `/api/agent/conversations/${again.conversationId}/claim`);
    const bob = await signIn('Bob');
    await call(bob, 'POST', '/api/agent/me/status', { status: 'away' });
    expect((await call(alice, 'GET', '/api/agent/team')).statusCode).toBe(403);
    const boss = await signIn('Boss', 'supervisor');
    const team = (await call(boss, 'GET', '/api/agent/team')).json().agents;
    expect(
      team.map((a: { name: string; status: string; conversations: Array<{ conversationId: string }> }) => [
        a.name,
        a.status,
        a.conversations.map((c) => c.conversationId),
      ]),
    ).toEqual([
      ['Alice', 'online', [again.conversationId]],
      ['Bob', 'away', []],
      ['Boss', 'online', []],
    ]);
  });
});

describe('personal data for supervisors', () => {
  it('reveals unmasked data only to supervisors, writing the audit log first', async () => {
    const c = await new RestCustomer(built).open();
    await c.say('172202611100001');
    await c.say('0251');
    await c.say('转人工');
    const alice = await signIn('Alice');
    const url = `/api/agent/conversations/${c.conversationId}/reveal`;
    expect((await call(null, 'GET', url)).statusCode).toBe(401);
    expect((await call(alice, 'GET', url)).statusCode).toBe(403);
    const boss = await signIn('Boss', 'supervisor');
    expect((await call(boss, 'GET', '/api/agent/audit')).json().entries).toEqual([]);
    const res = await call(boss, 'GET', url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json().phone).toMatch(/^1\d{6}0251$/); // unmasked
    const audit = (await call(boss, 'GET', '/api/agent/audit')).json().entries;
    expect(audit).toEqual([
      expect.objectContaining({
        actorName: 'Boss',
        action: 'reveal_personal_data',
        conversationId: c.conversationId,
        orderNo: '172202611100001',
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(res.json().phone); // the log names the access, not the data
    // The packet an agent sees stays masked.
    const packet = (await call(alice, 'GET', `/api/agent/conversations/${c.conversationId}`)).json();
    expect(JSON.stringify(packet)).not.toContain(res.json().phone);
  });
});

describe('WeChat status for supervisors', () => {
  it('says the channel is off (and how to turn it on) when no puppet is configured', async () => {
    const boss = await signIn('Boss', 'supervisor');
    expect((await call(boss, 'GET', '/api/agent/wechat')).json()).toEqual({ state: 'off' });
    const alice = await signIn('Alice');
    expect((await call(alice, 'GET', '/api/agent/wechat')).statusCode).toBe(403);
  });
});
