/**
 * The bot's view of an order platform. Shaped by what the dialogs need, not by any vendor's API:
 * implementations (embedded demo data, the 172 open API, …) live in adapters/orders/.
 */

/**
 * One order, in the bot's own terms. Each order source maps its platform's record into it (the 172
 * platform's: adapters/orders/platform.record.ts); nothing past the adapters sees a vendor's field names.
 */
export interface Order {
  orderNo: string;
  /** The platform's status as it came (已发货, 审核失败, 3 …): bot/order-view.ts normalises it. */
  status: string;
  /** The platform's free-text failure reason (the 172 platform's `Remark`). */
  remark: string | null;
  planId: string | null;
  planName: string | null;
  operator: string | null;
  /** The contact phone; the customer proves ownership with its last 4 digits. Never shown. */
  contactPhone: string;
  idNumber: string | null;
  name: string | null;
  province: string | null;
  city: string | null;
  address: string | null;
  /** When the order was placed (ISO 8601, as the platform gives it). */
  createdAt: string | null;
  courier: string | null;
  trackingNo: string | null;
  /** The number issued with the card, once one was. */
  issuedNumber: string | null;
}

export interface OrderSource {
  /** Short name for logs and metrics (`embedded`, `platform`). */
  readonly name: string;
  /**
   * Looks an order up by the distributor's order number.
   * Resolves `null` when the platform does not know it; rejects with an `AppError` of code
   * `ORDER_SOURCE_UNAVAILABLE` when the platform cannot answer right now.
   */
  getOrder(orderNo: string): Promise<Order | null>;
}
