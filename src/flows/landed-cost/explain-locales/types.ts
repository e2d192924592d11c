import type { Locale } from '../../../kernel/locales.ts';
import type { RuleRole } from '../../../modules/compliance/index.ts';

/** The amounts a landed-cost breakdown names. */
export type AmountKey =
  | 'goods'
  | 'freight'
  | 'dutiableValue'
  | 'duty'
  | 'importVat'
  | 'consumptionTax'
  | 'lineTotal'
  | 'shipping'
  | 'tax'
  | 'total';

/**
 * A label in general, with the names a market or a regime gives it (Japan's import VAT is 消費税,
 * Singapore's GST; China's postal-articles tax, booked as duty, is 行邮税). Keys: market or regime codes.
 */
export interface Label {
  default: string;
  byMarket?: Partial<Record<string, string>>;
}

/**
 * Everything a breakdown says in one language. Every argument is already formatted for the locale
 * (money through Intl.NumberFormat, rates as percentages, dates through Intl.DateTimeFormat), so
 * a template only places them: no English is ever spliced into another language's sentence.
 */
export interface ExplainStrings {
  locale: Locale;
  amounts: Record<AmountKey, Label>;
  routes: Record<'CN_CBEC_9610' | 'CN_CBEC_1210' | 'CN_POSTAL' | 'STANDARD', string>;
  regimes: Record<string, string>;
  unknownRoute(code: string): string;
  unknownRegime(code: string): string;
  /** A rule's name when the data gives it no title in this language: its kind, then its id. */
  roleTitle: Record<RuleRole, string>;
  fxTitle: string;
  shippingTitle: string;
  verification: Record<'Yes' | 'Yes (2°)' | 'Partial' | 'No', string>;
  provisional: string;
  provisionalNote: string;
  notInForceNote: string;
  mismatchNote: string;
  usdNote(p: { rate: string }): string;
  effective(p: { from: string; lastDay?: string }): string;
  s: {
    goods(p: { unitUsd: string; fxRate: string; unit: string; quantity: string; goods: string }): string;
    goodsNoFx(p: { unit: string; quantity: string; goods: string }): string;
    freight(p: { shipping: string; share: string }): string;
    dutiableSum(p: { label: string; goods: string; freight: string; total: string }): string;
    dutiableFactor(p: {
      label: string;
      goods: string;
      factor: string;
      freight: string;
      total: string;
    }): string;
    rate(p: { label: string; rate: string; baseLabel: string; base: string; result: string }): string;
    cnRate(p: {
      label: string;
      vat: string;
      ct: string;
      factor: string;
      rate: string;
      baseLabel: string;
      base: string;
      result: string;
      which: 'importVat' | 'consumptionTax';
    }): string;
    cnCombined(p: { rate: string; baseLabel: string; base: string; result: string }): string;
    rateOnly(p: { label: string; rate: string; result: string }): string;
    exempt(p: { title: string; basisLabel: string; basis: string; limit: string }): string;
    exemptNoBasis(p: { title: string; limit: string }): string;
    exemptNoLimit(p: { title: string }): string;
    notApplicable(p: { label: string }): string;
    stated(p: { label: string; result: string }): string;
    sum(p: { parts: { label: string; value: string }[]; total: string }): string;
    limit(p: { title: string; limit: string }): string;
    limitUsd(p: { title: string; limitUsd: string; converted: string }): string;
    ruleOnly(p: { title: string }): string;
    orderTotal(p: { goods: string; shipping: string; tax: string; total: string }): string;
  };
}
