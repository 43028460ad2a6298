/**
 * The supervisor's figures, computed from the handoff records: containment (conversations the bot
 * finished alone), escalations by failure code, and per local day the handoffs, wait and rating.
 */
import type { BusinessHours } from './business-hours.js';
import type { HandoffStore } from './core/ports/handoff-store.js';

export interface SupervisorStats {
  since: string;
  conversations: number;
  escalated: number;
  /** Share of conversations the bot finished alone; null with no conversations. */
  containment: number | null;
  escalationsByCode: Record<string, number>;
  days: Array<{
    day: string;
    handoffs: number;
    avgWaitSeconds: number | null;
    avgRating: number | null;
    ratings: number;
  }>;
}

const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** Figures over the `days` days before `now`, every day of the period included (charts have no gaps). */
export async function supervisorStats(
  handoffs: HandoffStore,
  hours: BusinessHours,
  now: Date,
  days = 14,
): Promise<SupervisorStats> {
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  const records = await handoffs.since(since);
  const conversations = await handoffs.conversationsSince(since);
  const escalated = new Set(records.map((h) => h.conversationId)).size;
  const byCode: Record<string, number> = {};
  const perDay = new Map<string, { waits: number[]; ratings: number[]; handoffs: number }>();
  for (const h of records) {
    const key = h.failureCode ?? h.reason;
    byCode[key] = (byCode[key] ?? 0) + 1;
    const day = hours.day(new Date(h.queuedAt));
    const d = perDay.get(day) ?? { waits: [], ratings: [], handoffs: 0 };
    d.handoffs++;
    if (h.claimedAt) d.waits.push((Date.parse(h.claimedAt) - Date.parse(h.queuedAt)) / 1000);
    if (h.rating) d.ratings.push(h.rating);
    perDay.set(day, d);
  }
  const period = [
    ...new Set(
      Array.from({ length: days + 1 }, (_, i) => hours.day(new Date(now.getTime() - (days - i) * 86_400_000))),
    ),
  ];
  return {
    since,
    conversations,
    escalated,
    containment: conversations ? Math.max(0, conversations - escalated) / conversations : null,
    escalationsByCode: byCode,
    days: period.map((day) => {
      const d = perDay.get(day) ?? { waits: [], ratings: [], handoffs: 0 };
      return {
        day,
        handoffs: d.handoffs,
        avgWaitSeconds: avg(d.waits),
        avgRating: avg(d.ratings),
        ratings: d.ratings.length,
      };
    }),
  };
}
