import { sql } from 'drizzle-orm';

/**
 * The one rule for what postings add up to, as SQL aggregates over `ledger_postings p JOIN
 * ledger_entries e`: a hold adds to *_pending; posting it moves the amount to *_posted; voiding it
 * takes it back out of *_pending. The trial balance and the per-account check both use it.
 */
export const POSTING_SUMS = sql.raw(`
  coalesce(sum(p.amount) FILTER (WHERE p.direction = 'debit' AND e.mode IN ('single', 'post_pending')), 0) AS debits_posted,
  coalesce(sum(p.amount) FILTER (WHERE p.direction = 'credit' AND e.mode IN ('single', 'post_pending')), 0) AS credits_posted,
  coalesce(sum(CASE WHEN e.mode = 'pending' THEN p.amount ELSE -p.amount END)
    FILTER (WHERE p.direction = 'debit' AND e.mode <> 'single'), 0) AS debits_pending,
  coalesce(sum(CASE WHEN e.mode = 'pending' THEN p.amount ELSE -p.amount END)
    FILTER (WHERE p.direction = 'credit' AND e.mode <> 'single'), 0) AS credits_pending`);
