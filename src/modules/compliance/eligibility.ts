import { invalid } from '../../kernel/errors.ts';
import { isMarketCode, MARKET_CODES, type MarketCode } from '../../kernel/locales.ts';
import { foodRegistrationQuestion, positiveListEntry } from './cn-positive-list.ts';
import { isCnCbecRoute, resolveRoute } from './cn-routes.ts';
import { applied, lookup, normaliseHs, type Rule, requireTables, rule } from './rules-data.ts';
import type { AppliedRule, ClearanceRoute, ProductKind } from './types.ts';

for (const m of MARKET_CODES) requireTables(m, ['ineligible']);

export interface Eligibility {
  eligible: boolean;
  /** True when any rule behind the answer is Partial or unverified in the reference. */
  provisional: boolean;
  rules: AppliedRule[];
  /** Why not, when not eligible: a stable code and a sentence for the seller or buyer. */
  refusal?: { code: string; message: string };
}

function answer(eligible: boolean, rules: Rule[], refusal?: Eligibility['refusal']): Eligibility {
  const shown = rules.map(applied);
  return {
    eligible,
    provisional: shown.some((r) => r.provisional),
    rules: shown,
    ...(refusal ? { refusal } : {}),
  };
}

/**
 * Whether a product may be sold into a market by a route, and the rules that say so. Services
 * cross no border and are always eligible. Goods are refused where the reference forbids them or
 * where Heartland's data cannot compute their taxes (e.g. tobacco), rather than under-taxing them
 * (the market's `ineligible` table, every route). China's cross-border routes (9610, 1210) also
 * need the good on the Positive List, 1210-only entries refuse 9610, and food there rests on the
 * open question of facility registration (provisional). The route defaults as in
 * computeLandedCost: direct purchase (9610) for China.
 *
 * @example checkEligibility({ market: 'JP', hsCode: '0808.10', productKind: 'goods' }).eligible // false
 * @example checkEligibility({ market: 'CN', hsCode: '2501.00', productKind: 'goods', route: 'CN_POSTAL' })
 *   .eligible // true: salt is not on the Positive List, but the post takes it
 */
export function checkEligibility(input: {
  market: MarketCode;
  hsCode: string;
  productKind: ProductKind;
  /** The date whose rules apply; now when omitted. */
  at?: Date;
  route?: ClearanceRoute;
}): Eligibility {
  if (!isMarketCode(input.market)) {
    throw invalid('compliance.unknown_market', `There is no market ${String(input.market).slice(0, 8)}.`);
  }
  const route = resolveRoute(input.market, input.route);
  const at = input.at ?? new Date();
  if (input.productKind === 'service') return answer(true, [rule('ALL.service.no_import_tax', at)]);
  if (input.productKind !== 'goods') {
    throw invalid('compliance.invalid_product_kind', 'productKind must be "goods" or "service".');
  }
  const hs = normaliseHs(input.hsCode);
  const r = lookup(input.market, 'ineligible', hs, at);
  if (r.id !== `${input.market}.eligibility.default`) {
    return answer(false, [r], {
      code: 'compliance.not_eligible',
      message: `HS ${input.hsCode.slice(0, 20)} cannot be sold into ${input.market}: ${r.description}`,
    });
  }
  if (!isCnCbecRoute(route)) return answer(true, [r]);
  const entry = positiveListEntry(hs, route, at);
  const food = foodRegistrationQuestion(hs, at);
  const rules = food ? [r, entry.rule, food] : [r, entry.rule];
  return entry.refusal ? answer(false, rules, entry.refusal) : answer(true, rules);
}
