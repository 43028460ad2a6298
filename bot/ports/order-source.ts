/**
 * The bot's view of an order platform. Shaped by what the dialogs need, not by any vendor's API:
 * implementations (embedded demo data, the 172 open API, …) live in adapters/orders/.
 */

/** One order as the platform reports it, field names as the 172 platform uses them (see API.md). */
export interface OrderRecord {
  OrderNo: string;
  OrderStatus: string;
  Remark?: string | null;
  ProductID?: string | null;
  ProductName?: string | null;
  Operator?: string | null;
  /** The contact phone; the customer proves ownership with its last 4 digits. Never shown. */
  Phone: string;
  IDCard?: string | null;
  Name?: string | null;
  Province?: string | null;
  City?: string | null;
  Address?: string | null;
  CreatedAt?: string | null;
  ExpressName?: string | null;
  ExpressCode?: string | null;
  ThirdPhone?: string | null;
}

export interface OrderSource {
  /** Short name for logs and metrics (`embedded`, `platform`). */
  readonly name: string;
  /**
   * Looks an order up by the distributor's order number.
   * Resolves `null` when the platform does not know it; rejects with an `AppError` of code
   * `ORDER_SOURCE_UNAVAILABLE` when the platform cannot answer right now.
   */
  getOrder(orderNo: string): Promise<OrderRecord | null>;
}
