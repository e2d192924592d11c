import { EXPORT_RULES, type ExportRule, type ExportRules, exportRule } from './export-rules.ts';

/** One line of a shipment as the US export side sees it. */
export interface ExportLine {
  lineNo: number;
  description: string;
  /** The HS code on the order line (6 to 10 digits). */
  hsCode: string;
  /** 10-digit Schedule B number, when the seller gave one. */
  scheduleB: string | null;
  /** 'EAR99' or an ECCN (the seller's classification). */
  eccn: string;
  /** The line's value in USD cents: the seller's price × quantity. */
  valueUsd: bigint;
}

export interface EeiInput {
  /** ISO alpha-2 country of ultimate destination (the order's market). */
  destination: string;
  lines: ExportLine[];
  /** The export date: rules apply from their effective dates. */
  at: Date;
}

/** Lines summed under one commodity code, as 15 CFR 30.37(a) counts value. */
export interface EeiGroup {
  codeType: 'schedule_b' | 'hs6';
  code: string;
  lineNos: number[];
  valueUsd: bigint;
  overThreshold: boolean;
}

export interface EeiReason {
  code: 'export.value_over_threshold' | 'export.ccl_item_to_china';
  message: string;
  ruleId: string;
  citation: string;
  source: string;
}

export interface EeiRuleRef {
  ruleId: string;
  citation: string;
  source: string;
  effectiveFrom: string;
  verification: string;
}

export interface EeiDetermination {
  /** EEI must be filed in AES and its ITN given to the carrier before the parcel leaves. */
  required: boolean;
  reasons: EeiReason[];
  /** The exemption legend for the papers when EEI is not required ('NOEEI 15 CFR 30.37(a)'). */
  exemption: string | null;
  thresholdUsd: bigint;
  groups: EeiGroup[];
  /** ECCNs other than EAR99 in the shipment (reported in EEI; the invoice carries the DCS). */
  cclEccns: string[];
  /** A CCL item is in the shipment: whether a licence is needed is the exporter's determination. */
  licenceCheck: boolean;
  /** Fallbacks and limits of this determination, in plain words. */
  notes: string[];
  rules: EeiRuleRef[];
}

const usd = (cents: bigint) => {
  const whole = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `$${whole}.${(cents % 100n).toString().padStart(2, '0')}`;
};
const dateOf = (d: Date) => d.toISOString().slice(0, 10);
const ref = (r: ExportRule): EeiRuleRef => ({
  ruleId: r.id,
  citation: r.citation,
  source: r.source,
  effectiveFrom: r.effectiveFrom,
  verification: r.verification,
});
const label = (g: EeiGroup) => `${g.codeType === 'schedule_b' ? 'Schedule B' : 'HS'} ${g.code}`;

/**
 * Groups lines by Schedule B number. A line without one falls back to its first 6 HS digits, and
 * then every line of that HS subheading joins it: the missing 10-digit code could be any of the
 * subheading's, so no value is split away from a code it may belong to (a larger sum can only
 * require EEI, never excuse it).
 */
function groupLines(lines: ExportLine[], threshold: bigint): { groups: EeiGroup[]; notes: string[] } {
  const hs6 = (l: ExportLine) => l.hsCode.slice(0, 6);
  const fallback = new Set(lines.filter((l) => l.scheduleB === null).map(hs6));
  const byKey = new Map<string, EeiGroup>();
  for (const l of lines) {
    const atHs6 = fallback.has(hs6(l));
    const key = atHs6 ? `hs6:${hs6(l)}` : `sb:${l.scheduleB}`;
    const g = byKey.get(key) ?? {
      codeType: atHs6 ? ('hs6' as const) : ('schedule_b' as const),
      code: atHs6 ? hs6(l) : l.scheduleB!,
      lineNos: [],
      valueUsd: 0n,
      overThreshold: false,
    };
    g.lineNos.push(l.lineNo);
    g.valueUsd += l.valueUsd;
    byKey.set(key, g);
  }
  const groups = [...byKey.values()].map((g) => ({ ...g, overThreshold: g.valueUsd > threshold }));
  const notes = groups
    .filter((g) => g.codeType === 'hs6')
    .map(
      (g) =>
        `HS ${g.code} (line ${g.lineNos.join(', ')}): no Schedule B number on file for every line, so the lines are grouped by their first 6 HS digits instead.`,
    );
  return { groups, notes };
}

/**
 * Whether a shipment needs Electronic Export Information (reference §4a): EEI is required when the
 * value under any one Schedule B number is over $2,500 (15 CFR 30.37(a); exactly $2,500.00 is
 * exempt), or when a CCL item (ECCN other than EAR99) goes to China or Hong Kong (U4, U6).
 * Pure: the numbers and citations come from data/trade-rules/export/eei.json.
 * @example
 * determineEei({ destination: 'CN', at, lines: [{ lineNo: 1, description: 'Ginseng', hsCode: '121120',
 *   scheduleB: null, eccn: 'EAR99', valueUsd: 8_900n }] }).required // false: NOEEI 15 CFR 30.37(a)
 */
export function determineEei(input: EeiInput, rules: ExportRules = EXPORT_RULES): EeiDetermination {
  const valueRule = exportRule('US.eei.value_per_schedule_b', rules);
  const chinaRule = exportRule('US.eei.ccl_to_china', rules);
  const licenceRule = exportRule('US.eei.licence_required', rules);
  const threshold = BigInt(valueRule.numbers.thresholdUsdCents!);
  const { groups, notes } = groupLines(input.lines, threshold);
  const reasons: EeiReason[] = [];
  const used = [valueRule];

  for (const g of groups.filter((x) => x.overThreshold)) {
    reasons.push({
      code: 'export.value_over_threshold',
      message: `${label(g)} (line ${g.lineNos.join(', ')}): ${usd(g.valueUsd)} is over ${usd(threshold)} per code.`,
      ruleId: valueRule.id,
      citation: valueRule.citation,
      source: valueRule.source,
    });
  }

  const ccl = input.lines.filter((l) => l.eccn !== 'EAR99');
  const cclEccns = [...new Set(ccl.map((l) => l.eccn))];
  const china = chinaRule.destinations?.find(
    (d) => d.country === input.destination && d.effectiveFrom <= dateOf(input.at),
  );
  if (ccl.length > 0) {
    used.push(licenceRule);
    if (china) {
      used.push(chinaRule);
      for (const l of ccl) {
        reasons.push({
          code: 'export.ccl_item_to_china',
          message: `Line ${l.lineNo} (${l.description}) is ECCN ${l.eccn}, on the Commerce Control List, going to ${input.destination}: EEI regardless of value, with the ECCN reported.${china.note ? ` ${china.note}` : ''}`,
          ruleId: chinaRule.id,
          citation: chinaRule.citation,
          source: chinaRule.source,
        });
      }
    }
    notes.push(
      `ECCN ${cclEccns.join(', ')}: whether a licence is required is the exporter's determination, not Heartland's. If one is, EEI is required whatever the value (${licenceRule.citation}).`,
    );
  }

  const required = reasons.length > 0;
  return {
    required,
    reasons,
    exemption: required ? null : (valueRule.exemptionLegend ?? null),
    thresholdUsd: threshold,
    groups,
    cclEccns,
    licenceCheck: ccl.length > 0,
    notes,
    rules: used.map(ref),
  };
}
