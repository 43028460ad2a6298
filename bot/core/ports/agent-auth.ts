/**
 * How agents prove who they are. Implementations: Microsoft Entra ID through msal-node
 * (adapters/auth/entra.auth.ts) and a local sign-in for development (adapters/auth/dev.auth.ts).
 * Sessions, cookies and CSRF are the app's business (bot/app/agent-sessions.ts), not the provider's.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type AgentRole = 'agent' | 'supervisor';

export interface AgentIdentity {
  /** Stable id (Entra object id `oid`, or `dev:<name>`). */
  id: string;
  name: string;
  role: AgentRole;
}

/** Starts a session for someone who just proved who they are, and answers the request. */
export type SignIn = (
  req: FastifyRequest,
  reply: FastifyReply,
  who: AgentIdentity,
  returnTo?: string,
) => Promise<FastifyReply>;

export interface AgentAuthProvider {
  readonly kind: 'entra' | 'dev';
  /** Registers the provider's routes under /auth/… ; calls `signIn` on success. */
  register(app: FastifyInstance, signIn: SignIn): Promise<void>;
  /** Where the console sends a visitor with no session. */
  readonly loginPath: string;
}
