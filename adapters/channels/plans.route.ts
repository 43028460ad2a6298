/**
 * GET /api/plans: the plan catalogue in the shape of ../shared/API.md ("Plan catalogue"). Register
 * with `app.register(plansRoute, { catalogue })`. The catalogue comes from the file (bot/plans.ts,
 * `PLANS_FILE` or the bundled knowledge/plans.json); on the 172 platform its availability is
 * refreshed from GetProductsV2, which swaps in a new version: the body is rebuilt once per version.
 */
import type { FastifyInstance } from 'fastify';
import { toApiPlans, type Plan, type PlanCatalogue } from '../../bot/plans.js';

export interface PlansRouteOptions {
  catalogue: PlanCatalogue;
}

export async function plansRoute(app: FastifyInstance, opts: PlansRouteOptions): Promise<void> {
  let version: readonly Plan[] | null = null;
  let body: ReturnType<typeof toApiPlans> | null = null;
  app.get('/api/plans', async (_req, reply) => {
    if (opts.catalogue.plans !== version) {
      version = opts.catalogue.plans;
      body = toApiPlans(opts.catalogue);
    }
    reply.header('cache-control', 'public, max-age=60');
    return body;
  });
}
