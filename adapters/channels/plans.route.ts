/**
 * GET /api/plans: the plan catalogue in the shape of ../shared/API.md ("Plan catalogue"). Register
 * with `app.register(plansRoute, { catalogue })`; the catalogue is loaded once at start-up
 * (bot/plans.ts, `PLANS_FILE` or the bundled knowledge/plans.json) and served as is.
 */
import type { FastifyInstance } from 'fastify';
import { toApiPlans, type PlanCatalogue } from '../../bot/plans.js';

export interface PlansRouteOptions {
  catalogue: PlanCatalogue;
}

export async function plansRoute(app: FastifyInstance, opts: PlansRouteOptions): Promise<void> {
  // The catalogue does not change while the process runs: build the body once.
  const body = toApiPlans(opts.catalogue);
  app.get('/api/plans', async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=60');
    return body;
  });
}
