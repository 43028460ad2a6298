/**
 * The handoffs table's rows, shared by the SQLite and PostgreSQL stores: column names of each
 * patchable field, and a row to record mapping (timestamps are text in SQLite, Date in PostgreSQL).
 */
import type { HandoffPatch, HandoffRecord, HandoffStatus } from '../../bot/core/ports/handoff-store.js';

export interface HandoffRow<Time> {
  id: number;
  conversation_id: string;
  status: HandoffStatus;
  reason: string;
  order_no: string | null;
  failure_code: string | null;
  locale: HandoffRecord['locale'];
  queued_at: Time;
  claim_deadline: Time | null;
  claimed_at: Time | null;
  agent_id: string | null;
  agent_name: string | null;
  resolved_at: Time | null;
  rating: number | null;
  ticket_text: string | null;
  answer_by: Time | null;
}

export const HANDOFF_COLUMN: Record<keyof HandoffPatch, string> = {
  status: 'status',
  reason: 'reason',
  orderNo: 'order_no',
  failureCode: 'failure_code',
  locale: 'locale',
  claimDeadline: 'claim_deadline',
  claimedAt: 'claimed_at',
  agentId: 'agent_id',
  agentName: 'agent_name',
  resolvedAt: 'resolved_at',
  rating: 'rating',
  ticketText: 'ticket_text',
  answerBy: 'answer_by',
};

const asIso = (v: string | Date): string => (typeof v === 'string' ? v : v.toISOString());
const asIsoOrNull = (v: string | Date | null): string | null => (v === null ? null : asIso(v));

export const handoffFromRow = (r: HandoffRow<string> | HandoffRow<Date>): HandoffRecord => ({
  id: r.id,
  conversationId: r.conversation_id,
  status: r.status,
  reason: r.reason,
  orderNo: r.order_no,
  failureCode: r.failure_code,
  locale: r.locale,
  queuedAt: asIso(r.queued_at),
  claimDeadline: asIsoOrNull(r.claim_deadline),
  claimedAt: asIsoOrNull(r.claimed_at),
  agentId: r.agent_id,
  agentName: r.agent_name,
  resolvedAt: asIsoOrNull(r.resolved_at),
  rating: r.rating,
  ticketText: r.ticket_text,
  answerBy: asIsoOrNull(r.answer_by),
});
