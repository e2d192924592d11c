import { invalid } from '../../kernel/errors.ts';
import { applied, isProvisional, requireRules, rule } from './rules-data.ts';
import type { AppliedRule } from './types.ts';

requireRules(['CN.cbec.return_restores_quota']);

const DAY_MS = 86_400_000;
const validDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/**
 * Whether a refunded CBEC order gives its annual allowance (and quantity caps) back. China
 * restores the quota for goods returned within 30 days of customs release (C8, Partial).
 * Heartland does not record release, so: never shipped → restored (the goods never cleared);
 * shipped → restored only when refunded within 30 days of shipping. Shipping comes before
 * release and the return before the refund, so this never restores a quota China would not.
 *
 * @example cnQuotaRestoredOnRefund({ shippedAt: null, refundedAt: new Date() }).restored // true
 */
export function cnQuotaRestoredOnRefund(input: { shippedAt: Date | null; refundedAt: Date }): {
  restored: boolean;
  /** Why, in a sentence for the buyer. */
  reason: string;
  provisional: boolean;
  rule: AppliedRule;
} {
  const { shippedAt, refundedAt } = input;
  if (!validDate(refundedAt) || (shippedAt !== null && !validDate(shippedAt))) {
    throw invalid('compliance.invalid_date', 'shippedAt and refundedAt must be valid dates.');
  }
  const r = rule('CN.cbec.return_restores_quota', refundedAt);
  const base = { provisional: isProvisional(r), rule: applied(r) };
  if (shippedAt === null) {
    return {
      ...base,
      restored: true,
      reason: 'The order never shipped, so it never cleared customs: the allowance it used is restored.',
    };
  }
  const days = Number(r.numbers.days!);
  const restored = refundedAt.getTime() - shippedAt.getTime() <= days * DAY_MS;
  return {
    ...base,
    restored,
    reason: restored
      ? `Refunded within ${days} days of shipping: the allowance it used is restored.`
      : `Refunded more than ${days} days after shipping: China restores the allowance only for goods returned within ${days} days of customs release, so it stays used.`,
  };
}
