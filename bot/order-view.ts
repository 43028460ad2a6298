/**
 * Turns a platform's raw order into the bot's view: normalised status, failure code from the
 * Remark (rules in knowledge/failure-reasons.json, never invented), and masked personal data.
 */
import type { Knowledge } from './knowledge/loader.js';
import type { FailureCode, OrderStatus } from './knowledge/schemas.js';
import { maskAddress, maskIdCard, maskName, maskPhone, maskText } from './pii.js';
import type { Order } from './core/ports/order-source.js';
import { sharedRemarkSimilarity } from './remark-similarity.js';

export interface OrderView {
  orderNo: string;
  /** The platform's status as it sent it, kept for agents. */
  rawStatus: string;
  status: OrderStatus;
  /** The platform's free-text reason, kept for agents; masked, since it can quote the order's personal data. */
  remark: string | null;
  failureCode: FailureCode | null;
  /** True when a Remark was present but neither a rule nor a close-enough example matched it: agents should see these. */
  unmappedRemark: boolean;
  /** How the failure code was read from the Remark, when it was. */
  remarkMatchedBy?: 'rule' | 'similarity';
  productId: string | null;
  productName: string | null;
  operator: string | null;
  province: string | null;
  express: { name: string; code: string } | null;
  /** The number the operator issued, masked (`170****1643`). */
  issuedNumber: string | null;
  createdAt: string | null;
  masked: { phone: string; name: string | null; idCard: string | null; address: string | null };
}

/**
 * The bot's status for a platform's raw one: from the platform's table, else from the words of the
 * raw status (开卡失败 is failed, 已取消发货 cancelled), else unknown.
 */
export function normaliseStatus(raw: string, k: Knowledge, platform = '172'): OrderStatus {
  const text = raw.trim();
  const known = k.statuses.platforms[platform]?.[text];
  if (known) return known;
  return k.statuses.keywords.find((entry) => entry.words.some((w) => text.includes(w)))?.status ?? 'unknown';
}

/** Maps a free-text Remark to a failure code by the rules, first match in file order. */
export function classifyRemark(remark: string | null | undefined, k: Knowledge): FailureCode | null {
  const text = remark?.trim();
  if (!text) return null;
  for (const rule of k.reasonRules) {
    if (rule.regexes.some((re) => re.test(text))) return rule.code;
  }
  return null;
}

const FINAL_BAD: ReadonlySet<OrderStatus> = new Set(['failed', 'cancelled', 'expired', 'needs_photos']);

export function viewOrder(o: Order, k: Knowledge): OrderView {
  const status = normaliseStatus(o.status, k);
  const remark = o.remark?.trim() || null;
  const byRule = classifyRemark(remark, k);
  // New wordings no rule knows: the closest example remark, if it is close enough (remark-similarity.ts).
  const bySimilarity = byRule || !remark ? null : sharedRemarkSimilarity().classify(remark);
  const matched = byRule ?? bySimilarity;
  let failureCode: FailureCode | null = matched;
  if (!failureCode && FINAL_BAD.has(status)) {
    // A final status with an unreadable reason: say we don't know rather than guess.
    failureCode = remark ? 'SYSTEM_OR_UNKNOWN' : (k.statuses.impliedFailure[status] ?? 'SYSTEM_OR_UNKNOWN');
  }
  return {
    orderNo: o.orderNo,
    rawStatus: o.status,
    status,
    remark: remark ? maskText(remark, { name: o.name, address: o.address }) : null,
    failureCode,
    unmappedRemark: Boolean(remark) && !matched,
    ...(matched ? { remarkMatchedBy: byRule ? ('rule' as const) : ('similarity' as const) } : {}),
    productId: o.planId,
    productName: o.planName,
    operator: o.operator,
    province: o.province,
    express: o.courier && o.trackingNo ? { name: o.courier, code: o.trackingNo } : null,
    issuedNumber: o.issuedNumber ? maskPhone(o.issuedNumber) : null,
    createdAt: o.createdAt,
    masked: {
      phone: maskPhone(o.contactPhone),
      name: o.name ? maskName(o.name) : null,
      idCard: o.idNumber ? maskIdCard(o.idNumber) : null,
      // Province and city are enough to talk about delivery; the street stays hidden.
      address: o.address
        ? o.province || o.city
          ? `${o.province ?? ''}${o.city ?? ''}****`
          : maskAddress(o.address)
        : null,
    },
  };
}

/** Whether the customer typed the last 4 digits of the order's contact phone. */
export function phoneTailMatches(o: Order, tail: string): boolean {
  return o.contactPhone.replace(/\D/g, '').slice(-4) === tail;
}
