import { describe, expect, it } from 'vitest';
import { LiveCatalogue, applyProducts, type ProductAvailability } from '../../bot/catalogue-refresh.js';
import { loadPlans } from '../../bot/plans.js';

describe('availability from the platform (applyProducts)', () => {
  const file = loadPlans();
  /** Every catalogue plan as the platform would list it unchanged. */
  const listed = (): ProductAvailability[] =>
    file.plans.map((p) => ({
      productId: p.id,
      onSale: p.onSale,
      excludedProvinces: [...p.excludedProvinces],
      ageMin: p.ageMin,
      ageMax: p.ageMax,
    }));

  it('changes nothing when the platform agrees with the file', () => {
    const sync = applyProducts(file, listed());
    expect(sync.changes).toEqual([]);
    expect(sync.catalogue.plans).toEqual(file.plans);
  });

  it('takes on-sale, provinces (full names too) and ages from the platform, and keeps names, fees and links', () => {
    const products = listed().map((p) =>
      p.productId === 'P-UNI-39'
        ? { ...p, onSale: false, excludedProvinces: ['新疆维吾尔自治区', 'Tibet', '火星'], ageMin: 20, ageMax: 30 }
        : p,
    );
    const sync = applyProducts(file, products);
    const plan = sync.catalogue.byId.get('P-UNI-39')!;
    expect(plan).toMatchObject({ onSale: false, excludedProvinces: ['新疆', '西藏'], ageMin: 20, ageMax: 30 });
    const was = file.byId.get('P-UNI-39')!;
    expect(plan).toMatchObject({
      name: was.name,
      monthlyFee: was.monthlyFee,
      orderUrl: was.orderUrl,
      policyHistory: was.policyHistory,
    });
    expect(sync.unreadableProvinces).toEqual(['P-UNI-39: 火星']);
    expect(sync.changes).toHaveLength(3);
    expect(file.byId.get('P-UNI-39')).toBe(was); // the file's catalogue is untouched
  });

  it('ignores an impossible age range', () => {
    const products = listed().map((p) => (p.productId === 'P-UNI-39' ? { ...p, ageMin: 60, ageMax: 18 } : p));
    const plan = applyProducts(file, products).catalogue.byId.get('P-UNI-39')!;
    expect([plan.ageMin, plan.ageMax]).toEqual([file.byId.get('P-UNI-39')!.ageMin, file.byId.get('P-UNI-39')!.ageMax]);
  });

  it('takes plans the platform no longer lists off sale, and names products the file lacks', () => {
    const products = [
      ...listed().filter((p) => p.productId !== 'P-UNI-39'),
      { productId: 'P-NEW-9', onSale: true, excludedProvinces: [], ageMin: 18, ageMax: 60 },
    ];
    const sync = applyProducts(file, products);
    expect(sync.catalogue.byId.get('P-UNI-39')!.onSale).toBe(false);
    expect(sync.unlisted).toEqual(['P-UNI-39']);
    expect(sync.unknownProducts).toEqual(['P-NEW-9']);
    expect(sync.catalogue.byId.has('P-NEW-9')).toBe(false);
  });

  it('keeps the file as it is when no product id matches a plan id', () => {
    const sync = applyProducts(file, [
      { productId: '10086', onSale: false, excludedProvinces: [], ageMin: null, ageMax: null },
    ]);
    expect(sync.catalogue).toBe(file);
    expect(sync.unknownProducts).toEqual(['10086']);
  });

  it('LiveCatalogue serves whichever version was put in last', () => {
    const live = new LiveCatalogue(file);
    const next = applyProducts(
      file,
      listed().map((p) => ({ ...p, onSale: false })),
    ).catalogue;
    live.replace(next);
    expect(live.plans.every((p) => !p.onSale)).toBe(true);
    expect(live.byId.get('P-UNI-39')!.onSale).toBe(false);
    expect(live.file).toBe(file.file);
  });
});
