import type { MarketCode } from '../../kernel/locales.ts';
import { localDate } from './rules-data.ts';

/**
 * Calendar days (YYYY-MM-DD) as a market counts them. Documents and requirements are dated in
 * days, and a registration "valid through 31 December" in China ends at midnight Beijing time.
 */

const DAY_MS = 86_400_000;

/** A real calendar date: the shape, and no 30 February. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The date in the market at an instant. */
export function marketDate(market: MarketCode, at: Date): string {
  return localDate(market, at);
}

/**
 * The first instant of a day in the market's clock. Found by bisection on `marketDate`, so it
 * follows whatever offset the trade-rules data gives the market (to the millisecond).
 */
export function marketDayStart(market: MarketCode, day: string): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  // Offsets lie within ±14 h: the day starts somewhere in this window.
  let lo = midnightUtc - 15 * 3_600_000; // before the day begins
  let hi = midnightUtc + 15 * 3_600_000; // the day has begun
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (marketDate(market, new Date(mid)) >= day) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** An instant inside a day of the market (its noon), for rules that take an instant. */
export function marketNoon(market: MarketCode, day: string): Date {
  return new Date(marketDayStart(market, day).getTime() + DAY_MS / 2);
}
