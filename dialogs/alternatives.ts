/**
 * Replies for the plan offers, policy changes, reorder pre-checks and FAQ answers of issue 4: pure
 * functions from the results of bot/eligibility.ts, bot/plans.ts, bot/precheck.ts and bot/faq.ts to
 * Reply[], texts from knowledge/replies.json. Every text passes maskText as a last line of defence:
 * none of these replies should carry personal data, and none may carry it unmasked.
 */
import type { CatalogueQuery, Offer, WhyReason } from '../bot/eligibility.js';
import type { FaqAnswer } from '../bot/faq.js';
import type { Knowledge } from '../bot/knowledge/loader.js';
import type { Locale } from '../bot/locale.js';
import { PROVINCES } from '../bot/nlu/regions.js';
import { operatorName, provinceName } from './facts.js';
import { maskText } from '../bot/pii.js';
import type { PolicyChange } from '../bot/plans.js';
import type { PrecheckResult } from '../bot/precheck.js';
import type { Reply } from '../bot/core/dialog.js';
import { t } from '../bot/core/texts.js';

/** Catalogue values written for Chinese readers (`29元/月`, `18–60岁`, `新疆、西藏`) in English. */
function catalogueValue(value: string, locale: Locale): string {
  if (locale !== 'en') return value;
  const fee = /^(\d+(?:\.\d+)?)\s*元(?:\/月)?$/.exec(value);
  if (fee) return `¥${fee[1]}/month`;
  const ages = /^(\d+)\s*[–-]\s*(\d+)\s*岁$/.exec(value);
  if (ages) return `ages ${ages[1]}–${ages[2]}`;
  const parts = value
    .split(/[、，,]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length && parts.every((p) => PROVINCES.some((x) => x.name === p)))
    return parts.map((p) => provinceName(p, 'en')).join(', ');
  return value;
}

function whyText(w: WhyReason, k: Knowledge, locale: Locale): string {
  switch (w.code) {
    case 'ships_to':
      return t(k, locale, 'alt_why_ships_to', { province: provinceName(w.province, locale) });
    case 'age_range':
      return t(k, locale, 'alt_why_age_range', { ageMin: w.ageMin, ageMax: w.ageMax });
    case 'other_operator':
      return t(k, locale, 'alt_why_other_operator', { operator: operatorName(w.operator, locale) });
    case 'on_sale':
      return t(k, locale, 'alt_why_on_sale');
    case 'same_operator':
      return t(k, locale, 'alt_why_same_operator', { operator: operatorName(w.operator, locale) });
    case 'cheaper':
      return t(k, locale, 'alt_why_cheaper', { saving: w.saving });
    case 'more_data':
      return t(k, locale, 'alt_why_more_data', { extraGB: w.extraGB });
    case 'operator':
      return t(k, locale, 'alt_why_operator', { operator: operatorName(w.operator, locale) });
    case 'minutes':
      return t(k, locale, 'alt_why_minutes', { minutes: w.minutes });
  }
}

/** One line of an offer: name, monthly fee, data, why it fits, order link. */
export function offerText(offer: Offer, index: number, k: Knowledge, locale: Locale): string {
  const reasons = offer.why.map((w) => whyText(w, k, locale)).join(t(k, locale, 'alt_why_sep'));
  return maskText(
    t(k, locale, 'alt_offer', {
      index,
      name: offer.plan.name,
      fee: offer.plan.monthlyFee,
      data: offer.plan.dataGB,
      why: reasons ? t(k, locale, 'alt_why', { reasons }) : '',
      url: offer.orderUrl,
    }),
  ).replace(/ +\n/g, '\n'); // no reasons: no space before the link's line
}

/**
 * The offers as one reply (intro and one numbered entry per plan), or the "nothing found" reply.
 * Call it only for failure codes that have alternatives (hasAlternatives in bot/eligibility.ts).
 */
export function offersReplies(offers: readonly Offer[], k: Knowledge, locale: Locale): Reply[] {
  const suggestions = [t(k, locale, 'sugg_human')];
  if (offers.length === 0) return [{ text: t(k, locale, 'alt_none'), suggestions }];
  const lines = [t(k, locale, 'alt_intro'), ...offers.map((o, i) => offerText(o, i + 1, k, locale))];
  return [{ text: lines.join('\n'), suggestions }];
}

/**
 * Plans on sale for a customer with no failed order (plansOnSale in bot/eligibility.ts), introduced
 * by what they said of themselves ("按您说的（新疆、15岁）"), or "nothing fits" with the same words
 * and, below `youngest` (the lowest age a plan on sale accepts), that age.
 */
export function catalogueReplies(
  offers: readonly Offer[],
  q: CatalogueQuery,
  k: Knowledge,
  locale: Locale,
  youngest?: number,
): Reply[] {
  const e = q.eligibility;
  const conditions = [
    ...(e.province ? [provinceName(e.province, locale)] : []),
    ...(e.age !== undefined ? [t(k, locale, 'catalogue_age', { age: e.age })] : []),
    ...(q.operator ? [operatorName(q.operator, locale)] : []),
  ].join(t(k, locale, 'catalogue_sep'));
  const suggestions = [t(k, locale, 'sugg_human')];
  if (offers.length === 0) {
    // Too young for anything on sale: say from what age, the one thing that would change the answer.
    const tooYoung = e.age !== undefined && youngest !== undefined && e.age < youngest;
    return [
      {
        text:
          t(k, locale, 'catalogue_none', { conditions }) +
          (tooYoung ? t(k, locale, 'catalogue_youngest', { ageMin: youngest }) : ''),
        suggestions,
      },
    ];
  }
  const intro = conditions ? t(k, locale, 'catalogue_intro_for', { conditions }) : t(k, locale, 'catalogue_intro');
  return [{ text: [intro, ...offers.map((o, i) => offerText(o, i + 1, k, locale))].join('\n'), suggestions }];
}

/** The sentence for a policy change (`该套餐自 2026-11-15 起资费由 29元/月 调整为 39元/月，原订单无法继续办理。`). */
export function policyChangeText(change: PolicyChange, k: Knowledge, locale: Locale): string {
  return maskText(
    t(k, locale, `policy_${change.change}`, {
      date: change.date,
      from: catalogueValue(change.from, locale),
      to: catalogueValue(change.to, locale),
    }),
  );
}

/** The policy-change sentence and, when the catalogue gives one, its reason; [] without a change. */
export function policyChangeReplies(change: PolicyChange | null, k: Knowledge, locale: Locale): Reply[] {
  if (!change) return [];
  const lines = [policyChangeText(change, k, locale)];
  const reason = change.reason?.[locale];
  if (reason) lines.push(maskText(t(k, locale, 'policy_reason', { reason: reason.replace(/[。.]$/u, '') })));
  return [{ text: lines.join('\n') }];
}

/** What the pre-check found, in words; never repeats the ID number or the name. */
export function precheckReplies(result: PrecheckResult, planName: string, k: Knowledge, locale: Locale): Reply[] {
  const privacy = t(k, locale, 'precheck_privacy');
  if (result.ok) return [{ text: maskText([t(k, locale, 'precheck_ok', { plan: planName }), privacy].join('\n')) }];
  const lines = [t(k, locale, 'precheck_failed', { plan: planName })];
  for (const r of result.reasons) {
    const params: Record<string, string | number> = {};
    if ('ageMin' in r) params.ageMin = r.ageMin;
    if ('ageMax' in r) params.ageMax = r.ageMax;
    if ('province' in r) params.province = provinceName(r.province, locale);
    lines.push(`- ${t(k, locale, `precheck_${r.code}`, params)}`);
  }
  lines.push(privacy);
  return [{ text: maskText(lines.join('\n')), suggestions: [t(k, locale, 'sugg_human')] }];
}

/** The FAQ answer, or (null: below the confidence bar) "not sure" with the offer of a human. */
export function faqReplies(answer: FaqAnswer | null, k: Knowledge, locale: Locale): Reply[] {
  if (!answer) return [{ text: t(k, locale, 'faq_not_sure'), suggestions: [t(k, locale, 'sugg_human')] }];
  return [{ text: maskText(answer.answer) }];
}
