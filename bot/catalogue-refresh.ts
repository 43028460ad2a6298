/**
 * Keeps the plan catalogue's availability in step with the order platform: GetProductsV2 at start
 * and every few minutes (PLATFORM_PRODUCTS_REFRESH_MINUTES). A failed call leaves the catalogue as
 * it was; each change is logged, and products the catalogue does not know are named for the
 * distributor to add (without a name, fee and link the bot cannot offer them).
 */
import type { Logger } from 'pino';
import { applyProducts, type CatalogueSync, type LiveCatalogue, type PlanCatalogue, type ProductAvailability } from './plans.js';

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
    this.running ??= this.run().finally(() => { this.running = null; });
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
      log.warn({ err }, 'plan catalogue: the platform product list (GetProductsV2) failed; keeping the current availability');
      return null;
    }
    const sync = applyProducts(this.o.file, products);
    if (sync.catalogue === this.o.file && products.length) {
      log.warn({ products: products.length }, 'plan catalogue: no plan id matches a platform productID; availability not taken from the platform');
    }
    this.o.live.replace(sync.catalogue);
    for (const change of sync.changes) log.info({ change }, 'plan catalogue changed');
    if (sync.unknownProducts.length) log.warn({ products: sync.unknownProducts }, 'plan catalogue: the platform sells products the catalogue file does not list (not offered)');
    if (sync.unreadableProvinces.length) log.warn({ provinces: sync.unreadableProvinces }, 'plan catalogue: unreadable province names in disableArea (ignored)');
    return sync;
  }
}
