import { describe, expect, it } from 'vitest';
import { addBusinessDays, isBusinessDay } from './business-days.ts';
import { trustPolicy } from './policy.ts';

const calendar = trustPolicy().businessDays;

/** Worked by hand on a 2026–27 calendar, US federal holidays as observed (data/trust/policy.json). */
describe('business days for the counter-notice window', () => {
  it.each([
    // Tuesday before Thanksgiving: Wed 25, (Thu 26 holiday), Fri 27, Mon 30, Tue 1 … Wed 9.
    ['2026-11-24T15:00:00Z', 10, '2026-12-09T15:00:00Z'],
    // A Friday: the weekend is skipped, ten business days is two calendar weeks.
    ['2026-12-04T15:00:00Z', 10, '2026-12-18T15:00:00Z'],
    // Christmas (Fri 25) and New Year (Fri 1) fall inside: Dec 16,17,18,21,22,23,24,28,29,30.
    ['2026-12-15T15:00:00Z', 10, '2026-12-30T15:00:00Z'],
    ['2026-12-22T15:00:00Z', 10, '2027-01-07T15:00:00Z'],
    // Independence Day 2027 falls on a Sunday and is observed Monday 5 July.
    ['2027-07-01T15:00:00Z', 1, '2027-07-02T15:00:00Z'],
    ['2027-07-02T15:00:00Z', 1, '2027-07-06T15:00:00Z'],
    // Saturday start: Monday is the first business day after it.
    ['2026-12-05T15:00:00Z', 1, '2026-12-07T15:00:00Z'],
  ])('%s + %i business days = %s', (from, days, expected) => {
    expect(addBusinessDays(new Date(from), days, calendar).toISOString()).toBe(
      new Date(expected).toISOString(),
    );
  });

  it('counts days in US Eastern time: 02:00 UTC on a Saturday is still Friday evening in New York', () => {
    expect(isBusinessDay(new Date('2026-12-05T02:00:00Z'), calendar)).toBe(true);
    expect(isBusinessDay(new Date('2026-12-05T06:00:00Z'), calendar)).toBe(false);
    expect(isBusinessDay(new Date('2026-11-26T17:00:00Z'), calendar)).toBe(false); // Thanksgiving
  });
});
