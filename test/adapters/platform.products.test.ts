/**
 * Plan availability from the platform's product list (GetProductsV2): the bot on ORDER_SOURCE=platform
 * against the stand-in; the platform takes one plan off sale and stops shipping another to 新疆, and
 * the offers and GET /api/plans follow without a restart, then come back when the platform does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformStandIn } from '../../adapters/orders/platform.stand-in.js';
import type { BuiltApp } from '../../bot/app/app.js';
import { RestCustomer } from '../helpers/app.js';
import { platformTestApp } from '../helpers/platform.js';

interface ApiPlan {
  id: string;
  onSale: boolean;
  excludedProvinces: string[];
  ageMin: number;
  ageMax: number;
}

describe('plan availability from GetProductsV2', () => {
  let standIn: PlatformStandIn;
  let built: BuiltApp;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ standIn, built, close } = await platformTestApp());
  });
  afterAll(async () => {
    await close();
  });

  const plans = async () =>
    new Map(
      ((await built.app.inject({ url: '/api/plans' })).json() as { plans: ApiPlan[] }).plans.map((p) => [p.id, p]),
    );
  /** The order links offered to the owner of 172202611100014 (AREA_FORBIDDEN, address in 新疆). */
  const offeredLinks = async () => {
    const c = await new RestCustomer(built).open();
    await c.say('172202611100014');
    const said = (await c.say('6599')).map((r) => r.text).join('\n');
    return [...said.matchAll(/order\/(P-[A-Z]+-\d+)/g)].map((m) => m[1]);
  };

  it('takes a plan off sale, stops offering one that no longer ships to the province, and restores both', async () => {
    expect(built.plansRefresh).not.toBeNull();
    const before = await offeredLinks();
    expect(before).toEqual(expect.arrayContaining(['P-CBN-19', 'P-CMCC-49']));

    standIn.setProduct('P-CMCC-49', { flag: 0 });
    standIn.setProduct('P-CBN-19', { disableArea: '新疆维吾尔自治区,西藏', Age1: 18, Age2: 50 });
    const sync = await built.plansRefresh!.refresh();
    expect(sync?.changes).toEqual(
      expect.arrayContaining([
        'P-CMCC-49 onSale: true → false',
        expect.stringMatching(/^P-CBN-19 excludedProvinces: .* → \[.*新疆.*\]$/),
        expect.stringMatching(/^P-CBN-19 ages: \d+–\d+ → 18–50$/),
      ]),
    );
    const now = await plans();
    expect(now.get('P-CMCC-49')!.onSale).toBe(false);
    expect(now.get('P-CBN-19')).toMatchObject({ ageMin: 18, ageMax: 50 });
    expect(now.get('P-CBN-19')!.excludedProvinces).toEqual(expect.arrayContaining(['新疆', '西藏']));
    const after = await offeredLinks();
    expect(after.length).toBeGreaterThan(0);
    expect(after).not.toContain('P-CMCC-49');
    expect(after).not.toContain('P-CBN-19');

    standIn.setProduct('P-CMCC-49', { flag: 1 });
    standIn.setProduct('P-CBN-19', { disableArea: '', Age1: 16, Age2: 60 });
    await built.plansRefresh!.refresh();
    expect(await offeredLinks()).toEqual(expect.arrayContaining(['P-CBN-19', 'P-CMCC-49']));
  });

  it('keeps the last availability when the platform cannot be asked', async () => {
    standIn.setProduct('P-CMCC-49', { flag: 0 });
    await built.plansRefresh!.refresh();
    standIn.setMode('5xx');
    try {
      expect(await built.plansRefresh!.refresh()).toBeNull();
      expect((await plans()).get('P-CMCC-49')!.onSale).toBe(false);
    } finally {
      standIn.setMode('ok');
      standIn.setProduct('P-CMCC-49', { flag: 1 });
    }
  });
});
