import { invalid, unprocessable } from '../../kernel/errors.js';
import { isMarketCode, type MarketCode } from '../../kernel/locales.js';
import { add, type Money, multiply, sum, zero } from '../../money/index.js';
import { hkLandedCost, jpLandedCost, krLandedCost, sgLandedCost, twLandedCost } from './asia-landed-cost.js';
import { cnLandedCost } from './cn-landed-cost.js';
import { checkEligibility } from './eligibility.js';
import type { LineResult, MarketResult, PreparedLine } from './market-result.js';
import { applied, inForce, marketCurrency, normaliseHs, type Rule, rule } from './rules-data.js';
import type { AppliedRule, LandedCost, LandedCostInput, LandedCostLine, LineTax } from './types.js';

const CALCULATORS: Record<MarketCode, (lines: PreparedLine[], usdRate: string) => MarketResult> = {
  CN: cnLandedCost,
  HK: hkLandedCost,
  TW: twLandedCost,
  JP: jpLandedCost,
  KR: krLandedCost,
  SG: sgLandedCost,
};

const MAX_LINES = 500;
const MAX_QUANTITY = 100_000;
const MAX_AMOUNT = 10n ** 15n;
const RATE_RE = /^\d{1,18}(\.\d{1,12})?$/;

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
  });
}

const uniqueApplied = (rules: Rule[]): AppliedRule[] =>
  [...new Map(rules.map((r) => [r.id, r])).values()].map(applied);

/**
 * Duties and import taxes of one order in the buyer's currency, per line and in total, each
 * amount with the rules that produced it. Pure and deterministic: the caller supplies the FX rate
 * (for USD thresholds) and the date whose rules apply. Each tax is rounded once, half to even,
 * per line; the totals are the sums of the lines.
 *
 * Refuses: malformed input (`invalid`), goods not eligible for the market
 * (`compliance.not_eligible`), China orders above CNY 5,000 with more than one item
 * (`compliance.cn_single_limit_exceeded`), and dates before a rule took effect
 * (`compliance.rule_not_in_force`).
 *
 * @example computeLandedCost({ market: 'CN', currency: 'CNY', usdRate: '7.12', at: new Date(),
 *   lines: [{ lineRef: '1', hsCode: '1602.50', productKind: 'goods', quantity: 1,
 *     unitPrice: money(34560n, 'CNY'), freight: money(5840n, 'CNY') }] }).totals.importVat // 3676n fen
 */
export function computeLandedCost(input: LandedCostInput): LandedCost {
  validate(input);
  const currency = input.currency;
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
        rules: [rule('ALL.service.no_import_tax')],
      });
      continue;
    }
    const hs = normaliseHs(line.hsCode);
    const eligibility = checkEligibility({ market: input.market, hsCode: hs, productKind: 'goods' });
    if (!eligibility.eligible) {
      throw unprocessable(
        'compliance.not_eligible',
        `Line ${line.lineRef} (HS ${line.hsCode}) cannot be sold to ${input.market}.`,
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
      ? CALCULATORS[input.market](goods, input.usdRate)
      : { regime: 'NO_IMPORT', lines: [], rules: [rule('ALL.service.no_import_tax')] };
  for (const r of market.lines) results.set(r.line.lineRef, r);

  const every = [...market.rules, ...market.lines.flatMap((l) => l.rules)];
  for (const r of every) {
    if (!inForce(r, input.at)) {
      throw unprocessable(
        'compliance.rule_not_in_force',
        `Rule ${r.id} is not in force on ${input.at.toISOString()}.`,
        {
          ruleId: r.id,
          effectiveFrom: r.effectiveFrom,
        },
      );
    }
  }

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
    };
  });
  const total = (pick: (l: LineTax) => Money) => sum(lines.map(pick), currency);
  return {
    market: input.market,
    regime: market.regime,
    lines,
    totals: {
      duty: total((l) => l.duty),
      importVat: total((l) => l.importVat),
      consumptionTax: total((l) => l.consumptionTax),
      total: total((l) => l.total),
    },
    dutiableValue: total((l) => l.dutiableValue),
    rules: uniqueApplied([...market.rules, ...[...results.values()].flatMap((r) => r.rules)]),
  };
}
