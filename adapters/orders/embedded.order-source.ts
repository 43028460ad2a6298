/**
 * Orders from a JSON file: the bundled demo orders, or ORDERS_FILE. Loaded and validated once.
 */
import type { Order, OrderSource } from '../../bot/core/ports/order-source.js';
import { DEMO_ORDERS_FILE, loadOrders } from './platform.record.js';

export { DEMO_ORDERS_FILE };

export class EmbeddedOrderSource implements OrderSource {
  readonly name = 'embedded';
  private readonly byNo: Map<string, Order>;

  constructor(orders: Order[]) {
    this.byNo = new Map(orders.map((o) => [o.orderNo.toUpperCase(), o]));
  }

  static fromFile(file: string = DEMO_ORDERS_FILE): EmbeddedOrderSource {
    return new EmbeddedOrderSource(loadOrders(file));
  }

  async getOrder(orderNo: string): Promise<Order | null> {
    return this.byNo.get(orderNo.toUpperCase()) ?? null;
  }
}
