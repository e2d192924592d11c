/** The operations pages' formats: instants in UTC, durations, time left on a server-side timer. */

export const when = (iso: string) =>
  new Date(iso).toLocaleString('en-US', { timeZone: 'UTC', timeZoneName: 'short' });

/** snake_case codes as words: 'pending_review' → 'pending review'. */
export const words = (code: string) => code.replaceAll('_', ' ');

export function duration(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? '' : 's'}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'}`;
  return `${minutes} minutes`;
}

/**
 * How long until `due`, counted from the server's `asOf` (the timers run on the server's clock,
 * not the agent's): "3 days 4 hours left" or "passed 2 hours ago".
 */
export function timeLeft(due: string, asOf: string): { text: string; passed: boolean } {
  const ms = new Date(due).getTime() - new Date(asOf).getTime();
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts =
    d > 0
      ? [`${d} day${d === 1 ? '' : 's'}`, ...(h > 0 ? [`${h} hour${h === 1 ? '' : 's'}`] : [])]
      : h > 0
        ? [`${h} hour${h === 1 ? '' : 's'}`, ...(m > 0 ? [`${m} min`] : [])]
        : [`${m} min`];
  return ms >= 0
    ? { text: `${parts.join(' ')} left`, passed: false }
    : { text: `passed ${parts.join(' ')} ago`, passed: true };
}
