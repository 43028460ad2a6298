/**
 * Orders from a JSON file: the bundled demo orders, or ORDERS_FILE. Loaded and validated once.
 */
import path from 'node:path';
import { KNOWLEDGE_DIR, loadJsonFile } from '../../bot/knowledge/loader.js';
import { OrdersFile } from '../../bot/knowledge/schemas.js';
import type { OrderRecord, OrderSource } from '../../bot/ports/order-source.js';

export const DEMO_ORDERS_FILE = path.join(KNOWLEDGE_DIR, 'demo-orders.json');

export class EmbeddedOrderSource implements OrderSource {
  readonly name = 'embedded';
  private readonly byNo: Map<string, OrderRecord>;

  constructor(orders: OrderRecord[]) {
    this.byNo = new Map(orders.map((o) => [o.OrderNo.toUpperCase(), o]));
  }

  static fromFile(file: string = DEMO_ORDERS_FILE): EmbeddedOrderSource {
    return new EmbeddedOrderSource(loadJsonFile(file, OrdersFile) as OrderRecord[]);
  }

  async getOrder(orderNo: string): Promise<OrderRecord | null> {
    return this.byNo.get(orderNo.toUpperCase()) ?? null;
  }
}
