/**
 * Which waiting customer an agent should take first. A complaint, or a customer who says they will
 * go to the regulator, the press or a court, goes ahead of ordinary requests (a complaint to the
 * MIIT costs a distributor far more than a few minutes of someone else's wait); within each tier the
 * longest wait comes first. Customers are told their place in this same order.
 */
import type { HandoffRecord } from './core/ports/handoff-store.js';

export type Priority = 'urgent' | 'normal';

/** Handoff reasons that go ahead of the queue. `regulator` is set here, never by a dialog. */
const URGENT_REASONS = new Set(['complaint', 'regulator']);

/**
 * Threats to escalate outside the company. 12300 is the MIIT's telecoms complaint line, 12315 the
 * market regulator's, 315 the consumer-rights day and hotline; digits only as whole numbers, so an
 * order number that contains 315 is no threat.
 */
const REGULATOR =
  /工信部|工业和信息化部|通信管理局|通管局|市场监管|消协|消费者协会|监管部门|(?<!\d)(?:12300|12315|315)(?!\d)|媒体|曝光|起诉|法院|律师|报警|\b(?:regulator|MIIT|ombudsman|lawyer|sue|court|police|the press)\b/i;

export function threatensRegulator(text: string): boolean {
  return REGULATOR.test(text);
}

export function priorityOf(h: Pick<HandoffRecord, 'reason'>): Priority {
  return URGENT_REASONS.has(h.reason) ? 'urgent' : 'normal';
}

/** Queued handoffs (given oldest first) in the order agents should take them: urgent first, then by wait. */
export function inPriorityOrder<T extends Pick<HandoffRecord, 'reason'>>(oldestFirst: readonly T[]): T[] {
  return [
    ...oldestFirst.filter((h) => priorityOf(h) === 'urgent'),
    ...oldestFirst.filter((h) => priorityOf(h) === 'normal'),
  ];
}
