/**
 * Which conversations have looked at which orders, the status they last heard, and whether they
 * asked to be told when it changes (proactive notices from the platform's callback).
 */
export interface OrderWatch {
  orderNo: string;
  conversationId: string;
  /** The normalised status the customer last heard. */
  status: string;
  notify: boolean;
}

export interface WatchStore {
  /** Records that a conversation was told `status` of `orderNo` (keeps `notify`). */
  seen(orderNo: string, conversationId: string, status: string): Promise<void>;
  /** The customer asked to be told about changes of `orderNo`; false if they never saw it. */
  optIn(orderNo: string, conversationId: string): Promise<boolean>;
  watchers(orderNo: string): Promise<OrderWatch[]>;
}
