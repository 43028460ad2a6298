/**
 * Common questions answered for the order on the table rather than in general: this plan's first
 * top-up, activating a card that has expired, changing the address of an order that already
 * failed, and where the parcel is.
 */
import { feeText, fill } from '../facts.js';
import { faq } from './fallbacks.js';
import { humanButton, isOutcome, say, stay, verifiedOrder, type Outcome, type Turn } from './turn.js';

/** "首充要充多少": this plan's amount, or that it needs none. */
export async function firstTopUp(turn: Turn): Promise<Outcome> {
  const v = await verifiedOrder(turn);
  if (!v) return faq(turn);
  if (isOutcome(v)) return v;
  const plan = v.facts.plan;
  if (!plan) return faq(turn);
  const key = plan.firstTopUp ? 'first_topup_amount' : 'first_topup_none';
  return stay(turn, [{ text: say(turn, key, { plan: plan.name, amount: plan.firstTopUp ?? 0 }) }]);
}

/** "还能激活吗" on an expired order: no, and what to do instead. */
export async function activationExpired(turn: Turn): Promise<Outcome> {
  const v = await verifiedOrder(turn);
  if (!v) return faq(turn);
  if (isOutcome(v)) return v;
  const reorder = v.facts.reason ? fill(v.facts.reason.text[turn.input.locale].reorder, v.params) : '';
  return stay(turn, [{ text: [say(turn, 'activation_expired', v.params), reorder].filter(Boolean).join('\n') }]);
}

/** "能改地址吗" on an order that failed, was cancelled or expired: it cannot change; the new order can. */
export async function changeAfterFailure(turn: Turn): Promise<Outcome> {
  const v = await verifiedOrder(turn);
  if (!v) return faq(turn);
  if (isOutcome(v)) return v;
  const view = v.facts.view;
  const status = turn.deps.knowledge.statuses.text[turn.input.locale][view.status];
  const reorder = v.facts.reason ? fill(v.facts.reason.text[turn.input.locale].reorder, v.params) : '';
  return stay(turn, [
    { text: [say(turn, 'change_after_failure', { ...v.params, status }), reorder].filter(Boolean).join('\n') },
  ]);
}

/** "快递到哪了", "单号多少": the order's courier and tracking number, or why nothing was sent. */
export async function parcelStatus(turn: Turn): Promise<Outcome> {
  const v = await verifiedOrder(turn);
  if (!v) return faq(turn);
  if (isOutcome(v)) return v;
  const view = v.facts.view;
  const p = v.params;
  let key: string;
  if (view.failureCode === 'DELIVERY_FAILED') key = p.courier ? 'parcel_returned_tracked' : 'parcel_returned';
  else if (view.status === 'in_review' || view.status === 'needs_photos') key = 'parcel_not_yet';
  // Asked again right after: the courier and number alone, not the same sentence.
  else if (v.facts.cardIssued || view.express)
    key = p.courier
      ? turn.vars.lastAction === 'parcelStatus'
        ? 'parcel_tracked_again'
        : 'parcel_tracked'
      : 'parcel_sent';
  else key = 'parcel_none';
  return stay(turn, [{ text: say(turn, key, p) }]);
}

/** "显示签收了但我没收到", "是不是寄丢了": only a person can chase the courier; offered (a "好的" takes it), with the tracking number when there is one. */
export async function parcelMissing(turn: Turn): Promise<Outcome> {
  const v = await verifiedOrder(turn);
  if (v && isOutcome(v)) return v;
  const tracked = v?.params.courier !== undefined;
  return stay(
    turn,
    [
      {
        text: tracked ? say(turn, 'parcel_missing_tracked', v!.params) : say(turn, 'parcel_missing'),
        suggestions: [humanButton(turn)],
      },
    ],
    { ...turn.vars, lastOffer: 'human' },
  );
}

/**
 * "月租多少来着", "我的新号码是多少": the order's own details: its plan (fee, data, minutes, first
 * top-up, a price change since the order), the number issued if a card was, the day it was ordered.
 */
export async function orderDetails(turn: Turn): Promise<Outcome> {
  const v = await verifiedOrder(turn);
  if (!v) return faq(turn);
  if (isOutcome(v)) return v;
  const { plan, view, change } = v.facts;
  const p = v.params;
  const lines: string[] = [];
  if (plan) {
    const minutes = plan.minutes ? say(turn, 'detail_minutes', { minutes: plan.minutes }) : '';
    lines.push(
      say(turn, 'detail_plan', {
        orderNo: view.orderNo,
        plan: plan.name,
        fee: plan.monthlyFee,
        data: plan.dataGB,
        minutes,
      }),
    );
    lines.push(
      plan.firstTopUp
        ? say(turn, 'detail_first_topup', { amount: plan.firstTopUp })
        : say(turn, 'detail_no_first_topup'),
    );
  }
  if (change?.change === 'repriced')
    lines.push(
      say(turn, 'detail_repriced', {
        date: change.date,
        from: feeText(change.from, turn.input.locale),
        to: feeText(change.to, turn.input.locale),
      }),
    );
  if (p.issued !== undefined) lines.push(say(turn, 'detail_issued', { number: p.issued }));
  if (p.orderDate !== undefined) lines.push(say(turn, 'detail_ordered', { orderDate: p.orderDate }));
  return stay(turn, [{ text: lines.join('\n') }]);
}

/**
 * "卡到了怎么激活", "刷脸不过": activation for this order: nothing to activate yet (in review) or at all
 * (it failed), done already, or how and by when, with this plan's first top-up.
 */
export async function activationHelp(turn: Turn): Promise<Outcome> {
  const v = await verifiedOrder(turn);
  if (!v) return faq(turn);
  if (isOutcome(v)) return v;
  const { view, plan, reason } = v.facts;
  const p = v.params;
  const locale = turn.input.locale;
  const lines: string[] = [];
  if (reason && (reason.code === 'ACTIVATION_FAILED' || reason.code === 'FIRST_RECHARGE_MISSING'))
    lines.push(say(turn, 'failure_title', { title: reason.text[locale].title }), fill(reason.text[locale].next, p));
  else if (view.status === 'in_review' || view.status === 'needs_photos')
    lines.push(say(turn, 'activation_not_shipped', p));
  else if (view.failureCode || view.status === 'cancelled') lines.push(say(turn, 'activation_no_card', p));
  else if (view.status === 'activated' || view.status === 'completed') lines.push(say(turn, 'activation_done', p));
  else {
    const general = turn.deps.faq.file.entries.find((e) => e.id === 'activation')?.[locale].answer;
    lines.push(general ?? say(turn, 'activation_deadline'));
  }
  if (
    plan?.firstTopUp &&
    reason?.code !== 'FIRST_RECHARGE_MISSING' &&
    !view.failureCode &&
    view.status !== 'in_review'
  ) {
    lines.push(say(turn, 'activation_first_topup', { plan: plan.name, amount: plan.firstTopUp }));
  }
  return stay(turn, [{ text: lines.join('\n') }]);
}
