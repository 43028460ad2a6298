/**
 * When agents work (BUSINESS_HOURS in the business time zone, Beijing by default) and what to
 * promise a customer who leaves a message.
 */
import type { Config } from './config.js';
import type { Locale } from './locale.js';

export const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export class BusinessHours {
  constructor(private readonly settings: Pick<Config['handoff'], 'open' | 'close' | 'tzOffsetMinutes'>) {}

  /** Minutes after local midnight, and the local date (as a UTC-read Date), in the business time zone. */
  local(at: Date): { minutes: number; date: Date } {
    const local = new Date(at.getTime() + this.settings.tzOffsetMinutes * 60_000);
    return { minutes: local.getUTCHours() * 60 + local.getUTCMinutes(), date: local };
  }

  /** The local calendar day (YYYY-MM-DD) of an instant. */
  day(at: Date): string {
    return this.local(at).date.toISOString().slice(0, 10);
  }

  isOpen(at: Date): boolean {
    const { open, close } = this.settings;
    const m = this.local(at).minutes;
    return open <= close ? m >= open && m < close : m >= open || m < close;
  }

  /** When a ticket left at `at` will be answered: within 2 h during hours, else by the next opening + 2 h. */
  answerBy(at: Date): Date {
    if (this.isOpen(at)) return new Date(at.getTime() + 2 * 3600_000);
    let until = this.settings.open - this.local(at).minutes;
    if (until < 0) until += 24 * 60;
    return new Date(at.getTime() + (until + 120) * 60_000);
  }

  /** A time as the customer reads it: `11月26日 11:00`, or `2026-11-26 11:00 (Beijing time)`. */
  format(at: Date, locale: Locale): string {
    const { date } = this.local(at);
    const m = date.getUTCMonth() + 1,
      d = date.getUTCDate();
    const time = hhmm(date.getUTCHours() * 60 + date.getUTCMinutes());
    return locale === 'en'
      ? `${date.getUTCFullYear()}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} ${time} (Beijing time)`
      : `${m}月${d}日 ${time}`;
  }

  /** The opening hours as `09:00` and `21:00`. */
  get opening(): { open: string; close: string } {
    return { open: hhmm(this.settings.open), close: hhmm(this.settings.close) };
  }
}
