/**
 * Drizzle's node-postgres driver turns off pg's timestamptz parser, so raw `execute` rows carry
 * PostgreSQL's text form ('2026-11-24 00:00:00.123+00'). This reads it as ISO 8601 strictly,
 * rather than relying on Date's lenient legacy parsing.
 */
export function pgTime(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string') {
    const iso = value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
    const d = new Date(iso);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new Error(`not a PostgreSQL timestamp: ${String(value)}`);
}
