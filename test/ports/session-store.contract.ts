/**
 * The SessionStore contract: the SQLite and the PostgreSQL implementations run these same tests.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRole } from '../../bot/core/ports/agent-auth.js';
import type { SessionStore, StoredSession } from '../../bot/core/ports/session-store.js';
import type { FeatureRig } from './feature-rig.js';

const hex = () => randomBytes(32).toString('hex');
const HOUR = 3_600_000;

export function sessionStoreContract(name: string, make: () => Promise<FeatureRig<SessionStore>>): void {
  describe(`SessionStore contract: ${name}`, () => {
    let rig: FeatureRig<SessionStore>;
    let s: SessionStore;
    beforeAll(async () => {
      rig = await make();
      s = rig.subject;
    });
    afterAll(async () => {
      await rig.close();
    });

    const session = (
      over: { agentId?: string; role?: AgentRole; createdAt?: Date; expiresAt?: Date } = {},
    ): StoredSession => {
      const createdAt = over.createdAt ?? new Date();
      return {
        key: hex(),
        agent: { id: over.agentId ?? `agent-${hex().slice(0, 8)}`, name: '客服 小王', role: over.role ?? 'agent' },
        csrfToken: hex(),
        createdAt,
        expiresAt: over.expiresAt ?? new Date(createdAt.getTime() + 8 * HOUR),
      };
    };

    it('stores a session and reads it back, expired or not', async () => {
      const live = session({ role: 'supervisor' });
      const old = session({ createdAt: new Date(Date.now() - 10 * HOUR), expiresAt: new Date(Date.now() - HOUR) });
      await s.put(live);
      await s.put(old);
      expect(await s.get(live.key)).toEqual(live);
      expect(await s.get(old.key)).toEqual(old);
      expect(await s.get(hex())).toBeNull();
    });

    it('refuses a key already stored, and an unknown role', async () => {
      const a = session();
      await s.put(a);
      await expect(s.put({ ...session(), key: a.key })).rejects.toThrow();
      await expect(
        s.put({ ...session(), agent: { id: 'x', name: 'x', role: 'admin' as AgentRole } }),
      ).rejects.toThrow();
      expect(await s.get(a.key)).toEqual(a);
    });

    it('deletes one session, quietly when it is already gone', async () => {
      const a = session();
      await s.put(a);
      await s.delete(a.key);
      expect(await s.get(a.key)).toBeNull();
      await expect(s.delete(a.key)).resolves.toBeUndefined();
    });

    it('deletes every session of one agent and says how many', async () => {
      const agentId = `agent-${hex().slice(0, 8)}`;
      const mine = [session({ agentId }), session({ agentId })];
      const other = session();
      for (const x of [...mine, other]) await s.put(x);
      expect(await s.deleteForAgent(agentId)).toBe(2);
      expect(await s.get(mine[0]!.key)).toBeNull();
      expect(await s.get(other.key)).toEqual(other);
      expect(await s.deleteForAgent(agentId)).toBe(0);
    });

    it('removes the sessions expired by a time (inclusive) and says how many', async () => {
      // Dates long past, so the count is not disturbed by the other tests' sessions.
      const cut = new Date('2001-06-01T00:00:00.000Z');
      const gone = [
        session({ createdAt: new Date('2001-01-01T00:00:00.000Z'), expiresAt: new Date('2001-02-01T00:00:00.000Z') }),
        session({ createdAt: new Date('2001-01-01T00:00:00.000Z'), expiresAt: cut }),
      ];
      const kept = session({ createdAt: new Date('2001-01-01T00:00:00.000Z'), expiresAt: new Date(cut.getTime() + 1) });
      for (const x of [...gone, kept]) await s.put(x);
      expect(await s.deleteExpired(cut)).toBe(2);
      expect(await s.get(gone[0]!.key)).toBeNull();
      expect(await s.get(gone[1]!.key)).toBeNull();
      expect(await s.get(kept.key)).toEqual(kept);
      expect(await s.deleteExpired(cut)).toBe(0);
    });

    it('lists the agents signed in at a moment, once each, with their latest sign-in', async () => {
      const at = (hhmm: string) => new Date(`2030-01-01T${hhmm}:00.000Z`);
      const tag = hex().slice(0, 6);
      const put = (id: string, name: string, role: AgentRole, from: string, to: string) =>
        s.put({
          key: hex(),
          agent: { id: `${id}-${tag}`, name, role },
          csrfToken: hex(),
          createdAt: at(from),
          expiresAt: at(to),
        });
      await put('x', 'Old name', 'agent', '00:00', '08:00');
      await put('x', 'Xavier', 'supervisor', '00:30', '08:00');
      await put('y', 'Yvonne', 'agent', '00:10', '00:50'); // gone by 01:00
      await put('z', 'Alice', 'agent', '00:20', '08:00');
      expect(await s.signedIn(at('01:00'))).toEqual([
        { id: `z-${tag}`, name: 'Alice', role: 'agent' },
        { id: `x-${tag}`, name: 'Xavier', role: 'supervisor' },
      ]);
      expect((await s.signedIn(at('00:40'))).map((a) => a.name)).toEqual(['Alice', 'Xavier', 'Yvonne']);
    });
  });
}
