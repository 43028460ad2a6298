/**
 * What a turn of a conversation story must satisfy, checked against what the bot answered: the
 * story's own lines (`bot:`, `bot-not:`, `expect: <check> [argument]`) and, on every turn, that
 * the bot understood, did not repeat a whole reply it already gave, and showed nothing personal.
 * The checks are those of test/conversations/README.md.
 */
import type { Knowledge } from '../../bot/knowledge/loader.js';
import type { FailureCode, OrderStatus } from '../../bot/knowledge/schemas.js';
import type { Locale } from '../../bot/locale.js';
import { containsPii } from '../../bot/pii.js';
import type { Plan, PlanCatalogue } from '../../bot/plans.js';
import { loadOrders } from '../../adapters/orders/platform.record.js';
import type { Turn } from './dialog-tester.js';
import type { StoryTurn } from './stories.js';

export const CHECKS = [
  'handoff',
  'no-handoff',
  'asks-order-no',
  'asks-tail',
  'reason',
  'plans',
  'no-plans',
  'plans-ship-to',
  'plans-operator',
  'plans-not-operator',
  'plans-age',
  'lang',
  'max-chars',
  'no-id-request',
  'intent',
  'not-understood',
] as const;

/** A reply this long said word for word a second time is a repeated block, not an answer. */
const REPEAT_CHARS = 30;

const demo = loadOrders();
const personal = demo
  .flatMap((o) => [o.contactPhone, o.idNumber, o.name, o.address])
  .filter((v): v is string => Boolean(v));

/** A template of knowledge/replies.json as a pattern: its `{placeholders}` match anything. */
function templatePattern(template: string): RegExp {
  const parts = template.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('[\\s\\S]*?'));
}

export class ConversationChecker {
  private readonly byUrl: Map<string, Plan>;

  constructor(
    private readonly k: Knowledge,
    plans: PlanCatalogue,
  ) {
    this.byUrl = new Map(plans.plans.map((p) => [p.orderUrl, p]));
  }

  private said(key: string, turn: Turn): boolean {
    return (['zh-CN', 'en'] as Locale[]).some((l) =>
      turn.replies.some((r) => templatePattern(this.k.replies[l][key]!).test(r.text)),
    );
  }

  /** The plans offered in a turn: those whose order link it carries. */
  offered(turn: Turn): Plan[] {
    const urls = turn.said.match(/https?:\/\/\S+/g) ?? [];
    return urls.map((u) => this.byUrl.get(u)).filter((p): p is Plan => p !== undefined);
  }

  /** `@failure CODE` and `@status STATUS` of the older stories, in the turn's language. */
  private resolve(text: string, locale: Locale): string {
    const [directive, arg] = text.split(/\s+/, 2) as [string, string | undefined];
    if (directive === '@failure') return this.k.reasons.get(arg as FailureCode)?.text[locale].title ?? text;
    if (directive === '@status') return this.k.statuses.text[locale][arg as OrderStatus] ?? text;
    return text;
  }

  /**
   * Every problem with one turn ([] when it passes). `earlier`: every reply the bot gave before in
   * this conversation.
   */
  problems(story: StoryTurn, turn: Turn, earlier: readonly string[]): string[] {
    const out: string[] = [];
    const checks = story.checks.map((c) => {
      const [name, ...rest] = c.split(/\s+/);
      return { name: name!, arg: rest.join(' ') };
    });
    for (const c of checks) if (!(CHECKS as readonly string[]).includes(c.name)) out.push(`unknown check '${c.name}'`);
    const has = (name: string) => checks.some((c) => c.name === name);
    const said = turn.said;

    if (!has('not-understood') && (this.said('not_understood', turn) || this.said('offer_human', turn)))
      out.push('answered "not understood"');
    const repeated = turn.replies.find((r) => r.text.length >= REPEAT_CHARS && earlier.includes(r.text));
    if (repeated) out.push(`repeated an earlier reply: ${JSON.stringify(repeated.text.slice(0, 60))}…`);
    if (containsPii(said) || personal.some((p) => said.includes(p))) out.push('shows personal data');

    for (const e of story.expect)
      if (!said.includes(this.resolve(e, turn.locale))) out.push(`does not say ${JSON.stringify(e)}`);
    for (const f of story.forbid)
      if (said.includes(this.resolve(f, turn.locale))) out.push(`says ${JSON.stringify(f)}`);

    const handedOver = turn.effects.some((e) => e.type === 'handoff');
    const plans = this.offered(turn);
    for (const { name, arg } of checks) {
      switch (name) {
        case 'handoff':
          if (!handedOver) out.push('does not hand over');
          break;
        case 'no-handoff':
          if (handedOver) out.push('hands over');
          break;
        case 'asks-order-no':
          if (!this.said('ask_order_no', turn) && !this.said('ask_order_no_again', turn))
            out.push('does not ask for the order number');
          break;
        case 'asks-tail':
          if (!this.said('ask_tail', turn) && !this.said('ask_tail_again', turn))
            out.push('does not ask for the phone digits');
          break;
        case 'reason': {
          const title = this.k.reasons.get(arg as FailureCode)?.text[turn.locale].title;
          if (!title || !said.includes(title)) out.push(`does not name the reason ${arg}`);
          break;
        }
        case 'plans':
          if (!plans.length) out.push('offers no plan');
          break;
        case 'no-plans':
          if (plans.length) out.push(`offers ${plans.map((p) => p.id).join(', ')}`);
          break;
        case 'plans-ship-to':
          for (const p of plans)
            if (!p.onSale || p.excludedProvinces.includes(arg))
              out.push(`offers ${p.id}, which does not ship to ${arg}`);
          break;
        case 'plans-operator':
          for (const p of plans) if (p.operator !== arg) out.push(`offers ${p.id} of ${p.operator}, not ${arg}`);
          break;
        case 'plans-not-operator':
          for (const p of plans) if (p.operator === arg) out.push(`offers ${p.id} of ${arg}`);
          break;
        case 'plans-age':
          for (const p of plans)
            if (Number(arg) < p.ageMin || Number(arg) > p.ageMax)
              out.push(`offers ${p.id} (${p.ageMin}–${p.ageMax}) to a ${arg}-year-old`);
          break;
        case 'lang':
          if (turn.locale !== arg) out.push(`answers in ${turn.locale}, not ${arg}`);
          break;
        case 'max-chars':
          if ([...said].length > Number(arg)) out.push(`says ${[...said].length} characters, more than ${arg}`);
          break;
        case 'no-id-request':
          if (this.said('precheck_ask', turn)) out.push('asks for an ID number');
          break;
        case 'intent':
          if (turn.trace?.intent !== arg) out.push(`reads the intent as ${turn.trace?.intent}, not ${arg}`);
          break;
        default:
          break;
      }
    }
    return out;
  }
}
