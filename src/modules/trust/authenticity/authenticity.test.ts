import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/db.ts';
import type { Database } from '../../../db/database.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { isDomainError } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import {
  authenticityCodeKey,
  type CreateLotInput,
  codeFor,
  createLot,
  formatCode,
  issueCodes,
  listAuthenticityAlerts,
  parseCode,
  resolveAuthenticityAlert,
  type ScanResult,
  verifyScan,
} from '../index.ts';

const key = authenticityCodeKey('test-installation-secret-0123456789');
const at = (iso: string) => new Date(iso);

async function domainError(p: Promise<unknown>): Promise<{ code: string; kind: string }> {
  try {
    await p;
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, kind: e.kind };
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('authenticity codes and lots (issue 4)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  const lotInput = (over: Partial<CreateLotInput> = {}): CreateLotInput => ({
    sellerId: newId('sel'),
    productId: newId('prd'),
    lotNumber: 'GIN-2026-07',
    farmName: 'Hsu Ginseng Farm',
    usState: 'WI',
    county: 'Marathon',
    harvestedOrMadeOn: '2026-09-15',
    certifications: [
      { scheme: 'USDA Organic', number: 'OR-12345', certifier: 'MOSA', expiresOn: '2027-03-31' },
      {
        scheme: 'Wisconsin Ginseng Board Seal',
        number: 'WGB-77',
        certifier: 'Ginseng Board of Wisconsin',
        expiresOn: '2026-10-01',
      },
    ],
    soldToMarkets: ['CN', 'HK'],
    ...over,
  });
  const newLot = (over: Partial<CreateLotInput> = {}) =>
    inTransaction(db.db, (tx) => createLot(tx, lotInput(over), at('2026-11-01T00:00:00Z')));
  const issue = (lotId: string, count: number, reference = 'batch-1') =>
    inTransaction(db.db, (tx) =>
      issueCodes(tx, key, { lotId, count, reference, at: at('2026-11-02T00:00:00Z') }),
    );
  const scan = (code: string, market: string, when = '2026-12-01T08:00:00Z') =>
    inTransaction(db.db, (tx) =>
      verifyScan(tx, key, { code, market, at: at(when), clientRef: 'iphash:ab12' }),
    );

  it('records a lot with its provenance; the same lot again is a no-op, other details a 409', async () => {
    const input = lotInput();
    const lot = await inTransaction(db.db, (tx) => createLot(tx, input, at('2026-11-01T00:00:00Z')));
    expect(lot).toMatchObject({
      farmName: 'Hsu Ginseng Farm',
      usState: 'WI',
      county: 'Marathon',
      harvestedOrMadeOn: '2026-09-15',
      soldToMarkets: ['CN', 'HK'],
      createdAt: '2026-11-01T00:00:00.000Z',
    });
    expect(lot.certifications[0]).toEqual(input.certifications![0]);
    const again = await inTransaction(db.db, (tx) => createLot(tx, input, at('2026-11-05T00:00:00Z')));
    expect(again.id).toBe(lot.id);
    const clash = await domainError(
      inTransaction(db.db, (tx) => createLot(tx, { ...input, county: 'Wood' }, at('2026-11-05T00:00:00Z'))),
    );
    expect(clash).toEqual({ code: 'trust.lot_exists', kind: 'conflict' });
  });

  it.each([
    ['an unknown state', { usState: 'XX' }],
    ['an impossible date', { harvestedOrMadeOn: '2026-02-30' }],
    ['a bad seller id', { sellerId: 'sel_1' }],
    ['an unknown market', { soldToMarkets: ['US'] }],
    ['an empty farm name', { farmName: ' ' }],
    ['a certification without a number', { certifications: [{ scheme: 'USDA Organic', certifier: 'MOSA' }] }],
  ])('refuses a lot with %s (400)', async (_, over) => {
    expect(await domainError(newLot(over as Partial<CreateLotInput>))).toEqual({
      code: 'trust.invalid_lot',
      kind: 'invalid',
    });
  });

  it('issues up to 10,000 distinct codes in one call and replays a retried reference', async () => {
    const lot = await newLot({ lotNumber: 'BIG-1' });
    const batch = await issue(lot.id, 10_000);
    expect(batch.codes).toHaveLength(10_000);
    expect(new Set(batch.codes).size).toBe(10_000);
    expect(batch.replayed).toBe(false);
    const retry = await issue(lot.id, 10_000);
    expect(retry).toMatchObject({ batchId: batch.batchId, replayed: true });
    expect(retry.codes).toEqual(batch.codes);
    const { rows } = await db.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM authenticity_codes WHERE lot_id = ${lot.id}`,
    );
    expect(rows[0]!.n).toBe(10_000);
    expect(await domainError(issue(lot.id, 5))).toEqual({
      code: 'trust.batch_reference_reused',
      kind: 'conflict',
    });
  });

  it('stores serials only, never a code or its tag', async () => {
    const lot = await newLot({ lotNumber: 'STORE-1' });
    const { codes } = await issue(lot.id, 3);
    const { rows } = await db.db.execute(sql`SELECT * FROM authenticity_codes WHERE lot_id = ${lot.id}`);
    const stored = JSON.stringify(rows);
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored).toContain(parseCode(code).serial.toString());
    }
    expect(Object.keys(rows[0]!).sort()).toEqual(
      ['batch_id', 'issued_at', 'lot_id', 'product_id', 'seller_id', 'serial'].sort(),
    );
  });

  it.each([
    [0, 'trust.invalid_code_count'],
    [10_001, 'trust.invalid_code_count'],
    [1.5, 'trust.invalid_code_count'],
  ])('refuses to issue %d codes (400)', async (count, code) => {
    const lot = await newLot({ lotNumber: `COUNT-${count}` });
    expect(await domainError(issue(lot.id, count))).toEqual({ code, kind: 'invalid' });
  });

  it('refuses codes for a lot that does not exist (404)', async () => {
    expect(await domainError(issue(newId('lot'), 1))).toEqual({
      code: 'trust.lot_not_found',
      kind: 'not_found',
    });
  });

  it('tells genuine, replayed, altered, forged and unknown codes apart', async () => {
    const lot = await newLot({ lotNumber: 'KINDS-1' });
    const [code] = (await issue(lot.id, 1)).codes as [string];

    const first = await scan(formatCode(code).toLowerCase(), 'CN', '2026-12-01T08:00:00Z');
    expect(first).toMatchObject({
      outcome: 'genuine',
      code,
      productId: lot.productId,
      sellerId: lot.sellerId,
      firstScan: true,
      previousScans: 0,
      previousMarkets: [],
      firstScannedAt: null,
    });
    expect(first.outcome === 'genuine' && first.alert).toBeFalsy();
    if (first.outcome !== 'genuine') throw new Error('unreachable');
    expect(first.lot).toMatchObject({
      id: lot.id,
      lotNumber: 'KINDS-1',
      farmName: 'Hsu Ginseng Farm',
      usState: 'WI',
    });
    // The board seal expired on 2026-10-01, before the scan; the organic certificate had not.
    expect(first.lot.certifications.map((c) => [c.scheme, c.expired])).toEqual([
      ['USDA Organic', false],
      ['Wisconsin Ginseng Board Seal', true],
    ]);

    // Replayed: genuine, but not the first scan; same market → reported, no alert.
    const replay = await scan(code, 'CN', '2026-12-02T08:00:00Z');
    expect(replay).toMatchObject({
      outcome: 'genuine',
      firstScan: false,
      previousScans: 1,
      previousMarkets: ['CN'],
      firstScannedAt: '2026-12-01T08:00:00.000Z',
    });
    expect(replay.outcome === 'genuine' && replay.alert).toBeFalsy();

    // Altered: one symbol changed, in the tag (same serial) or in the serial → forged.
    const alter = (i: number) => code.slice(0, i) + (code[i] === 'Z' ? 'Y' : 'Z') + code.slice(i + 1);
    expect(await scan(alter(14), 'CN')).toEqual({ outcome: 'forged', code: alter(14) });
    expect(await scan(alter(3), 'CN')).toEqual({ outcome: 'forged', code: alter(3) });

    // Forged: a well-formed code nobody issued, made without the key.
    const forgedKey = authenticityCodeKey('counterfeiter-guesses-a-secret-42');
    const forged = codeFor(forgedKey, parseCode(code).serial);
    expect(await scan(forged, 'CN')).toEqual({ outcome: 'forged', code: forged });

    // Unknown: signed with our key but never issued (records lost, or a test print).
    const unknown = codeFor(key, (parseCode(code).serial + 1n) % (1n << 48n));
    expect(await scan(unknown, 'CN')).toEqual({ outcome: 'unknown', code: unknown });

    // The forged and unknown scans did not count as scans of the genuine code.
    const third = (await scan(code, 'CN', '2026-12-03T08:00:00Z')) as Extract<
      ScanResult,
      { outcome: 'genuine' }
    >;
    expect(third.previousScans).toBe(2);
    const { rows } = await db.db.execute<{ outcome: string; n: number }>(sql`
      SELECT outcome, count(*)::int AS n FROM authenticity_scans
      WHERE serial IN (${parseCode(code).serial.toString()}::int8, ${parseCode(unknown).serial.toString()}::int8)
      GROUP BY outcome ORDER BY outcome`);
    expect(rows).toEqual([
      { outcome: 'forged', n: 2 },
      { outcome: 'genuine', n: 3 },
      { outcome: 'unknown', n: 1 },
    ]);
  });

  it('alerts the seller when a code is scanned again from another market', async () => {
    const lot = await newLot({ lotNumber: 'ALERT-1' });
    const [code] = (await issue(lot.id, 1)).codes as [string];
    expect(await scan(code, 'CN', '2026-12-01T00:00:00Z')).not.toHaveProperty('alert');
    const elsewhere = await scan(code, 'HK', '2026-12-04T00:00:00Z');
    expect(elsewhere).toMatchObject({
      outcome: 'genuine',
      previousMarkets: ['CN'],
      alert: 'scanned_in_another_market',
    });

    const alerts = await listAuthenticityAlerts(db.db, lot.sellerId);
    expect(alerts).toEqual([
      expect.objectContaining({
        serial: parseCode(code).serial.toString(),
        lotId: lot.id,
        reason: 'scanned_in_another_market',
        market: 'HK',
        at: '2026-12-04T00:00:00.000Z',
        resolvedAt: null,
      }),
    ]);
    const { rows } = await db.db.execute<{ payload: Record<string, unknown> }>(
      sql`SELECT payload FROM outbox WHERE topic = 'trust.authenticity_alert' AND key = ${lot.sellerId}`,
    );
    expect(rows.map((r) => r.payload)).toEqual([
      expect.objectContaining({
        reason: 'scanned_in_another_market',
        code,
        market: 'HK',
        previousMarkets: ['CN'],
      }),
    ]);

    const resolved = await inTransaction(db.db, (tx) =>
      resolveAuthenticityAlert(tx, {
        alertId: alerts[0]!.id,
        sellerId: lot.sellerId,
        at: at('2026-12-05T00:00:00Z'),
      }),
    );
    expect(resolved.resolvedAt).toBe('2026-12-05T00:00:00.000Z');
    expect(await listAuthenticityAlerts(db.db, lot.sellerId)).toEqual([]);
    expect(await listAuthenticityAlerts(db.db, lot.sellerId, { includeResolved: true })).toHaveLength(1);
    // Another seller cannot resolve it (nor learn it exists).
    expect(
      await domainError(
        inTransaction(db.db, (tx) =>
          resolveAuthenticityAlert(tx, {
            alertId: alerts[0]!.id,
            sellerId: newId('sel'),
            at: at('2026-12-05T00:00:00Z'),
          }),
        ),
      ),
    ).toEqual({ code: 'trust.alert_not_found', kind: 'not_found' });
  });

  it('alerts on a first scan in a market the lot was not sold to; no market check without soldToMarkets', async () => {
    const lot = await newLot({ lotNumber: 'MARKET-1', soldToMarkets: ['JP'] });
    const [code] = (await issue(lot.id, 1)).codes as [string];
    expect(await scan(code, 'CN')).toMatchObject({
      outcome: 'genuine',
      firstScan: true,
      alert: 'market_not_sold_to',
    });

    const open = await newLot({ lotNumber: 'MARKET-2', soldToMarkets: undefined });
    const [free] = (await issue(open.id, 1)).codes as [string];
    expect(await scan(free, 'CN')).not.toHaveProperty('alert');
  });

  it('counts exactly one first scan when the same code is scanned at once many times', async () => {
    const lot = await newLot({ lotNumber: 'RACE-1' });
    const [code] = (await issue(lot.id, 1)).codes as [string];
    const results = await Promise.all(Array.from({ length: 8 }, () => scan(code, 'HK')));
    const genuine = results.filter((r) => r.outcome === 'genuine');
    expect(genuine.filter((r) => r.firstScan)).toHaveLength(1);
    expect(genuine.map((r) => r.previousScans).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it.each([
    ['a malformed code', { code: 'NOT-A-CODE', market: 'CN' }, 'trust.code_malformed'],
    ['an unknown market', { code: '0000000000000000', market: 'US' }, 'trust.invalid_market'],
  ])('refuses a scan with %s (400)', async (_, input, code) => {
    expect(
      await domainError(
        inTransaction(db.db, (tx) => verifyScan(tx, key, { ...input, at: at('2026-12-01T00:00:00Z') })),
      ),
    ).toEqual({ code, kind: 'invalid' });
  });
});
