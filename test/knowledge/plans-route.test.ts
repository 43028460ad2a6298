import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { plansRoute } from '../../adapters/channels/plans.route.js';
import { loadPlans } from '../../bot/plans.js';

describe('GET /api/plans', () => {
  it('answers the catalogue in the API.md shape', async () => {
    const catalogue = loadPlans();
    const app = Fastify();
    await app.register(plansRoute, { catalogue });
    const res = await app.inject({ method: 'GET', url: '/api/plans' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const body = res.json() as { plans: Array<Record<string, unknown>> };
    expect(Object.keys(body)).toEqual(['plans']);
    expect(body.plans).toHaveLength(catalogue.plans.length);
    for (const p of body.plans) {
      expect(Object.keys(p).sort()).toEqual([
        'ageMax',
        'ageMin',
        'dataGB',
        'excludedProvinces',
        'id',
        'monthlyFee',
        'name',
        'onSale',
        'operator',
        'orderUrl',
      ]);
      expect(p).toMatchObject({
        id: expect.any(String),
        name: expect.any(String),
        operator: expect.any(String),
        monthlyFee: expect.any(Number),
        dataGB: expect.any(Number),
        ageMin: expect.any(Number),
        ageMax: expect.any(Number),
        excludedProvinces: expect.any(Array),
        onSale: expect.any(Boolean),
        orderUrl: expect.stringMatching(/^https?:\/\//),
      });
    }
    expect(body.plans.map((p) => p.id)).toEqual(catalogue.plans.map((p) => p.id));
    await app.close();
  });
});
