import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { IdentityDeps } from './deps.ts';
import { createUser, getBuyerIdentity, revealBuyerIdentity, saveBuyerIdentity } from './index.ts';

const ID = '11010519491231002X';

describe('buyer identity (China real-name)', () => {
  let db: Database;
  let deps: IdentityDeps;
  let n = 0;
  const newBuyer = async () =>
    (
      await createUser(deps, {
        email: `b${++n}@example.com`,
        password: 'long enough pw',
        displayName: 'B',
        roles: [{ role: 'buyer' }],
      })
    ).id;

  beforeAll(async () => {
    db = await createTestDatabase();
    deps = {
      db: db.db,
      clock: new ManualClock('2026-11-24T00:00:00Z'),
      idEncryptionKey: Buffer.alloc(32, 3),
    };
  });
  afterAll(async () => {
    await db.close();
  });

  it('stores the number encrypted, never in plain text, and reveals it with the key', async () => {
    const userId = await newBuyer();
    const view = await saveBuyerIdentity(deps, userId, { market: 'CN', realName: '王小明', idNumber: ID });
    expect(view).toMatchObject({
      userId,
      market: 'CN',
      realName: '王小明',
      idNumberMasked: '1101**********002X',
      verifiedAt: '2026-11-24T00:00:00.000Z',
    });

    const { rows } = await deps.db.execute<{ dump: string; ct: string }>(
      sql`SELECT b::text AS dump, encode(id_number_ciphertext, 'hex') AS ct FROM buyer_identities b WHERE user_id = ${userId}`,
    );
    const { dump, ct } = rows[0]!;
    expect(dump).not.toContain(ID);
    expect(dump).not.toContain(Buffer.from(ID).toString('hex'));
    expect(dump).not.toContain('19491231');
    expect(ct.slice(0, 2)).toBe('01'); // key version byte
    expect(ct.length / 2).toBe(1 + 12 + 16 + ID.length); // version, nonce, tag, ciphertext

    expect(await revealBuyerIdentity(deps, userId, 'CN')).toEqual({ realName: '王小明', idNumber: ID });
  });

  it('cannot be decrypted with a different key', async () => {
    const userId = await newBuyer();
    await saveBuyerIdentity(deps, userId, { market: 'CN', realName: '王小明', idNumber: ID });
    await expect(
      revealBuyerIdentity({ ...deps, idEncryptionKey: Buffer.alloc(32, 4) }, userId, 'CN'),
    ).rejects.toThrow();
  });

  it("does not decrypt a ciphertext copied into another user's row", async () => {
    const a = await newBuyer();
    const b = await newBuyer();
    await saveBuyerIdentity(deps, a, { market: 'CN', realName: '王小明', idNumber: ID });
    await saveBuyerIdentity(deps, b, { market: 'CN', realName: '李四', idNumber: '310101199001011234' });
    await deps.db.execute(sql`UPDATE buyer_identities SET id_number_ciphertext =
      (SELECT id_number_ciphertext FROM buyer_identities WHERE user_id = ${a}) WHERE user_id = ${b}`);
    await expect(revealBuyerIdentity(deps, b, 'CN')).rejects.toThrow();
  });

  it('encrypts with a fresh nonce each time but keeps one lookup HMAC per number', async () => {
    const a = await newBuyer();
    const b = await newBuyer();
    await saveBuyerIdentity(deps, a, { market: 'CN', realName: '王小明', idNumber: ID });
    await saveBuyerIdentity(deps, b, { market: 'CN', realName: '王小明', idNumber: ID });
    const { rows } = await deps.db.execute<{ ct: string; mac: string }>(sql`
      SELECT encode(id_number_ciphertext, 'hex') AS ct, encode(id_number_hmac, 'hex') AS mac
      FROM buyer_identities WHERE user_id IN (${a}, ${b})`);
    expect(rows[0]!.ct).not.toBe(rows[1]!.ct);
    expect(rows[0]!.mac).toBe(rows[1]!.mac);
  });

  it('replaces the identity on a second save (one per user and market)', async () => {
    const userId = await newBuyer();
    const first = await saveBuyerIdentity(deps, userId, { market: 'CN', realName: '王小明', idNumber: ID });
    const second = await saveBuyerIdentity(deps, userId, {
      market: 'CN',
      realName: '李四',
      idNumber: ' 310101199001011234 ',
    });
    expect(second.id).toBe(first.id);
    expect(second.idNumberMasked).toBe('3101**********1234');
    expect(await getBuyerIdentity(deps.db, userId, 'CN')).toEqual(second);
    expect(await revealBuyerIdentity(deps, userId, 'CN')).toEqual({
      realName: '李四',
      idNumber: '310101199001011234',
    });
  });

  it('refuses an invalid number or name with 422-kind errors and stores nothing', async () => {
    const userId = await newBuyer();
    for (const idNumber of ['310101199001011235', '440305190002291236', '3101011990010112', 'x'.repeat(18)]) {
      await expect(
        saveBuyerIdentity(deps, userId, { market: 'CN', realName: '王小明', idNumber }),
      ).rejects.toMatchObject({
        kind: 'unprocessable',
        code: 'identity.invalid_id_number',
      });
    }
    for (const realName of ['', '   ', '王小明123', 'a\u0000b']) {
      await expect(
        saveBuyerIdentity(deps, userId, { market: 'CN', realName, idNumber: ID }),
      ).rejects.toMatchObject({
        code: 'identity.invalid_real_name',
      });
    }
    expect(await getBuyerIdentity(deps.db, userId, 'CN')).toBeNull();
    expect(await revealBuyerIdentity(deps, userId, 'CN')).toBeNull();
  });

  it('accepts a name with a middle dot and refuses an unknown user', async () => {
    const userId = await newBuyer();
    const view = await saveBuyerIdentity(deps, userId, {
      market: 'CN',
      realName: '买买提·艾力',
      idNumber: ID,
    });
    expect(view.realName).toBe('买买提·艾力');
    await expect(
      saveBuyerIdentity(deps, `usr_${'9'.repeat(32)}` as typeof userId, {
        market: 'CN',
        realName: '王小明',
        idNumber: ID,
      }),
    ).rejects.toMatchObject({ code: 'identity.user_not_found' });
  });
});
