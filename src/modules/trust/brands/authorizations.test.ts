import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/db.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { ManualClock } from '../../../kernel/clock.ts';
import { isDomainError } from '../../../kernel/errors.ts';
import type { MarketCode } from '../../../kernel/locales.ts';
import {
  authorizationCovers,
  authorizeSeller,
  isSellerAuthorized,
  revokeAuthorization,
} from './authorizations.ts';
import { registerBrand } from './brands.ts';
import { normalizeRegistrationNumber, RegisterBrandSchema } from './schemas.ts';

const P1 = `prd_${'1'.repeat(32)}`;
const P2 = `prd_${'2'.repeat(32)}`;
const NOW = new Date('2026-12-01T00:00:00Z');
type Scope = Parameters<typeof authorizationCovers>[0];
const base: Scope = { productIds: null, markets: null, validUntil: null, revokedAt: null };

describe('authorizationCovers', () => {
  it.each<[string, Partial<Scope>, { productId: string; market?: MarketCode }, boolean]>([
    ['all products, all markets, no end', {}, { productId: P1, market: 'CN' }, true],
    ['expired', { validUntil: '2026-11-30T23:59:59.000Z' }, { productId: P1 }, false],
    ['ends exactly now', { validUntil: NOW.toISOString() }, { productId: P1 }, false],
    ['ends later', { validUntil: '2027-01-01T00:00:00.000Z' }, { productId: P1 }, true],
    ['revoked', { revokedAt: '2026-11-30T00:00:00.000Z' }, { productId: P1 }, false],
    [
      'revoked after the instant asked about',
      { revokedAt: '2026-12-02T00:00:00.000Z' },
      { productId: P1 },
      true,
    ],
    ['product in scope', { productIds: [P1] }, { productId: P1 }, true],
    ['product out of scope', { productIds: [P1] }, { productId: P2 }, false],
    ['market in scope', { markets: ['CN', 'HK'] }, { productId: P1, market: 'HK' }, true],
    ['market out of scope', { markets: ['CN', 'HK'] }, { productId: P1, market: 'JP' }, false],
    ['market not asked about', { markets: ['CN'] }, { productId: P1 }, true],
  ])('%s', (_label, auth, q, expected) => {
    expect(authorizationCovers({ ...base, ...auth }, { ...q, at: NOW })).toBe(expected);
  });
});

describe('trademark rules', () => {
  const tm = { office: 'USPTO', registrationNumber: '7123456', classes: [5, 30], ownerName: 'MR LLC' };
  const ok = (trademark: unknown) => RegisterBrandSchema.safeParse({ name: 'X Brand', trademark }).success;
  it.each<[string, unknown, boolean]>([
    ['a USPTO registration', tm, true],
    ['Nice class 46 does not exist', { ...tm, classes: [46] }, false],
    ['class 0', { ...tm, classes: [0] }, false],
    ['a class twice', { ...tm, classes: [5, 5] }, false],
    ['no class', { ...tm, classes: [] }, false],
    ['USPTO number of 6 digits', { ...tm, registrationNumber: '712345' }, false],
    ['USPTO number with commas', { ...tm, registrationNumber: '7,123,456' }, true],
    ['CNIPA number', { ...tm, office: 'CNIPA', registrationNumber: '12345678' }, true],
    ['an unknown office', { ...tm, office: 'XIPO' }, false],
    ['a number without digits', { ...tm, office: 'JPO', registrationNumber: 'ABC' }, false],
  ])('%s', (_label, trademark, expected) => expect(ok(trademark)).toBe(expected));

  it('stores the office’s own form of the number', () => {
    expect(normalizeRegistrationNumber('USPTO', '7,123,456')).toBe('7123456');
    expect(normalizeRegistrationNumber('KIPO', ' 40-1234567 ')).toBe('40-1234567');
  });
});

describe('isSellerAuthorized', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  const S1 = `sel_${'1'.repeat(32)}`;
  const S2 = `sel_${'2'.repeat(32)}`;
  let brandId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    brandId = (
      await inTransaction(db.db, (tx) =>
        registerBrand(tx, clock, 'usr_owner', {
          name: 'Door Cherry',
          trademark: { office: 'USPTO', registrationNumber: '7000001', classes: [29], ownerName: 'DC Inc' },
        }),
      )
    ).id;
  });
  afterAll(() => db.close());

  it('follows scope, end and revocation', async () => {
    const auth = (input: Parameters<typeof authorizeSeller>[2]) =>
      inTransaction(db.db, (tx) => authorizeSeller(tx, clock, input));
    const scoped = await auth({
      brandId,
      actor: 'usr_owner',
      sellerId: S1,
      productIds: [P1],
      markets: ['CN'],
      validUntil: '2026-12-24T00:00:00Z',
    });
    const at = clock.now();
    const q = (productId: string, market: MarketCode | null, when = at, sellerId = S1) =>
      isSellerAuthorized(db.db, { brandId, sellerId, productId, market, at: when });
    expect(await q(P1, 'CN')).toBe(true);
    expect(await q(P1, 'JP')).toBe(false);
    expect(await q(P2, 'CN')).toBe(false);
    expect(await q(P1, 'CN', new Date('2026-12-24T00:00:00Z'))).toBe(false);
    expect(await q(P1, 'CN', at, S2)).toBe(false);

    await inTransaction(db.db, (tx) =>
      revokeAuthorization(tx, clock, {
        authorizationId: scoped.id,
        actor: 'usr_owner',
        reason: 'contract ended',
      }),
    );
    expect(await q(P1, 'CN')).toBe(false);
    const again = await inTransaction(db.db, (tx) =>
      revokeAuthorization(tx, clock, { authorizationId: scoped.id, actor: 'usr_owner', reason: 'x' }),
    ).catch((e) => e);
    expect(isDomainError(again) && again.code).toBe('trust.authorization_revoked');

    await auth({ brandId, actor: 'usr_owner', sellerId: S1 });
    expect(await q(P2, 'JP')).toBe(true);
  });

  it('refuses an end in the past', async () => {
    const e = await inTransaction(db.db, (tx) =>
      authorizeSeller(tx, clock, {
        brandId,
        actor: 'usr_owner',
        sellerId: S2,
        validUntil: '2026-11-01T00:00:00Z',
      }),
    ).catch((x) => x);
    expect(isDomainError(e) && e.kind).toBe('invalid');
  });
});
