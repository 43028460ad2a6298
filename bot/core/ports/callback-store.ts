/**
 * Where the 172 platform's status pushes are remembered, so that each push (by its `RequidId`) is
 * processed once even when the platform repeats it, across restarts and instances.
 */

/** One status push as the platform sends it (callback `Data`), field names as the 172 platform uses them. */
export interface StatusPush {
  RequidId: string;
  /** The distributor's order number (what customers quote). */
  OrderNo: string;
  OrderNo172: string | null;
  OrderStatus: string;
  /** The failure reason in free text. */
  Remark: string | null;
  /** The issued phone number. */
  ThirdPhone: string | null;
  ExpressName: string | null;
  ExpressCode: string | null;
  CardStatus: string | null;
  ActiveTime: string | null;
  IsFirstCharge: string | null;
  FirstCharge: string | null;
}

export interface CallbackStore {
  /**
   * Claims a push for processing. Resolves `true` when the caller should process it (first time,
   * or an earlier attempt failed), `false` when it is done or being processed elsewhere.
   */
  claim(push: StatusPush, receivedAt: string): Promise<boolean>;
  /** Records the outcome of a claimed push; a failed one may be claimed again when it is re-sent. */
  finish(requidId: string, ok: boolean, at: string): Promise<void>;
  /** The stored state of a push, or null when never seen. */
  get(
    requidId: string,
  ): Promise<{ orderNo: string; status: 'processing' | 'done' | 'failed'; receivedAt: string } | null>;
  close(): Promise<void>;
}
