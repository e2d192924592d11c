import type { ExplainStrings } from './types.ts';

export const en: ExplainStrings = {
  locale: 'en',
  amounts: {
    goods: { default: 'Goods value' },
    freight: { default: 'Freight share' },
    dutiableValue: { default: 'Customs value', byMarket: { CN: 'Dutiable value' } },
    duty: {
      default: 'Customs duty',
      byMarket: {
        CN_POSTAL: 'Postal articles tax',
        CN_POSTAL_WAIVED: 'Postal articles tax',
        HK: 'Excise duty',
      },
    },
    importVat: {
      default: 'Import VAT/GST',
      byMarket: {
        MY: 'Sales tax',
        CN: 'Import VAT',
        JP: 'Import consumption tax',
        KR: 'VAT',
        SG: 'GST',
        TW: 'Business tax',
      },
    },
    consumptionTax: { default: 'Consumption tax' },
    lineTotal: { default: 'Taxes and duties' },
    shipping: { default: 'Shipping' },
    tax: { default: 'Taxes and duties' },
    total: { default: 'Total to pay' },
  },
  routes: {
    CN_CBEC_9610: 'Cross-border e-commerce direct purchase import (9610)',
    CN_CBEC_1210: 'Cross-border e-commerce bonded import (1210)',
    CN_POSTAL: 'Personal postal articles',
    STANDARD: 'Standard import by courier or post',
  },
  regimes: {
    CN_CBEC_9610: 'Cross-border retail import within the limits: duty 0%, VAT and consumption tax at 70%',
    CN_CBEC_9610_FULL_RATE:
      'Cross-border retail import of one indivisible item above the single limit: taxed in full',
    HK_FREE_PORT: 'Free port: no customs duty or VAT',
    TW_DE_MINIMIS: 'Within the duty-free threshold',
    TW_BUSINESS_TAX: 'Above the duty-free threshold: duty and business tax',
    JP_DE_MINIMIS: 'Customs value within the exemption: no duty or consumption tax',
    JP_CONSUMPTION_TAX: 'Import consumption tax on the customs value',
    KR_LIST_CLEARANCE: 'List clearance: no duty or VAT',
    KR_GENERAL_IMPORT: 'General import declaration: duty and VAT',
    SG_GST_LVG: 'Low-value goods: GST charged by the seller (OVR)',
    SG_GST_IMPORT: 'GST collected at import',
    NO_IMPORT: 'No import: services only',
    CN_CBEC_1210:
      'Cross-border retail import from a bonded zone within the limits: duty 0%, VAT and consumption tax at 70%',
    CN_CBEC_1210_FULL_RATE:
      'Cross-border bonded import of one indivisible item above the single limit: taxed in full',
    CN_POSTAL: 'Personal postal articles tax',
    CN_POSTAL_WAIVED: 'Personal postal articles: a small tax amount is waived',
    TW_FREQUENT_IMPORTER: 'Frequent importer: no duty-free threshold; duty and business tax',
    SG_LOW_VALUE_RELIEF: 'Low-value relief: no GST at import',
    VN_DE_MINIMIS: 'Within the express de minimis: no duty or VAT',
    VN_IMPORT_VAT: 'Import duty and VAT',
    TH_DE_MINIMIS: 'Within the low-value threshold: no duty or VAT',
    TH_LOW_VALUE_VAT: 'Low-value goods: duty waived, VAT charged',
    TH_IMPORT_VAT: 'Import duty and VAT',
    MY_LVG_SALES_TAX: 'Low-value goods: sales tax charged by the seller',
    MY_IMPORT_SALES_TAX: 'Import duty and sales tax',
    PH_DE_MINIMIS: 'Within the de minimis: no duty or VAT',
    PH_IMPORT_VAT: 'Import duty and VAT',
    ID_DE_MINIMIS: 'Within the duty-free threshold: VAT only',
    ID_ECOMMERCE_FLAT: 'E-commerce consignment: flat duty and VAT',
  },
  unknownRoute: (code) => `Route ${code}`,
  unknownRegime: (code) => `Regime ${code}`,
  roleTitle: {
    duty: 'Duty rule',
    importVat: 'Import VAT/GST rule',
    consumptionTax: 'Consumption tax rule',
    factor: 'Tax factor',
    valuation: 'Valuation rule',
    exemption: 'Exemption',
    limit: 'Limit',
    eligibility: 'Eligibility rule',
    other: 'Trade rule',
  },
  fxTitle: 'Exchange rate locked for the quote',
  shippingTitle: 'Shipping rate',
  verification: {
    Yes: 'Verified in the official text',
    'Yes (2°)': 'Verified in two or more independent secondary sources',
    Partial: 'Partly verified (one secondary source)',
    No: 'Not verified',
  },
  provisional: 'Provisional',
  provisionalNote:
    'The reference marks this rule as partly verified or unverified, so figures resting on it are provisional.',
  notInForceNote:
    'This version of the rule is not in force on the pricing date; the latest version is shown.',
  mismatchNote:
    'These amounts were charged under the rules in force when the quote was made; today’s data does not reproduce them exactly, so only the charged figures are shown.',
  usdNote: ({ rate }) => `US dollar amounts use the rate locked for this quote: US$1 = ${rate}.`,
  effective: ({ from, lastDay }) =>
    lastDay ? `In force from ${from} to ${lastDay}` : `In force from ${from}`,
  s: {
    goods: ({ unitUsd, fxRate, unit, quantity, goods }) =>
      `${unitUsd} × ${fxRate} = ${unit} each; ${unit} × ${quantity} = ${goods}`,
    goodsNoFx: ({ unit, quantity, goods }) => `${unit} × ${quantity} = ${goods}`,
    freight: ({ shipping, share }) =>
      `Shipping of ${shipping} for this seller’s parcel, shared by weight: ${share} for this line`,
    dutiableSum: ({ label, goods, freight, total }) =>
      `${label} = goods ${goods} + freight ${freight} = ${total}`,
    dutiableFactor: ({ label, goods, factor, freight, total }) =>
      `${label} = goods ${goods} × ${factor} + freight ${freight} = ${total}`,
    rate: ({ label, rate, baseLabel, base, result }) => `${label} ${rate} × ${baseLabel} ${base} = ${result}`,
    cnRate: ({ label, vat, ct, factor, rate, baseLabel, base, result, which }) =>
      `${label}: ${which === 'importVat' ? `VAT ${vat}` : `consumption tax ${ct}`} ÷ (1 − consumption tax ${ct}) × ${factor} = ${rate}; ${rate} × ${baseLabel} ${base} = ${result}`,
    cnCombined: ({ rate, baseLabel, base, result }) =>
      `Cross-border comprehensive tax rate ${rate} × ${baseLabel} ${base} = ${result}`,
    rateOnly: ({ label, rate, result }) => `${label} at ${rate}: ${result}`,
    exempt: ({ title, basisLabel, basis, limit }) =>
      `${title} (${basisLabel} ${basis} is within ${limit}, so nothing is charged)`,
    exemptNoBasis: ({ title, limit }) => `${title} (within ${limit}, so nothing is charged)`,
    exemptNoLimit: ({ title }) => `${title} (nothing is charged)`,
    notApplicable: ({ label }) => `${label}: not charged in this market`,
    stated: ({ label, result }) => `${label}: ${result}`,
    sum: ({ parts, total }) => `${parts.map((p) => `${p.label} ${p.value}`).join(' + ')} = ${total}`,
    limit: ({ title, limit }) => `${title} (${limit})`,
    limitUsd: ({ title, limitUsd, converted }) => `${title} (${limitUsd} = ${converted} at the locked rate)`,
    ruleOnly: ({ title }) => title,
    orderTotal: ({ goods, shipping, tax, total }) =>
      `Goods ${goods} + shipping ${shipping} + taxes and duties ${tax} = ${total}`,
  },
};
