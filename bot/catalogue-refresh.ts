/**
 * The plan catalogue's availability from the order platform: `applyProducts` turns GetProductsV2's
 * list into a new catalogue version, `LiveCatalogue` is what the bot reads, and `CatalogueRefresher`
 * asks the platform at start and every few minutes (PLATFORM_PRODUCTS_REFRESH_MINUTES). A failed
 * call leaves the catalogue as it was; each change is logged, and products the catalogue does not
 * know are named for the distributor to add (without a name, fee and link the bot cannot offer them).
 */
import type { Logger } from 'pino';
import { provinceByName } from './nlu/regions.js';
import type { Plan, PlanCatalogue } from './plans.js';

/** What the order platform says of one product (GetProductsV2), as far as the catalogue uses it. */
export interface ProductAvailability {
  productId: string;
  onSale: boolean;
  /** Province names as the platform writes them (新疆, 新疆维吾尔自治区, …). */
  excludedProvinces: readonly string[];
  ageMin: number | null;
  ageMax: number | null;
}

export interface CatalogueSync {
  catalogue: PlanCatalogue;
  /** False when no plan id matched a product id: the list is not about this catalogue, which was kept as is. */
  matched: boolean;
  /** One line per changed field: `P-CMCC-49 onSale: true → false`. */
  changes: string[];
  /** Platform products the catalogue has no entry for: without a name, fee and link they are not offered. */
  unknownProducts: string[];
  /** Catalogue plans the platform does not list any more: taken off sale. */
  unlisted: string[];
  /** Province names the platform sent that are not provinces (ignored). */
  unreadableProvinces: string[];
}

/**
 * The catalogue with availability as the platform reports it: on sale or not, the provinces it does
 * not ship to and the age range come from the platform; names, fees, data, links and the policy
 * history stay those of the catalogue file. When no plan id matches any product id the platform's
 * list is not about this catalogue (ids mapped differently): the catalogue is kept as it is.
 */
export function applyProducts(base: PlanCatalogue, products: readonly ProductAvailability[]): CatalogueSync {
  const byId = new Map(products.map((p) => [p.productId, p]));
  const out: CatalogueSync = {
    catalogue: base,
    matched: false,
    changes: [],
    unknownProducts: [],
    unlisted: [],
    unreadableProvinces: [],
  };
  out.unknownProducts = products.filter((p) => !base.byId.has(p.productId)).map((p) => p.productId);
  if (!base.plans.some((plan) => byId.has(plan.id))) return out;
  out.matched = true;

  const plans = base.plans.map((plan): Plan => {
    const p = byId.get(plan.id);
    if (!p) {
      out.unlisted.push(plan.id);
      if (plan.onSale) out.changes.push(`${plan.id} onSale: true → false (not listed by the platform)`);
      return plan.onSale ? { ...plan, onSale: false } : plan;
    }
    const excluded: string[] = [];
    for (const raw of p.excludedProvinces) {
      const name = provinceByName(raw)?.name;
      if (!name) out.unreadableProvinces.push(`${plan.id}: ${raw}`);
      else if (!excluded.includes(name)) excluded.push(name);
    }
    const ages =
      p.ageMin !== null &&
      p.ageMax !== null &&
      Number.isInteger(p.ageMin) &&
      Number.isInteger(p.ageMax) &&
      p.ageMin >= 0 &&
      p.ageMin <= p.ageMax &&
      p.ageMax <= 120
        ? { ageMin: p.ageMin, ageMax: p.ageMax }
        : { ageMin: plan.ageMin, ageMax: plan.ageMax };
    const next: Plan = { ...plan, onSale: p.onSale, excludedProvinces: excluded, ...ages };
    if (next.onSale !== plan.onSale) out.changes.push(`${plan.id} onSale: ${plan.onSale} → ${next.onSale}`);
    const was = [...plan.excludedProvinces].sort().join('、');
    const now = [...excluded].sort().join('、');
    if (was !== now) out.changes.push(`${plan.id} excludedProvinces: [${was}] → [${now}]`);
    if (next.ageMin !== plan.ageMin || next.ageMax !== plan.ageMax) {
      out.changes.push(`${plan.id} ages: ${plan.ageMin}–${plan.ageMax} → ${next.ageMin}–${next.ageMax}`);
    }
    return next;
  });
  out.catalogue = Object.freeze({ file: base.file, plans, byId: new Map(plans.map((p) => [p.id, p])) });
  return out;
}

/**
 * The catalogue the bot reads, replaced as a whole when the platform's product list changes; readers
 * (offers, the pre-check, GET /api/plans) always see one consistent version.
 */
export class LiveCatalogue implements PlanCatalogue {
  constructor(private current: PlanCatalogue) {}
  get file(): string {
    return this.current.file;
  }
  get plans(): readonly Plan[] {
    return this.current.plans;
  }
  get byId(): ReadonlyMap<string, Plan> {
    return this.current.byId;
  }
  replace(next: PlanCatalogue): void {
    this.current = next;
  }
}

export interface CatalogueRefreshOptions {
  /** The catalogue as the file has it: every refresh starts from it, so a plan can come back on sale. */
  file: PlanCatalogue;
  live: LiveCatalogue;
  products: () => Promise<readonly ProductAvailability[]>;
  log: Logger;
  everyMs: number;
}

export class CatalogueRefresher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<CatalogueSync | null> | null = null;

  constructor(private readonly o: CatalogueRefreshOptions) {}

  /** One refresh (concurrent calls share it); null when the platform could not be asked. */
  refresh(): Promise<CatalogueSync | null> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  start(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.o.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async run(): Promise<CatalogueSync | null> {
    const { log } = this.o;
    let products: readonly ProductAvailability[];
    try {
      products = await this.o.products();
    } catch (err) {
      log.warn(
        { err },
        'plan catalogue: the platform product list (GetProductsV2) failed; keeping the current availability',
      );
      return null;
    }
    const sync = applyProducts(this.o.file, products);
    if (!sync.matched && products.length) {
      log.warn(
        { products: products.length },
        'plan catalogue: no plan id matches a platform productID; availability not taken from the platform',
      );
    }
    this.o.live.replace(sync.catalogue);
    for (const change of sync.changes) log.info({ change }, 'plan catalogue changed');
    if (sync.unknownProducts.length)
      log.warn(
        { products: sync.unknownProducts },
        'plan catalogue: the platform sells products the catalogue file does not list (not offered)',
      );
    if (sync.unreadableProvinces.length)
      log.warn(
        { provinces: sync.unreadableProvinces },
        'plan catalogue: unreadable province names in disableArea (ignored)',
      );
    return sync;
  }
}
