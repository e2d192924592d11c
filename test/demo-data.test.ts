import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROLES } from '../src/kernel/access.ts';
import { LOCALES, MARKET_CODES } from '../src/kernel/locales.ts';
import { MIDWEST } from '../src/kernel/us-states.ts';
import { variantAttributeProblems } from '../src/modules/catalog/variant-attributes.ts';
import { DeliveryAddressSchema } from '../src/modules/orders/index.ts';

/** Validates the hand-written demo data in data/demo/*.json (no database needed). */

const DEMO_DIR = new URL('../data/demo/', import.meta.url);
const load = (file: string): unknown => JSON.parse(readFileSync(new URL(file, DEMO_DIR), 'utf8'));

const EIN_PREFIXES = new Set([
  '10',
  '12',
  '20',
  '26',
  '27',
  '30',
  '32',
  '35',
  '36',
  '37',
  '38',
  '39',
  '41',
  '42',
  '43',
  '45',
  '46',
  '47',
  '51',
  '52',
  '54',
  '55',
  '56',
  '57',
  '58',
  '59',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '68',
  '71',
  '72',
  '73',
  '74',
  '75',
  '76',
  '77',
  '81',
  '82',
  '83',
  '84',
  '85',
  '86',
  '87',
  '88',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
  '98',
  '99',
]);
const DEMO_EMAIL = /^[a-z0-9.-]+@demo\.heartland\.example$/;
const HS6 = /^\d{6}$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const text = z.string().trim().min(1);
const localized = z.strictObject({
  en: text,
  'zh-Hans': text,
  'zh-Hant': text,
  ja: text,
  ko: text,
});
const login = z.strictObject({ email: z.string().regex(DEMO_EMAIL), password: z.string().min(8) });

const Category = z.strictObject({
  slug: z.string().regex(SLUG),
  parent: z.string().regex(SLUG).nullable(),
  names: localized,
  hsCode: z.string().regex(HS6).nullable(),
});

const Seller = z.strictObject({
  key: z.string().regex(SLUG),
  legalName: text,
  dba: text.nullable(),
  ein: z
    .string()
    .regex(/^\d{2}-\d{7}$/)
    .refine((ein) => EIN_PREFIXES.has(ein.slice(0, 2)), 'EIN prefix is not a valid IRS campus prefix'),
  usState: z.enum(MIDWEST as [string, ...string[]]),
  city: text,
  employees: z.number().int().min(2).max(80),
  isFarm: z.boolean(),
  founded: z.number().int().min(1850).max(2025),
  contact: z.strictObject({
    name: text,
    email: z.string().regex(DEMO_EMAIL),
    phone: z.string().regex(/^\+1 \d{3} 555 01\d{2}$/),
  }),
  description: localized,
  verified: z.boolean(),
  login,
});

const Translation = z.strictObject({ title: text, description: text });
/** Another language's words for the variants' attribute values, by SKU and key. */
const Translated = Translation.extend({
  variantAttributes: z.record(z.string(), z.record(z.string(), text)).optional(),
});
const Variant = z.strictObject({
  sku: z.string().regex(/^[A-Z0-9]+(-[A-Z0-9.]+)+$/),
  priceUsd: z.number().int().positive(),
  stock: z.number().int().min(5).max(500),
  weightGrams: z.number().int().positive().nullable(),
  fulfilledFrom: z.enum(['US', 'CN_BONDED']).optional(),
  attributes: z.record(z.string(), text),
});
const Product = z.strictObject({
  slug: z.string().regex(SLUG),
  seller: z.string(),
  category: z.string(),
  kind: z.enum(['goods', 'service']),
  brand: text.nullable(),
  originState: z.enum(MIDWEST as [string, ...string[]]),
  hsCode: z.string().regex(HS6).nullable(),
  translations: z.strictObject({
    en: Translation,
    'zh-Hans': Translated,
    'zh-Hant': Translated,
    ja: Translated,
    ko: Translated,
  }),
  images: z
    .array(z.strictObject({ url: z.string().regex(/^\/demo-images\/[a-z0-9-]+\.jpg$/), alt: text }))
    .min(1),
  variants: z.array(Variant).min(1).max(3),
});

/** PRC resident ID: ISO 7064 MOD 11-2 check character over the first 17 digits. */
const PRC_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function prcIdCheckChar(first17: string): string {
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * PRC_WEIGHTS[i]!, 0);
  return '10X98765432'[sum % 11]!;
}
function isValidPrcId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const realDate = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!realDate || y < 1900 || date.getTime() > Date.now()) return false;
  return prcIdCheckChar(id.slice(0, 17)) === id[17];
}

const Buyer = z.strictObject({
  email: z.string().regex(DEMO_EMAIL),
  password: z.string().min(8),
  displayName: text,
  market: z.enum(MARKET_CODES),
  locale: z.enum(LOCALES),
  identity: z
    .strictObject({ realName: text, idNumber: z.string().refine(isValidPrcId, 'invalid PRC ID number') })
    .nullable(),
  business: z.strictObject({ companyName: text, registrationNumber: text, contactName: text }).nullable(),
  deliveryAddress: DeliveryAddressSchema,
});

const Staff = z.strictObject({
  email: z.string().regex(DEMO_EMAIL),
  password: z.string().min(8),
  displayName: text,
  roles: z.array(z.enum(ROLES)).min(1),
  brand: text.nullable(),
});

const categories = z.array(Category).parse(load('categories.json'));
const sellers = z.array(Seller).parse(load('sellers.json'));
const products = z.array(Product).parse(load('products.json'));
const buyers = z.array(Buyer).parse(load('buyers.json'));
const staff = z.array(Staff).parse(load('staff.json'));

const catBySlug = new Map(categories.map((c) => [c.slug, c]));
const sellerByKey = new Map(sellers.map((s) => [s.key, s]));
const topOf = (slug: string): string => {
  let c = catBySlug.get(slug)!;
  while (c.parent) c = catBySlug.get(c.parent)!;
  return c.slug;
};
const duplicates = (xs: readonly string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

const HAN = /\p{Script=Han}/u;
/** Words of two or more Latin letters (a lone letter is a grade: A級, グレードA). */
const LATIN_WORD = /[A-Za-z]{2,}/g;
/** Metric symbols read as such in Chinese, Japanese and Korean text (113g, 25cm, 4.7L). */
const METRIC_UNITS = new Set(['g', 'kg', 'mg', 'ml', 'L', 'cm', 'mm']);
const OTHER_LOCALES = ['zh-Hans', 'zh-Hant', 'ja', 'ko'] as const;
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;

describe('demo data: categories', () => {
  it('is a tree listed parents-first with unique slugs', () => {
    expect(duplicates(categories.map((c) => c.slug))).toEqual([]);
    const seen = new Set<string>();
    for (const c of categories) {
      if (c.parent) expect(seen.has(c.parent), `${c.slug} listed before its parent ${c.parent}`).toBe(true);
      seen.add(c.slug);
    }
  });

  it('has about 8 top-level categories and 20–30 leaves', () => {
    const top = categories.filter((c) => c.parent === null);
    const leaves = categories.filter((c) => !categories.some((o) => o.parent === c.slug));
    expect(top.length).toBeGreaterThanOrEqual(8);
    expect(top.length).toBeLessThanOrEqual(10);
    expect(leaves.length).toBeGreaterThanOrEqual(20);
    expect(leaves.length).toBeLessThanOrEqual(30);
  });

  it('gives every goods category an HS code and service categories none', () => {
    for (const c of categories) {
      if (topOf(c.slug) === 'services') expect(c.hsCode, c.slug).toBeNull();
      else expect(c.hsCode, c.slug).toMatch(HS6);
    }
  });
});

describe('demo data: sellers', () => {
  it('has at least 20 sellers in at least 8 Midwest states', () => {
    expect(sellers.length).toBeGreaterThanOrEqual(20);
    expect(new Set(sellers.map((s) => s.usState)).size).toBeGreaterThanOrEqual(8);
  });

  it('has unique keys, EINs, phones and logins', () => {
    expect(duplicates(sellers.map((s) => s.key))).toEqual([]);
    expect(duplicates(sellers.map((s) => s.ein))).toEqual([]);
    expect(duplicates(sellers.map((s) => s.contact.phone))).toEqual([]);
    for (const s of sellers) expect(s.login.email).toBe(`${s.key}@demo.heartland.example`);
  });

  it('shows both verified and pending sellers', () => {
    const pending = sellers.filter((s) => !s.verified).length;
    expect(pending).toBeGreaterThanOrEqual(1);
    expect(pending).toBeLessThanOrEqual(2);
  });
});

describe('demo data: products', () => {
  it('has at least 100 products with unique slugs and SKUs', () => {
    expect(products.length).toBeGreaterThanOrEqual(100);
    expect(duplicates(products.map((p) => p.slug))).toEqual([]);
    expect(duplicates(products.flatMap((p) => p.variants.map((v) => v.sku)))).toEqual([]);
  });

  it('references existing sellers and leaf categories', () => {
    for (const p of products) {
      const seller = sellerByKey.get(p.seller);
      expect(seller, `${p.slug}: unknown seller ${p.seller}`).toBeDefined();
      expect(catBySlug.has(p.category), `${p.slug}: unknown category ${p.category}`).toBe(true);
      expect(
        categories.some((c) => c.parent === p.category),
        `${p.slug}: category ${p.category} is not a leaf`,
      ).toBe(false);
      expect(p.originState, p.slug).toBe(seller?.usState);
      expect(p.images[0]?.url).toBe(`/demo-images/${p.slug}.jpg`);
    }
  });

  it('has every locale with script-appropriate titles', () => {
    for (const p of products) {
      const t = p.translations;
      expect(t['zh-Hans'].title, p.slug).toMatch(HAN);
      expect(t['zh-Hant'].title, p.slug).toMatch(HAN);
      expect(t.ja.title, p.slug).toMatch(JAPANESE);
      expect(t.ko.title, p.slug).toMatch(HANGUL);
      expect(t.ko.description, p.slug).toMatch(HANGUL);
      expect(t.ja.description, p.slug).toMatch(/[\p{Script=Hiragana}\p{Script=Katakana}]/u);
    }
  });

  it('has no English words in another language’s titles, brand names and metric units aside', () => {
    for (const p of products) {
      const allowed = new Set([...(p.brand?.match(LATIN_WORD) ?? []), ...METRIC_UNITS]);
      for (const l of OTHER_LOCALES) {
        const words = (p.translations[l].title.match(LATIN_WORD) ?? []).filter((w) => !allowed.has(w));
        expect(words, `${p.slug} ${l}`).toEqual([]);
      }
    }
  });

  it('translates every variant attribute value into all four other languages', () => {
    for (const p of products) {
      expect(variantAttributeProblems(p.translations, p.variants), p.slug).toEqual([]);
      for (const v of p.variants) {
        for (const [key, value] of Object.entries(v.attributes)) {
          for (const l of OTHER_LOCALES) {
            const translated = p.translations[l].variantAttributes?.[v.sku]?.[key];
            expect(translated, `${v.sku} ${key} “${value}” in ${l}`).toBeTruthy();
            const english = (translated!.match(LATIN_WORD) ?? []).filter((w) => !METRIC_UNITS.has(w));
            expect(english, `${v.sku} ${key} “${translated}” in ${l}`).toEqual([]);
          }
        }
      }
    }
  });

  it('treats goods and services consistently', () => {
    const services = products.filter((p) => p.kind === 'service');
    expect(services.length).toBeGreaterThanOrEqual(1);
    expect(services.length).toBeLessThanOrEqual(3);
    for (const p of products) {
      const isServiceCategory = topOf(p.category) === 'services';
      expect(p.kind === 'service', p.slug).toBe(isServiceCategory);
      for (const v of p.variants) {
        if (p.kind === 'service') expect(v.weightGrams, v.sku).toBeNull();
        else expect(v.weightGrams, v.sku).toBeGreaterThan(0);
      }
      if (p.kind === 'service') expect(p.hsCode, p.slug).toBeNull();
      else expect(p.hsCode, p.slug).toMatch(HS6);
    }
  });

  it('has 2–3 branded products, each branded with its seller’s trade name', () => {
    const branded = products.filter((p) => p.brand !== null);
    expect(branded.length).toBeGreaterThanOrEqual(2);
    expect(branded.length).toBeLessThanOrEqual(3);
    for (const p of branded) {
      const seller = sellerByKey.get(p.seller)!;
      expect([seller.dba, seller.legalName]).toContain(p.brand);
    }
  });

  it('uses both 花旗参 and 西洋参 in the mainland ginseng titles', () => {
    const titles = products
      .filter((p) => topOf(p.category) === 'ginseng-herbs')
      .map((p) => p.translations['zh-Hans'].title)
      .join(' ');
    expect(titles).toContain('花旗参');
    expect(titles).toContain('西洋参');
  });
});

describe('demo data: people', () => {
  it('computes the PRC ID check character (GB 11643 example)', () => {
    expect(prcIdCheckChar('11010519491231002')).toBe('X');
    expect(isValidPrcId('11010519491231002X')).toBe(true);
    expect(isValidPrcId('110105194912310021')).toBe(false);
    expect(isValidPrcId('110105194902300025')).toBe(false); // 30 February
  });

  it('has buyers in every market, incl. a verified CN identity and a business buyer', () => {
    for (const m of MARKET_CODES)
      expect(
        buyers.some((b) => b.market === m),
        m,
      ).toBe(true);
    const cn = buyers.filter((b) => b.market === 'CN');
    expect(cn.length).toBeGreaterThanOrEqual(2);
    expect(cn.some((b) => b.identity !== null)).toBe(true);
    expect(buyers.some((b) => b.business !== null)).toBe(true);
    for (const b of buyers) if (b.identity) expect(b.market).toBe('CN');
    for (const b of buyers) expect(b.deliveryAddress.country).toBe(b.market);
  });

  it('has one staff login per back-office role', () => {
    for (const role of ['platform_admin', 'trust_agent', 'auditor', 'brand_owner'] as const) {
      expect(
        staff.some((s) => s.roles.includes(role)),
        role,
      ).toBe(true);
    }
  });

  it('uses every login email once across sellers, buyers and staff', () => {
    const emails = [
      ...sellers.map((s) => s.login.email),
      ...buyers.map((b) => b.email),
      ...staff.map((s) => s.email),
    ];
    expect(duplicates(emails)).toEqual([]);
  });
});
