import { invalid } from '../../kernel/errors.js';
import { isMarketCode, type MarketCode } from '../../kernel/locales.js';
import { applied, lookup, normaliseHs, requireTables, rule } from './rules-data.js';
import type { AppliedRule, ProductKind } from './types.js';

for (const m of ['CN', 'HK', 'TW', 'JP', 'KR', 'SG'] as const) requireTables(m, ['ineligible']);

/** The table's default rule means "accepted"; any row of the `ineligible` table refuses. */
function defaultEligibilityRule(market: MarketCode): string {
  return `${market}.eligibility.${market === 'CN' ? 'positive_list_assumed' : 'default'}`;
}

/**
 * Whether a product may be sold into a market, and the rules that say so. Services cross no
 * border and are always eligible. Goods are refused where the reference forbids them or where
 * Heartland's data cannot compute their taxes (e.g. tobacco), rather than under-taxing them.
 *
 * @example checkEligibility({ market: 'JP', hsCode: '0808.10', productKind: 'goods' }) // apples: { eligible: false, ... }
 */
export function checkEligibility(input: { market: MarketCode; hsCode: string; productKind: ProductKind }): {
  eligible: boolean;
  rules: AppliedRule[];
} {
  if (!isMarketCode(input.market)) {
    throw invalid('compliance.unknown_market', `There is no market ${String(input.market).slice(0, 8)}.`);
  }
  if (input.productKind === 'service')
    return { eligible: true, rules: [applied(rule('ALL.service.no_import_tax'))] };
  if (input.productKind !== 'goods') {
    throw invalid('compliance.invalid_product_kind', 'productKind must be "goods" or "service".');
  }
  const r = lookup(input.market, 'ineligible', normaliseHs(input.hsCode));
  return { eligible: r.id === defaultEligibilityRule(input.market), rules: [applied(r)] };
}
