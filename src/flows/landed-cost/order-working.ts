import { DomainError } from '../../kernel/errors.ts';
import * as compliance from '../../modules/compliance/index.ts';
import type { Money } from '../../money/index.ts';
import type { Priced } from './explain-landed-cost.ts';
import type { PricedOrder } from './rule-refs.ts';

/**
 * The engine's working for each line of a stored order, when it holds the stored figures: the
 * working kept with the quote; for quotes stored before it was kept, the engine run once more on
 * the stored lines with the rules of the pricing date. Null when neither reproduces every tax.
 */
export function orderWorking(p: Priced, o: PricedOrder): Map<string, compliance.LineWorking> | null {
  const kept = o.lines.map((l) => l.working);
  const byRef = kept.every((w) => w !== undefined)
    ? new Map(o.lines.map((l, i) => [l.lineRef, kept[i]!]))
    : legacyWorking(p, o);
  if (!byRef) return null;
  const paid = (t: compliance.TaxWorking | undefined) => t?.amount.amount ?? 0n;
  const same = o.lines.every((l) => {
    const w = byRef.get(l.lineRef);
    return (
      w !== undefined &&
      w.dutiableValue.currency === p.currency &&
      paid(w.duty) === l.duty &&
      paid(w.importVat) === l.importVat &&
      paid(w.consumptionTax) === l.consumptionTax
    );
  });
  return same ? byRef : null;
}

/** Quotes stored before the engine's working was kept with them: run the engine on the stored lines. */
function legacyWorking(p: Priced, o: PricedOrder): Map<string, compliance.LineWorking> | null {
  const m = (amount: bigint): Money => ({ amount, currency: p.currency });
  let lc: compliance.LandedCost;
  try {
    lc = compliance.computeLandedCost({
      market: p.market,
      currency: p.currency,
      usdRate: p.fxRate,
      at: p.pricedAt,
      route: compliance.parcelCustoms(o)?.route ?? compliance.defaultRoute(p.market),
      // The stored regime says which side of Taiwan's frequent-importer rule the buyer was on.
      ...(o.regime === 'TW_FREQUENT_IMPORTER' ? { buyerHistory: { twImportsThisHalfYear: 1_000 } } : {}),
      lines: o.lines.map((l) => ({
        lineRef: l.lineRef,
        hsCode: l.hsCode,
        productKind: l.kind,
        quantity: l.quantity,
        unitPrice: m(l.unitPrice),
        freight: m(l.freight),
      })),
    });
  } catch (e) {
    // The rules refuse these lines today (a rule ended, a product became ineligible): the
    // breakdown says it shows the stored figures only (checks.recomputed false). Anything else is a fault.
    if (e instanceof DomainError) return null;
    throw e;
  }
  return lc.regime === o.regime ? new Map(lc.lines.map((l) => [l.lineRef, l.working])) : null;
}
