import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/db.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { ManualClock } from '../../../kernel/clock.ts';
import { UploadedFile } from '../../../kernel/uploaded-file.ts';
import { addBrandDocument, registerBrand, reviewBrand } from './brands.ts';
import { BrandMatcher, findBrandMentions, normalizeBrandText } from './mentions.ts';

const marathon = {
  brandId: 'brd_marathon',
  name: 'Marathon Root',
  terms: ['马拉松根', '馬拉松根', 'マラソンルート', '마라톤루트'],
};
const cherry = { brandId: 'brd_cherry', name: 'Door Cherry', terms: ['门县樱桃'] };
const matcher = new BrandMatcher([marathon, cherry]);
const names = (texts: string[], brandField: string | null = null) =>
  matcher.find({ texts, brandField }).map((m) => `${m.name}|${m.matchedTerm}`);

describe('normalizeBrandText', () => {
  it.each([
    ['ＭＡＲＡＴＨＯＮ　Ｒｏｏｔ', 'marathon root'], // full-width Latin and ideographic space
    ['馬拉松根', '马拉松根'], // Traditional → Simplified
    ['  Marathon \t Root ', 'marathon root'],
  ])('%s → %s', (input, out) => expect(normalizeBrandText(input)).toBe(out));
});

describe('BrandMatcher', () => {
  it.each<[string, string[], string | null, string[]]>([
    [
      'English term on word boundaries',
      ['Marathon Root ginseng, 4 oz'],
      null,
      ['Marathon Root|Marathon Root'],
    ],
    ['not inside a longer word', ['Marathon Rooting compound'], null, []],
    ['not after a letter', ['SuperMarathon Root'], null, []],
    ['case folded', ['MARATHON ROOT American ginseng'], null, ['Marathon Root|Marathon Root']],
    ['full-width Latin', ['ＭＡＲＡＴＨＯＮ ＲＯＯＴ 花旗参'], null, ['Marathon Root|Marathon Root']],
    ['Latin term glued to Chinese text', ['Marathon Root花旗参'], null, ['Marathon Root|Marathon Root']],
    ['after punctuation', ['(marathon root) ginseng'], null, ['Marathon Root|Marathon Root']],
    ['Chinese term inside a Chinese title', ['威斯康星马拉松根花旗参'], null, ['Marathon Root|马拉松根']],
    [
      'Traditional title finds the Simplified term',
      ['威斯康辛馬拉松根花旗參'],
      null,
      ['Marathon Root|马拉松根'],
    ],
    [
      'Japanese katakana as a substring',
      ['ウィスコンシン産マラソンルート人参'],
      null,
      ['Marathon Root|マラソンルート'],
    ],
    ['Korean term on word boundaries', ['위스콘신 마라톤루트 인삼'], null, ['Marathon Root|마라톤루트']],
    ['Korean term inside a longer word is not a mention', ['슈퍼마라톤루트인삼'], null, []],
    ['brand field equal to the name', [], 'marathon root', ['Marathon Root|Marathon Root']],
    ['brand field holding a term', [], '馬拉松根', ['Marathon Root|马拉松根']],
    ['brand field that is another word', [], 'Marathoner', []],
    [
      'two brands, each once',
      ['Marathon Root and Door Cherry', '马拉松根 门县樱桃'],
      null,
      ['Marathon Root|Marathon Root', 'Door Cherry|Door Cherry'],
    ],
    ['nothing named', ['Wisconsin ginseng', '花旗参'], null, []],
  ])('%s', (_label, texts, field, expected) => expect(names(texts, field)).toEqual(expected));

  it('stays fast with many brands', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({
      brandId: `brd_${i}`,
      name: `Brand ${i} Farms`,
      terms: [`品牌${i}号`, `ブランド${i}`],
    }));
    const big = new BrandMatcher([...many, marathon]);
    const texts = ['Marathon Root ginseng, 4 oz, from Wausau, Wisconsin', '威斯康星马拉松根花旗参 4盎司'];
    const start = performance.now();
    for (let i = 0; i < 1000; i++) big.find({ texts, brandField: null });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(big.find({ texts: ['品牌1234号 cheese'], brandField: null })).toEqual([
      { brandId: 'brd_1234', name: 'Brand 1234 Farms', matchedTerm: '品牌1234号' },
    ]);
  });
});

describe('findBrandMentions over the registry', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('sees verified brands only, and a verification at once', async () => {
    const brand = await inTransaction(db.db, (tx) =>
      registerBrand(tx, clock, 'usr_owner', {
        name: 'Marathon Root',
        terms: { 'zh-Hans': ['马拉松根'] },
        trademark: { office: 'USPTO', registrationNumber: '7,123,456', classes: [5], ownerName: 'MR LLC' },
      }),
    );
    const query = { texts: ['马拉松根花旗参'], brandField: null };
    expect(await findBrandMentions(db.db, query)).toEqual([]);
    await inTransaction(db.db, async (tx) => {
      await addBrandDocument(tx, clock, {
        brandId: brand.id,
        actor: 'usr_owner',
        kind: 'trademark_certificate',
        file: new UploadedFile('reg.pdf', Buffer.from('%PDF-1.4 test')),
      });
      await reviewBrand(tx, clock, {
        brandId: brand.id,
        agentId: 'usr_agent',
        decision: 'verify',
        reason: 'ok',
      });
    });
    expect(await findBrandMentions(db.db, query)).toEqual([
      { brandId: brand.id, name: 'Marathon Root', matchedTerm: '马拉松根' },
    ]);
  });
});
