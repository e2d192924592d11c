import type { MarketCode } from '../../kernel/locales.ts';
import {
  type DocumentRequirement,
  documentRequirements,
  documentType,
  requirementCovers,
  requirementInForce,
  requirementIsProvisional,
} from './document-requirements.ts';
import { checkEligibility } from './eligibility.ts';
import { addDays, marketDate, marketNoon } from './market-days.ts';
import { type DocumentStatus, documentStatus, type SellerDocument } from './seller-documents.ts';
import type { ClearanceRoute, ProductKind } from './types.ts';

/** What decides where a listing may be sold: the product's classification and its seller's documents. */
export interface ListingFacts {
  productKind: ProductKind;
  /** Null only for services. */
  hsCode: string | null;
  /** Category slugs from the root to the product's category. */
  categoryPath: readonly string[];
  documents: readonly SellerDocument[];
}

export type EligibilityStatus = 'eligible' | 'restricted' | 'prohibited';

export interface EligibilityReason {
  ruleId: string;
  description: string;
  source: string;
}

/** A document the seller lacks for a market: what to obtain, from whom, and why. */
export interface MissingDocument {
  requirementId: string;
  documentType: string;
  document: string;
  goods: string;
  obtain: string;
  issuer: string;
  url: string;
  why: string;
  source: string;
  verification: string;
  provisional: boolean;
  /** The seller's latest document of this type, when there is one that does not count on the day. */
  onFile: {
    documentId: string;
    number: string;
    issuedOn: string;
    expiresOn: string | null;
    status: DocumentStatus;
  } | null;
}

export interface MarketEligibility {
  market: MarketCode;
  /** The calendar day (in the market) the answer is for. */
  on: string;
  status: EligibilityStatus;
  /** Last day of the unbroken eligible run from `on` (document expiries, renewals on file and requirements starting later); null: no end known. */
  eligibleUntil: string | null;
  /** The answer rests on a rule the reference marks Partial or unverified, or on an open question. */
  provisional: boolean;
  reasons: EligibilityReason[];
  /** Documents the answer relies on. */
  documents: { documentId: string; type: string; number: string; expiresOn: string | null }[];
  /** For `restricted`: what the seller must obtain. */
  missing: MissingDocument[];
}

interface DayAnswer {
  status: EligibilityStatus;
  provisional: boolean;
  reasons: EligibilityReason[];
  relied: SellerDocument[];
  missing: MissingDocument[];
  applicable: DocumentRequirement[];
}

const hsDigits = (hs: string) => hs.replaceAll('.', '');

function satisfies(doc: SellerDocument, r: DocumentRequirement): boolean {
  return doc.type === r.documentType && (!documentType(doc.type)?.perMarket || doc.market === r.market);
}

/** The requirements of a market that cover the product, whatever their dates. */
function coveringRequirements(facts: ListingFacts, market: MarketCode): DocumentRequirement[] {
  if (facts.productKind !== 'goods' || facts.hsCode === null) return [];
  const product = { hsDigits: hsDigits(facts.hsCode), categoryPath: facts.categoryPath };
  return documentRequirements().filter((r) => r.market === market && requirementCovers(r, product));
}

/** Of the documents satisfying a requirement and valid on the day, the one that lasts longest. */
function bestDocument(facts: ListingFacts, r: DocumentRequirement, day: string): SellerDocument | undefined {
  const valid = facts.documents.filter((d) => satisfies(d, r) && documentStatus(d, day) === 'valid');
  return valid.sort((a, b) => ((a.expiresOn ?? '9999-12-31') < (b.expiresOn ?? '9999-12-31') ? 1 : -1))[0];
}

function missingFor(facts: ListingFacts, r: DocumentRequirement, day: string): MissingDocument {
  const t = documentType(r.documentType)!;
  const latest = facts.documents
    .filter((d) => satisfies(d, r))
    .sort((a, b) => (a.issuedOn < b.issuedOn ? 1 : -1))[0];
  return {
    requirementId: r.id,
    documentType: r.documentType,
    document: t.name,
    goods: r.goods.description,
    obtain: r.obtain,
    issuer: r.issuer,
    url: r.url,
    why: r.description,
    source: r.source,
    verification: r.verification,
    provisional: requirementIsProvisional(r),
    onFile: latest
      ? {
          documentId: latest.id,
          number: latest.number,
          issuedOn: latest.issuedOn,
          expiresOn: latest.expiresOn,
          status: documentStatus(latest, day),
        }
      : null,
  };
}

/** The routes a listing may reach a market by: China's direct-purchase CBEC and its postal route; elsewhere one. */
function routesForListing(market: MarketCode): (ClearanceRoute | undefined)[] {
  return market === 'CN' ? ['CN_CBEC_9610', 'CN_POSTAL'] : [undefined];
}

/** The answer on one calendar day of the market. */
function answerOn(facts: ListingFacts, market: MarketCode, day: string): DayAnswer {
  if (facts.productKind === 'goods' && facts.hsCode === null) {
    throw new Error('goods without an HS code cannot be evaluated');
  }
  // A listing is shown where some consumer route can take it: in China a good off the CBEC
  // Positive List may still go by post. The checkout then applies the order's own route.
  const checks = routesForListing(market).map((route) =>
    checkEligibility({
      market,
      hsCode: facts.hsCode ?? '',
      productKind: facts.productKind,
      at: marketNoon(market, day),
      route,
    }),
  );
  const check = checks.find((c) => c.eligible) ?? checks[0]!;
  const reasons = check.rules.map((r) => ({
    ruleId: r.ruleId,
    description: r.description,
    source: r.source,
  }));
  const checkProvisional = check.rules.some((r) => r.provisional);
  if (!check.eligible) {
    return {
      status: 'prohibited',
      provisional: checkProvisional,
      reasons,
      relied: [],
      missing: [],
      applicable: [],
    };
  }
  const applicable = coveringRequirements(facts, market).filter((r) => requirementInForce(r, day));
  const relied: SellerDocument[] = [];
  const missing: MissingDocument[] = [];
  for (const r of applicable) {
    reasons.push({ ruleId: r.id, description: r.description, source: r.source });
    const doc = bestDocument(facts, r, day);
    if (doc) {
      if (!relied.includes(doc)) relied.push(doc);
    } else missing.push(missingFor(facts, r, day));
  }
  return {
    status: missing.length > 0 ? 'restricted' : 'eligible',
    provisional: checkProvisional || applicable.some(requirementIsProvisional),
    reasons,
    relied,
    missing,
    applicable,
  };
}

const MAX_STEPS = 50;

/** The earliest of some days, or null. */
const earliest = (days: (string | null | undefined)[]): string | null =>
  days.filter((d): d is string => !!d).sort()[0] ?? null;

/**
 * The last day of the eligible run that includes `day` (which must be eligible): it ends the day
 * before a relied-on document expires with no other to take over, or before a requirement the
 * seller cannot meet comes into force. Null: nothing known ends it.
 */
function lastEligibleDay(facts: ListingFacts, market: MarketCode, day: string): string | null {
  const covering = coveringRequirements(facts, market);
  let d = day;
  for (let step = 0; step < MAX_STEPS; step++) {
    const a = answerOn(facts, market, d);
    if (a.status !== 'eligible') return addDays(d, -1);
    const next = earliest([
      ...a.relied.map((doc) => (doc.expiresOn ? addDays(doc.expiresOn, 1) : null)),
      ...covering.map((r) => (r.effectiveFrom > d ? r.effectiveFrom : null)),
    ]);
    if (next === null) return null;
    d = next;
  }
  // Dozens of back-to-back renewals: stop looking and re-evaluate later rather than loop.
  return addDays(d, -1);
}

/**
 * Whether a listing may be shown and sold in a market on a day, why, until when, and for a
 * restricted one what the seller must obtain. Services are eligible everywhere.
 * @example evaluateListing(facts, 'CN', { at: clock.now() }).status // 'restricted'
 */
export function evaluateListing(
  facts: ListingFacts,
  market: MarketCode,
  when: {
    at: Date;
    day?: string /** Skip working out `eligibleUntil` (null then): checkout needs only today's answer. */;
    untilNotNeeded?: boolean;
  },
): MarketEligibility {
  const day = when.day ?? marketDate(market, when.at);
  const a = answerOn(facts, market, day);
  return {
    market,
    on: day,
    status: a.status,
    eligibleUntil:
      a.status === 'eligible' && !when.untilNotNeeded ? lastEligibleDay(facts, market, day) : null,
    provisional: a.provisional,
    reasons: a.reasons,
    documents: a.relied.map((d) => ({
      documentId: d.id,
      type: d.type,
      number: d.number,
      expiresOn: d.expiresOn,
    })),
    missing: a.missing,
  };
}

/**
 * The periods, from `fromDay` on, in which the listing is eligible in the market (at most
 * `max`): search keeps them so that an expiry, and a renewal already on file, take effect on
 * their day without any job running. `until` is the last day, inclusive; null: open-ended.
 */
export function eligibleWindows(
  facts: ListingFacts,
  market: MarketCode,
  fromDay: string,
  max = 4,
): { from: string; until: string | null }[] {
  const windows: { from: string; until: string | null }[] = [];
  const covering = coveringRequirements(facts, market);
  let d = fromDay;
  for (let step = 0; step < MAX_STEPS && windows.length < max; step++) {
    const a = answerOn(facts, market, d);
    if (a.status === 'eligible') {
      const until = lastEligibleDay(facts, market, d);
      windows.push({ from: d, until });
      if (until === null) break;
      d = addDays(until, 1);
      continue;
    }
    // A prohibition has no date the data tells us of; a restriction lifts when a document on
    // file starts to count or the requirement ends.
    if (a.status === 'prohibited') break;
    const lacking = covering.filter((r) => a.missing.some((m) => m.requirementId === r.id));
    const next = earliest([
      ...facts.documents
        .filter((doc) => lacking.some((r) => satisfies(doc, r)) && doc.revokedAt === null && doc.issuedOn > d)
        .map((doc) => doc.issuedOn),
      ...lacking.map((r) => (r.effectiveTo && r.effectiveTo > d ? r.effectiveTo : null)),
    ]);
    if (next === null) break;
    d = next;
  }
  return windows;
}
