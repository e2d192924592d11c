import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MARKET_CODES } from '../../kernel/locales.ts';
import {
  documentRequirements,
  documentTypes,
  parseRequirementsFile,
  REQUIREMENTS_FILE,
  requirementCovers,
  requirementIsProvisional,
} from './document-requirements.ts';

const shipped = () => JSON.parse(readFileSync(REQUIREMENTS_FILE, 'utf8'));

/** The shipped file with its first requirement changed. */
function withFirst(change: (r: Record<string, unknown>) => void) {
  const f = shipped();
  change(f.requirements[0]);
  return f;
}

const covering = (market: string, hs: string, categoryPath: string[] = []) =>
  documentRequirements()
    .filter((r) => r.market === market && requirementCovers(r, { hsDigits: hs, categoryPath }))
    .map((r) => r.id);

describe('document requirements data', () => {
  it('loads the shipped file, every requirement sourced, dated and naming a known document', () => {
    expect(() => parseRequirementsFile(shipped())).not.toThrow();
    const types = new Set(documentTypes().map((t) => t.type));
    for (const r of documentRequirements()) {
      expect(r.source.length, r.id).toBeGreaterThan(0);
      expect(r.effectiveFrom, r.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(types.has(r.documentType), r.id).toBe(true);
      expect(MARKET_CODES as readonly string[]).toContain(r.market);
    }
  });

  it('refuses a requirement without a source', () => {
    expect(() => parseRequirementsFile(withFirst((r) => delete r.source))).toThrow(/source/);
    expect(() => parseRequirementsFile(withFirst((r) => (r.source = ' ')))).toThrow(/source/);
  });

  it('refuses a requirement without an effective date, or with one that is not a date', () => {
    expect(() => parseRequirementsFile(withFirst((r) => delete r.effectiveFrom))).toThrow(/effectiveFrom/);
    expect(() => parseRequirementsFile(withFirst((r) => (r.effectiveFrom = '2022')))).toThrow(
      /effectiveFrom/,
    );
    expect(() => parseRequirementsFile(withFirst((r) => (r.effectiveTo = '2021-12-31')))).toThrow(
      /effectiveTo must be after/,
    );
  });

  it('refuses unknown document types, another market’s document, duplicate ids and goods left unnamed', () => {
    expect(() => parseRequirementsFile(withFirst((r) => (r.documentType = 'fax_of_a_fax')))).toThrow(
      /unknown document type/,
    );
    expect(() =>
      parseRequirementsFile(
        withFirst((r) => (r.documentType = 'kr_mfds_foreign_food_facility_registration')),
      ),
    ).toThrow(/issued for KR, not CN/);
    const dup = shipped();
    dup.requirements.push(dup.requirements[0]);
    expect(() => parseRequirementsFile(dup)).toThrow(/listed twice/);
    expect(() =>
      parseRequirementsFile(
        withFirst(
          (r) => (r.goods = { description: 'x', hsPrefixes: [], categories: [], excludeHsPrefixes: [] }),
        ),
      ),
    ).toThrow(/HS prefix or category/);
    expect(() => parseRequirementsFile(withFirst((r) => (r.verification = 'Probably')))).toThrow(
      /verification/,
    );
    expect(() => parseRequirementsFile(withFirst((r) => (r.market = 'XX')))).toThrow(/market/);
  });

  it('maps the demo goods to China’s 18 recommended categories or to self-registration, never both', () => {
    expect(covering('CN', '040690')).toEqual(['CN.documents.gacc_registration.dairy']); // cheddar
    expect(covering('CN', '100890')).toEqual(['CN.documents.gacc_registration.grains']); // wild rice
    expect(covering('CN', '160250')).toEqual(['CN.documents.gacc_registration.meat']); // jerky
    expect(covering('CN', '040900')).toEqual(['CN.documents.gacc_registration.bee_products']); // honey
    expect(covering('CN', '200819')).toEqual(['CN.documents.gacc_registration.nuts_seeds']);
    expect(covering('CN', '121120')).toEqual(['CN.documents.gacc_registration.other_food']); // ginseng
    expect(covering('CN', '170220')).toEqual(['CN.documents.gacc_registration.other_food']); // maple syrup
    expect(covering('CN', '340600')).toEqual([]); // beeswax candles
    expect(covering('CN', '230910')).toEqual([]); // pet food is not food under Decree 248
    expect(covering('CN', '732391')).toEqual([]); // cast iron
    // Every HS prefix of the 18 categories is excluded from self-registration.
    const cn = documentRequirements().filter((r) => r.id.startsWith('CN.documents.gacc_registration.'));
    for (const r of cn.filter((x) => !x.id.endsWith('.other_food'))) {
      for (const p of r.goods.hsPrefixes) {
        const hs = p.padEnd(6, '0');
        const regs = covering('CN', hs).filter((id) => id.startsWith('CN.documents.gacc_registration.'));
        expect(regs, hs).toEqual([r.id]);
      }
    }
  });

  it('asks for a phytosanitary certificate for fresh produce in CN, JP and KR, and for nothing in HK, TW, SG', () => {
    for (const m of ['CN', 'JP', 'KR'])
      expect(covering(m, '081010')).toContain(`${m}.documents.phytosanitary.fresh_produce`);
    expect(covering('JP', '081340')).toEqual([]); // dried fruit: no certificate, no registration in Japan
    for (const m of ['HK', 'TW', 'SG'])
      expect(documentRequirements().filter((r) => r.market === m)).toEqual([]);
    // Korea: livestock products register through the US government, other food directly.
    expect(covering('KR', '160250')).toEqual(['KR.documents.mfds_registration.livestock']);
    expect(covering('KR', '080232')).toEqual(['KR.documents.mfds_registration.food']);
  });

  it('matches by category slug anywhere on the product’s category path', () => {
    const f = shipped();
    f.requirements[0].goods = {
      description: 'x',
      hsPrefixes: [],
      categories: ['cheese-dairy'],
      excludeHsPrefixes: [],
    };
    const r = parseRequirementsFile(f).requirements[0]!;
    expect(
      requirementCovers(r, { hsDigits: '999999', categoryPath: ['cheese-dairy', 'cheddar-cheese'] }),
    ).toBe(true);
    expect(requirementCovers(r, { hsDigits: '999999', categoryPath: ['honey'] })).toBe(false);
  });

  it('marks China’s registration provisional (CBEC open question) and Korea’s phytosanitary rule (Partial)', () => {
    const byId = new Map(documentRequirements().map((r) => [r.id, r]));
    expect(requirementIsProvisional(byId.get('CN.documents.gacc_registration.dairy')!)).toBe(true);
    expect(requirementIsProvisional(byId.get('KR.documents.phytosanitary.fresh_produce')!)).toBe(true);
    expect(requirementIsProvisional(byId.get('KR.documents.mfds_registration.food')!)).toBe(false);
    expect(requirementIsProvisional(byId.get('JP.documents.phytosanitary.fresh_produce')!)).toBe(false);
  });
});
