import { describe, expect, it } from 'vitest';
import type { SellerDocumentId, SellerId } from '../../kernel/ids.ts';
import { eligibleWindows, evaluateListing, type ListingFacts } from './listing-documents.ts';
import { marketDate, marketDayStart } from './market-days.ts';
import type { SellerDocument } from './seller-documents.ts';

let seq = 0;
function doc(over: Partial<SellerDocument> & Pick<SellerDocument, 'type'>): SellerDocument {
  seq++;
  return {
    id: `doc_${seq.toString(16).padStart(32, '0')}` as SellerDocumentId,
    sellerId: `sel_${'1'.padStart(32, '0')}` as SellerId,
    market: null,
    number: `TEST-${seq}`,
    issuer: 'Test issuer',
    issuedOn: '2024-01-01',
    expiresOn: '2026-12-31',
    file: null,
    recordedAt: '2024-01-01T00:00:00.000Z',
    recordedBy: 'usr_test',
    revokedAt: null,
    revokeReason: null,
    ...over,
  };
}
const CN_REG = 'cn_gacc_food_facility_registration';
const KR_REG = 'kr_mfds_foreign_food_facility_registration';
const PHYTO = 'phytosanitary_certificate';

const cheese = (documents: SellerDocument[] = []): ListingFacts => ({
  productKind: 'goods',
  hsCode: '040690',
  categoryPath: ['cheese-dairy', 'cheddar-cheese'],
  documents,
});
const on = (day: string) => ({ at: new Date(`${day}T04:00:00Z`), day });

describe('listing eligibility from documents', () => {
  it('lets a service be sold everywhere, with nothing to obtain', () => {
    const facts: ListingFacts = {
      productKind: 'service',
      hsCode: null,
      categoryPath: ['services'],
      documents: [],
    };
    for (const m of ['CN', 'JP', 'KR', 'HK'] as const) {
      const e = evaluateListing(facts, m, on('2026-11-24'));
      expect(e.status).toBe('eligible');
      expect(e.eligibleUntil).toBeNull();
      expect(e.missing).toEqual([]);
    }
  });

  it('restricts food without the registration, and says what to obtain, from whom and why', () => {
    const e = evaluateListing(cheese(), 'CN', on('2026-11-24'));
    expect(e.status).toBe('restricted');
    expect(e.provisional).toBe(true); // rests on the CBEC open question
    expect(e.missing).toHaveLength(1);
    const m = e.missing[0]!;
    expect(m.requirementId).toBe('CN.documents.gacc_registration.dairy');
    expect(m.documentType).toBe(CN_REG);
    expect(m.obtain).toMatch(/registration number/);
    expect(m.issuer).toMatch(/GACC/);
    expect(m.url).toMatch(/^https:\/\/fas\.usda\.gov\//);
    expect(m.why).toMatch(/Dairy products/);
    expect(m.source).toContain('G1');
    expect(m.onFile).toBeNull();
    expect(e.reasons.map((r) => r.ruleId)).toContain('CN.documents.gacc_registration.dairy');
  });

  it('counts a registration on both sides of its expiry: valid through its last day, not the day after', () => {
    const reg = doc({ type: CN_REG, issuedOn: '2022-01-05', expiresOn: '2026-11-30' });
    const last = evaluateListing(cheese([reg]), 'CN', on('2026-11-30'));
    expect(last.status).toBe('eligible');
    expect(last.eligibleUntil).toBe('2026-11-30');
    expect(last.documents).toEqual([
      { documentId: reg.id, type: CN_REG, number: reg.number, expiresOn: '2026-11-30' },
    ]);
    const after = evaluateListing(cheese([reg]), 'CN', on('2026-12-01'));
    expect(after.status).toBe('restricted');
    expect(after.missing[0]!.onFile).toMatchObject({ documentId: reg.id, status: 'expired' });
    // Korea asks for its own registration; Hong Kong for none.
    expect(evaluateListing(cheese([reg]), 'KR', on('2026-11-30')).status).toBe('restricted');
    expect(evaluateListing(cheese([reg]), 'HK', on('2026-12-01')).status).toBe('eligible');
  });

  it('does not count a document before its issue date, or a revoked one', () => {
    const future = doc({ type: CN_REG, issuedOn: '2026-12-10', expiresOn: '2031-12-09' });
    const e = evaluateListing(cheese([future]), 'CN', on('2026-11-24'));
    expect(e.status).toBe('restricted');
    expect(e.missing[0]!.onFile?.status).toBe('not_yet_valid');
    const revoked = doc({ type: CN_REG, revokedAt: '2026-11-01T00:00:00.000Z', revokeReason: 'typo' });
    expect(evaluateListing(cheese([revoked]), 'CN', on('2026-11-24')).status).toBe('restricted');
  });

  it('follows a renewal on file: eligible until the renewal ends, as one unbroken period', () => {
    const old = doc({ type: CN_REG, issuedOn: '2021-12-01', expiresOn: '2026-11-30' });
    const renewal = doc({ type: CN_REG, issuedOn: '2026-12-01', expiresOn: '2031-11-30' });
    const e = evaluateListing(cheese([old, renewal]), 'CN', on('2026-11-24'));
    expect(e.eligibleUntil).toBe('2031-11-30');
    expect(eligibleWindows(cheese([old, renewal]), 'CN', '2026-11-24')).toEqual([
      { from: '2026-11-24', until: '2031-11-30' },
    ]);
  });

  it('keeps a gap between a registration and its late renewal as two periods', () => {
    const old = doc({ type: CN_REG, issuedOn: '2021-12-01', expiresOn: '2026-11-30' });
    const late = doc({ type: CN_REG, issuedOn: '2027-01-15', expiresOn: '2032-01-14' });
    expect(eligibleWindows(cheese([old, late]), 'CN', '2026-11-24')).toEqual([
      { from: '2026-11-24', until: '2026-11-30' },
      { from: '2027-01-15', until: '2032-01-14' },
    ]);
    expect(eligibleWindows(cheese([]), 'CN', '2026-11-24')).toEqual([]);
    expect(eligibleWindows(cheese([]), 'HK', '2026-11-24')).toEqual([{ from: '2026-11-24', until: null }]);
  });

  it('reports prohibited goods as prohibited, with the rule and nothing to obtain', () => {
    const apples: ListingFacts = { productKind: 'goods', hsCode: '080810', categoryPath: [], documents: [] };
    const e = evaluateListing(apples, 'JP', on('2026-11-24'));
    expect(e.status).toBe('prohibited');
    expect(e.reasons.map((r) => r.ruleId)).toContain('JP.eligibility.prohibited_fruit');
    expect(e.missing).toEqual([]);
    expect(eligibleWindows(apples, 'JP', '2026-11-24')).toEqual([]);
  });

  it('takes a phytosanitary certificate only for the market it was issued for', () => {
    // Fresh asparagus: Korea refuses fresh fruit outright, so a vegetable shows the certificate rule.
    const asparagus = (documents: SellerDocument[]): ListingFacts => ({
      productKind: 'goods',
      hsCode: '070920',
      categoryPath: [],
      documents,
    });
    const forJapan = doc({ type: PHYTO, market: 'JP', issuedOn: '2026-11-20', expiresOn: '2026-12-04' });
    expect(evaluateListing(asparagus([forJapan]), 'JP', on('2026-11-24')).status).toBe('eligible');
    const kr = evaluateListing(asparagus([forJapan, doc({ type: KR_REG })]), 'KR', on('2026-11-24'));
    expect(kr.status).toBe('restricted');
    expect(kr.missing.map((m) => m.requirementId)).toEqual(['KR.documents.phytosanitary.fresh_produce']);
    expect(kr.provisional).toBe(true); // Korea's plant-protection row is Partial
  });

  it('counts days in the market’s own calendar', () => {
    const reg = doc({ type: CN_REG, issuedOn: '2022-01-05', expiresOn: '2026-12-31' });
    // 16:30 UTC on 31 December is already 1 January in Beijing.
    const at = new Date('2026-12-31T16:30:00Z');
    expect(marketDate('CN', at)).toBe('2027-01-01');
    expect(evaluateListing(cheese([reg]), 'CN', { at }).status).toBe('restricted');
    expect(evaluateListing(cheese([reg]), 'CN', { at: new Date('2026-12-31T15:59:59Z') }).status).toBe(
      'eligible',
    );
    expect(marketDayStart('CN', '2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(marketDayStart('JP', '2027-01-01').toISOString()).toBe('2026-12-31T15:00:00.000Z');
  });
});
