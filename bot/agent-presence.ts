/**
 * Whether a signed-in agent is at their desk ("online") or has stepped away: shown to colleagues and
 * supervisors, and a conversation is not transferred to someone away. Kept in the Store's key-value
 * state (the same table on SQLite and PostgreSQL), so every instance sees it and it outlives a
 * restart; an agent who never set it is online.
 */
import type { AgentIdentity } from './core/ports/agent-auth.js';
import type { Store } from './core/ports/store.js';

export type Presence = 'online' | 'away';

const key = (agentId: string) => `agent-presence:${agentId}`;

export class AgentPresence {
  constructor(private readonly store: Store) {}

  async set(agentId: string, status: Presence): Promise<void> {
    await this.store.writeState({ [key(agentId)]: status });
  }

  /** The agents with their presence. */
  async of<T extends AgentIdentity>(agents: readonly T[]): Promise<Array<T & { status: Presence }>> {
    const stored = await this.store.readState(agents.map((a) => key(a.id)));
    return agents.map((a) => ({ ...a, status: stored[key(a.id)] === 'away' ? 'away' : 'online' }));
  }
}
