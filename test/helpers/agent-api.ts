/** An agent signed in with the dev sign-in, calling the agent API in-process (app.inject) with its cookie and CSRF token. */
import type { FastifyInstance } from 'fastify';

export interface AgentApi {
  id: string;
  name: string;
  cookie: string;
  /** Calls the API; throws unless the answer is 2xx, and returns the parsed body (null for 204). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- callers name the body's type; the default keeps ad-hoc reads short
  call<T = any>(method: 'GET' | 'POST', url: string, payload?: object): Promise<T>;
}

export async function signInAgent(
  app: FastifyInstance,
  name: string,
  role: 'agent' | 'supervisor' = 'agent',
): Promise<AgentApi> {
  const res = await app.inject({ method: 'POST', url: '/auth/dev/login', payload: { name, role } });
  if (res.statusCode !== 200) throw new Error(`dev sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const me = res.json() as { id: string; csrfToken: string };
  return {
    id: me.id,
    name,
    cookie,
    async call<T>(method: 'GET' | 'POST', url: string, payload?: object): Promise<T> {
      const r = await app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': me.csrfToken },
        ...(payload ? { payload } : {}),
      });
      if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
      return (r.statusCode === 204 ? null : r.json()) as T;
    },
  };
}
