import type { TrustPolicy } from './policy.ts';

const DAY_MS = 86_400_000;

/** The calendar date (YYYY-MM-DD) and weekday (0 = Sunday) of an instant in a time zone. */
function localDay(at: Date, timeZone: string): { date: string; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { date: `${get('year')}-${get('month')}-${get('day')}`, weekday };
}

export function isBusinessDay(at: Date, calendar: TrustPolicy['businessDays']): boolean {
  const { date, weekday } = localDay(at, calendar.timeZone);
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.has(date);
}

/**
 * The instant `days` business days after `from`: the same time of day on the `days`-th business
 * day that follows (weekends and holidays skipped, in the calendar's time zone). Counting starts
 * the day after `from`, as a statutory period does.
 * @example addBusinessDays(new Date('2026-11-24T15:00:00Z'), 10, cal) // 2026-12-09T15:00:00Z (Thanksgiving skipped)
 */
export function addBusinessDays(from: Date, days: number, calendar: TrustPolicy['businessDays']): Date {
  let t = from.getTime();
  let left = days;
  while (left > 0) {
    t += DAY_MS;
    if (isBusinessDay(new Date(t), calendar)) left--;
  }
  return new Date(t);
}
