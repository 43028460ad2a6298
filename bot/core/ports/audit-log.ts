/**
 * Who looked at unmasked personal data, when, and for which conversation and order. Written
 * before the data is sent; never holds the data itself.
 */
export interface AuditEntry {
  at: string;
  actorId: string;
  actorName: string;
  action: 'reveal_personal_data';
  conversationId: string;
  orderNo: string | null;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(limit?: number): Promise<AuditEntry[]>;
}
