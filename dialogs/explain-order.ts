/**
 * What the bot says about a verified order: its status in plain words and, for a failure, the
 * explanation from knowledge/failure-reasons.json. Only masked or non-personal fields are used.
 */
import type { Knowledge } from '../bot/knowledge/loader.js';
import type { Locale } from '../bot/locale.js';
import type { OrderView } from '../bot/order-view.js';
import type { Reply } from '../bot/core/dialog.js';
import { fill, type Params } from './facts.js';
import { t } from '../bot/core/texts.js';

/** Review takes 1–3 working days (in_review_hint); past this many, the bot says so and offers a person. */
export const REVIEW_WORKING_DAYS = 3;

/** Working days (Monday to Friday, Beijing dates) from the day after `from` to `to`, both ISO times. */
export function workingDaysBetween(from: string, to: Date): number {
  const beijingDay = (ms: number) => Math.floor((ms + 8 * 3_600_000) / 86_400_000);
  const start = beijingDay(Date.parse(from));
  const end = beijingDay(to.getTime());
  let days = 0;
  // Day 0 of the epoch (1970-01-01) was a Thursday: (day + 4) % 7 is 0 on Sundays, 6 on Saturdays.
  for (let d = start + 1; d <= end; d++) if ((d + 4) % 7 !== 0 && (d + 4) % 7 !== 6) days++;
  return days;
}

/** An order in review for longer than REVIEW_WORKING_DAYS as of `now` (never without a clock). */
export function reviewOverdue(view: OrderView, now?: Date): boolean {
  return (
    view.status === 'in_review' &&
    now !== undefined &&
    view.createdAt !== null &&
    !Number.isNaN(Date.parse(view.createdAt)) &&
    workingDaysBetween(view.createdAt, now) > REVIEW_WORKING_DAYS
  );
}

/** How the status is said: a failure the customer can still continue (R1) is "on hold", not "failed". */
export function statusText(view: OrderView, k: Knowledge, locale: Locale): string {
  const reason = view.failureCode ? k.reasons.get(view.failureCode) : undefined;
  return reason?.recoverability === 'R1' ? k.statuses.onHold[locale] : k.statuses.text[locale][view.status];
}

/**
 * The replies about an order, filled from its facts (`params`, see facts.ts: without them the
 * general wording is used, as in a status notice). With `now`, an order in review for longer than
 * REVIEW_WORKING_DAYS says so and offers a person to chase the operator. The issued number is only
 * shown where `params` has it (a card was issued).
 */
export function explainOrder(view: OrderView, k: Knowledge, locale: Locale, now?: Date, params: Params = {}): Reply[] {
  const lines: string[] = [];
  const product = view.productName ?? view.productId ?? '—';

  if (view.status === 'unknown') {
    lines.push(t(k, locale, 'status_raw_unknown', { orderNo: view.orderNo, raw: view.rawStatus }));
    return [{ text: lines.join('\n'), suggestions: [t(k, locale, 'sugg_human'), t(k, locale, 'sugg_other_order')] }];
  }

  lines.push(t(k, locale, 'status_line', { orderNo: view.orderNo, product, status: statusText(view, k, locale) }));
  const overdue = reviewOverdue(view, now);
  if (view.status === 'in_review')
    lines.push(
      t(k, locale, overdue ? 'in_review_overdue' : 'in_review_hint', {
        days: overdue ? workingDaysBetween(view.createdAt!, now!) : 0,
      }),
    );
  if (view.express) lines.push(t(k, locale, 'express_line', { express: view.express.name, code: view.express.code }));
  if (params.issued !== undefined) lines.push(t(k, locale, 'issued_number_line', { number: params.issued }));
  if (view.status === 'shipped') lines.push(t(k, locale, 'shipped_hint'));

  const suggestions = overdue
    ? [t(k, locale, 'sugg_human'), t(k, locale, 'sugg_other_order')]
    : [t(k, locale, 'sugg_other_order'), t(k, locale, 'sugg_human')];
  if (!view.failureCode) return [{ text: lines.join('\n'), suggestions }];

  const reason = k.reasons.get(view.failureCode);
  const replies: Reply[] = [{ text: lines.join('\n') }];
  if (reason) {
    const text = reason.text[locale];
    const detail = [
      t(k, locale, 'failure_line', { title: text.title, what: fill(text.what, params) }),
      t(k, locale, 'failure_can_fix', { canFix: fill(text.canFix, params) }),
      t(k, locale, 'failure_next', { next: fill(text.next, params) }),
    ];
    if (view.unmappedRemark) detail.push(t(k, locale, 'unmapped_remark'));
    else if (reason.needsHuman) detail.push(t(k, locale, 'needs_human_hint'));
    replies.push({ text: detail.join('\n'), suggestions });
  }
  return replies;
}
