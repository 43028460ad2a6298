/**
 * Local sign-in for development and demos: anyone can be any agent, so it refuses to exist when
 * NODE_ENV=production (config.ts refuses AGENT_AUTH=dev there too; this is the second lock).
 *
 *   POST /auth/dev/login  {name, role}  JSON → 200 {id, name, role, csrfToken, expiresAt} + cookie;
 *                                       a form post (the page below) → 303 to `returnTo` or /console
 *   GET  /auth/dev/login                a bare HTML form, for using the console without its own form
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../bot/errors.js';
import type { AgentAuthProvider, SignIn } from '../../bot/core/ports/agent-auth.js';

const Login = z.object({
  name: z.string().trim().min(1, 'name is required').max(100, 'name is longer than 100 characters'),
  role: z.enum(['agent', 'supervisor']),
  returnTo: z.string().max(500).optional(),
});

const FORM = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dev sign-in</title></head>
<body><h1>Development sign-in</h1>
<p>For local use only: anyone can sign in as anyone.</p>
<form method="post" action="/auth/dev/login">
<label>Name <input name="name" required maxlength="100" autofocus></label>
<label>Role <select name="role"><option value="agent">agent</option><option value="supervisor">supervisor</option></select></label>
<input type="hidden" name="returnTo" value="/console">
<button type="submit">Sign in</button>
</form></body></html>`;

export class DevAuthProvider implements AgentAuthProvider {
  readonly kind = 'dev' as const;
  readonly loginPath = '/auth/dev/login';

  constructor(opts: { env: 'development' | 'production' | 'test' }) {
    if (opts.env === 'production') {
      throw new Error(
        'The dev agent sign-in is refused when NODE_ENV=production: set AGENT_AUTH=entra and the ENTRA_* settings.',
      );
    }
  }

  async register(app: FastifyInstance, signIn: SignIn): Promise<void> {
    await app.register(async (scope) => {
      // Only here: the HTML form posts urlencoded; the rest of the app takes JSON alone.
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: 4096 },
        (_req, body, done) => {
          done(null, { ...Object.fromEntries(new URLSearchParams(body as string)), viaForm: true });
        },
      );
      scope.get(this.loginPath, async (_req, reply) => reply.type('text/html; charset=utf-8').send(FORM));
      scope.post(this.loginPath, async (req, reply) => {
        const parsed = Login.safeParse(req.body ?? {});
        if (!parsed.success) {
          throw new AppError(
            'BAD_REQUEST',
            parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
          );
        }
        const { name, role, returnTo } = parsed.data;
        const viaForm = (req.body as { viaForm?: boolean }).viaForm === true;
        return signIn(req, reply, { id: `dev:${name}`, name, role }, viaForm ? (returnTo ?? '') : returnTo);
      });
    });
  }
}
