import { invalid, unprocessable } from '../../kernel/errors.ts';
import { isMarketCode, type MarketCode } from '../../kernel/locales.ts';
import { add, type Money, multiply, sum, zero } from '../../money/index.ts';
import { hkLandedCost, jpLandedCost, krLandedCost, sgLandedCost, twLandedCost } from './asia-landed-cost.ts';
import { cnLandedCost } from './cn-landed-cost.ts';
import { isQuantityCapId } from './cn-positive-list.ts';
import { NO_IMPORT, resolveRoute } from './cn-routes.ts';
import { checkEligibility } from './eligibility.ts';
import type { LineResult, MarketCalculator, MarketResult, PreparedLine } from './market-result.ts';
import { applied, marketCurrency, normaliseHs, type Rule, rule } from './rules-data.ts';
import { idLandedCost, myLandedCost, phLandedCost, thLandedCost, vnLandedCost } from './sea-landed-cost.ts';
import type { AppliedRule, LandedCost, LandedCostInput, LandedCostLine, LineTax } from './types.ts';

const CALCULATORS: Record<MarketCode, MarketCalculator> = {
  CN: cnLandedCost,
  HK: hkLandedCost,
  TW: twLandedCost,
  JP: jpLandedCost,
  KR: krLandedCost,
  SG: sgLandedCost,
  VN: vnLandedCost,
  TH: thLandedCost,
  MY: myLandedCost,
  PH: phLandedCost,
  ID: idLandedCost,
};

const MAX_LINES = 500;
const MAX_QUANTITY = 100_000;
const MAX_AMOUNT = 10n ** 15n;
const RATE_RE = /^\d{1,18}(\.\d{1,12})?$/;
const MAX_GRAMS = 100_000_000;

function badLine(line: LandedCostLine, index: number, field: string, message: string): never {
  throw invalid('compliance.invalid_line', message, {
    line: index,
    lineRef: String(line.lineRef).slice(0, 100),
    field,
  });
}

function checkMoney(
  line: LandedCostLine,
  index: number,
  field: 'unitPrice' | 'freight',
  m: Money,
  currency: string,
) {
  if (!m || typeof m.amount !== 'bigint' || m.currency !== currency) {
    badLine(line, index, field, `${field} must be an amount in ${currency}.`);
  }
  if (m.amount < 0n || m.amount > MAX_AMOUNT) badLine(line, index, field, `${field} is out of range.`);
}

function validate(input: LandedCostInput): void {
  if (!isMarketCode(input.market)) {
    throw invalid('compliance.unknown_market', `There is no market ${String(input.market).slice(0, 8)}.`);
  }
  const currency = marketCurrency(input.market);
  if (input.currency !== currency) {
    throw invalid(
      'compliance.currency_mismatch',
      `Landed cost for ${input.market} is computed in ${currency}.`,
      {
        expected: currency,
        got: String(input.currency).slice(0, 8),
      },
    );
  }
  if (typeof input.usdRate !== 'string' || !RATE_RE.test(input.usdRate) || !/[1-9]/.test(input.usdRate)) {
    throw invalid('compliance.invalid_usd_rate', 'usdRate must be a positive decimal string.');
  }
  if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())) {
    throw invalid('compliance.invalid_date', '`at` must be a valid date.');
  }
  if (!Array.isArray(input.lines) || input.lines.length === 0 || input.lines.length > MAX_LINES) {
    throw invalid('compliance.invalid_lines', `An order has 1 to ${MAX_LINES} lines.`);
  }
  const refs = new Set<string>();
  input.lines.forEach((line, i) => {
    if (typeof line.lineRef !== 'string' || line.lineRef.length === 0 || line.lineRef.length > 100) {
      badLine(line, i, 'lineRef', 'lineRef must be 1 to 100 characters.');
    }
    if (refs.has(line.lineRef)) badLine(line, i, 'lineRef', 'lineRef must be unique within an order.');
    refs.add(line.lineRef);
    if (line.productKind !== 'goods' && line.productKind !== 'service') {
      badLine(line, i, 'productKind', 'productKind must be "goods" or "service".');
    }
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      badLine(line, i, 'quantity', `quantity must be an integer from 1 to ${MAX_QUANTITY}.`);
    }
    checkMoney(line, i, 'unitPrice', line.unitPrice, currency);
    checkMoney(line, i, 'freight', line.freight, currency);
    const g = line.weightGrams;
    if (g !== undefined && (!Number.isSafeInteger(g) || g < 1 || g > MAX_GRAMS)) {
      badLine(line, i, 'weightGrams', `weightGrams must be an integer from 1 to ${MAX_GRAMS}.`);
    }
  });
  resolveRoute(input.market, input.route);
  validateHistory(input.buyerHistory);
}

function badHistory(field: string, message: string): never {
  throw invalid('compliance.invalid_buyer_history', message, { field });
}

/** The shape of buyerHistory and its China fields; each market checks its own fields' meaning. */
function validateHistory(h: LandedCostInput['buyerHistory']): void {
  if (h === undefined) return;
  if (h === null || typeof h !== 'object' || Array.isArray(h)) {
    badHistory('buyerHistory', 'buyerHistory must be an object.');
  }
  const used = h.cnCbecUsedThisYear;
  if (
    used !== undefined &&
    (!used ||
      typeof used.amount !== 'bigint' ||
      used.currency !== 'CNY' ||
      used.amount < 0n ||
      used.amount > MAX_AMOUNT)
  ) {
    badHistory('cnCbecUsedThisYear', 'cnCbecUsedThisYear must be a CNY amount, 0 or more.');
  }
  const caps = h.cnCapsUsedThisYear;
  if (caps === undefined) return;
  if (caps === null || typeof caps !== 'object' || Array.isArray(caps)) {
    badHistory('cnCapsUsedThisYear', 'cnCapsUsedThisYear must map quantity-cap ids to grams.');
  }
  for (const [id, grams] of Object.entries(caps)) {
    if (!isQuantityCapId(id)) {
      badHistory('cnCapsUsedThisYear', `${id.slice(0, 80)} is not a China quantity cap.`);
    }
    if (!Number.isSafeInteger(grams) || grams < 0 || grams > MAX_GRAMS) {
      badHistory('cnCapsUsedThisYear', `Grams used under ${id} must be an integer from 0 to ${MAX_GRAMS}.`);
    }
  }
}

const uniqueApplied = (rules: Rule[]): AppliedRule[] =>
  [...new Map(rules.map((r) => [r.id, r])).values()].map(applied);

/**
 * Duties and import taxes of one order in the buyer's currency, per line and in total, each
 * amount with the rules that produced it. Pure and deterministic: the caller supplies the FX rate
 * (for USD thresholds) and the date whose rules apply. Each tax is rounded once, half to even,
 * per line; the totals are the sums of the lines.
 *
 * Refuses: malformed input (`invalid`), a route the market does not take
 * (`compliance.invalid_route`), goods not eligible for the market or route
 * (`compliance.not_eligible`; China's CBEC routes: `compliance.not_on_positive_list`,
 * `compliance.positive_list_route_restricted`), China's limits (`cn_single_limit_exceeded`,
 * `cn_annual_limit_exceeded` with the buyer's history, `cn_quantity_cap_exceeded`,
 * `cn_postal_parcel_limit_exceeded`), and dates before a rule took effect
 * (`compliance.rule_not_in_force`).
 *
 * @example computeLandedCost({ market: 'CN', currency: 'CNY', usdRate: '7.12', at: new Date(),
 *   lines: [{ lineRef: '1', hsCode: '1602.50', productKind: 'goods', quantity: 1,
 *     unitPrice: money(34560n, 'CNY'), freight: money(5840n, 'CNY') }] }).totals.importVat // 3676n fen
 */
export function computeLandedCost(input: LandedCostInput): LandedCost {
  validate(input);
  const currency = input.currency;
  const route = resolveRoute(input.market, input.route);
  const goods: PreparedLine[] = [];
  const results = new Map<string, LineResult>();
  for (const line of input.lines) {
    if (line.productKind === 'service') {
      const z = zero(currency);
      results.set(line.lineRef, {
        line,
        dutiableValue: z,
        duty: z,
        importVat: z,
        consumptionTax: z,
        rules: [rule('ALL.service.no_import_tax', input.at)],
        working: {},
      });
      continue;
    }
    const hs = normaliseHs(line.hsCode);
    const eligibility = checkEligibility({
      market: input.market,
      hsCode: hs,
      productKind: 'goods',
      at: input.at,
      route,
    });
    if (!eligibility.eligible) {
      // The refusal's own code: not eligible at all, or not on China's Positive List for this route.
      throw unprocessable(
        eligibility.refusal?.code ?? 'compliance.not_eligible',
        eligibility.refusal
          ? `Line ${line.lineRef}: ${eligibility.refusal.message}`
          : `Line ${line.lineRef} (HS ${line.hsCode}) cannot be sold to ${input.market}.`,
        {
          lineRef: line.lineRef,
          rules: eligibility.rules,
        },
      );
    }
    goods.push({ line, hs, value: multiply(line.unitPrice, line.quantity) });
  }

  const market: MarketResult =
    goods.length > 0
      ? CALCULATORS[input.market](goods, {
          usdRate: input.usdRate,
          at: input.at,
          route,
          history: input.buyerHistory ?? {},
        })
      : { regime: NO_IMPORT, lines: [], rules: [rule('ALL.service.no_import_tax', input.at)] };
  for (const r of market.lines) results.set(r.line.lineRef, r);

  const lines: LineTax[] = input.lines.map((line) => {
    const r = results.get(line.lineRef)!;
    return {
      lineRef: line.lineRef,
      dutiableValue: r.dutiableValue,
      duty: r.duty,
      importVat: r.importVat,
      consumptionTax: r.consumptionTax,
      total: add(add(r.duty, r.importVat), r.consumptionTax),
      rules: uniqueApplied(r.rules),
      working: { dutiableValue: r.dutiableValue, ...r.working },
    };
  });
  const total = (pick: (l: LineTax) => Money) => sum(lines.map(pick), currency);
  const rules = uniqueApplied([...market.rules, ...[...results.values()].flatMap((r) => r.rules)]);
  return {
    market: input.market,
    route,
    regime: market.regime,
    customs: market.regime === NO_IMPORT ? null : { route, fullRate: market.fullRate ?? false },
    provisional: rules.some((r) => r.provisional),
    lines,
    totals: {
      duty: total((l) => l.duty),
      importVat: total((l) => l.importVat),
      consumptionTax: total((l) => l.consumptionTax),
      total: total((l) => l.total),
    },
    dutiableValue: total((l) => l.dutiableValue),
    rules,
  };
}
