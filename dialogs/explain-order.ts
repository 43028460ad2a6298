/**
 * What the bot says about a verified order: its status in plain words and, for a failure, the
 * explanation from knowledge/failure-reasons.json. Only masked or non-personal fields are used.
 */
import type { Knowledge } from '../bot/knowledge/loader.js';
import type { Locale } from '../bot/locale.js';
import type { OrderView } from '../bot/order-view.js';
import { maskPhone } from '../bot/pii.js';
import type { Reply } from './dialog.js';
import { t } from './reply.js';

export function explainOrder(view: OrderView, k: Knowledge, locale: Locale): Reply[] {
  const lines: string[] = [];
  const product = view.productName ?? view.productId ?? '—';

  if (view.status === 'unknown') {
    lines.push(t(k, locale, 'status_raw_unknown', { orderNo: view.orderNo, raw: view.rawStatus }));
    return [{ text: lines.join('\n'), suggestions: [t(k, locale, 'sugg_human'), t(k, locale, 'sugg_other_order')] }];
  }

  lines.push(t(k, locale, 'status_line', { orderNo: view.orderNo, product, status: k.statuses.text[locale][view.status] }));
  if (view.status === 'in_review') lines.push(t(k, locale, 'in_review_hint'));
  if (view.express) lines.push(t(k, locale, 'express_line', { express: view.express.name, code: view.express.code }));
  if (view.issuedNumber) lines.push(t(k, locale, 'issued_number_line', { number: maskPhone(view.issuedNumber) }));
  if (view.status === 'shipped') lines.push(t(k, locale, 'shipped_hint'));

  const suggestions = [t(k, locale, 'sugg_other_order'), t(k, locale, 'sugg_human')];
  if (!view.failureCode) return [{ text: lines.join('\n'), suggestions }];

  const reason = k.reasons.get(view.failureCode);
  const replies: Reply[] = [{ text: lines.join('\n') }];
  if (reason) {
    const text = reason.text[locale];
    const detail = [
      t(k, locale, 'failure_line', { title: text.title, what: text.what }),
      t(k, locale, 'failure_can_fix', { canFix: text.canFix }),
      t(k, locale, 'failure_next', { next: text.next }),
    ];
    if (view.unmappedRemark) detail.push(t(k, locale, 'unmapped_remark'));
    else if (reason.needsHuman) detail.push(t(k, locale, 'needs_human_hint'));
    replies.push({ text: detail.join('\n'), suggestions });
  }
  return replies;
}
