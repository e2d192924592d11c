import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { UploadedFile } from '../../kernel/uploaded-file.ts';
import {
  detectFileType,
  documentStatus,
  getSellerDocumentFile,
  listSellerDocuments,
  MAX_FILE_BYTES,
  recordSellerDocument,
  revokeSellerDocument,
} from './index.ts';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const upload = (bytes: Buffer, name = 'scan') => new UploadedFile(name, bytes);

describe('seller documents', () => {
  let db: Database;
  let ctx: Ctx;
  const sellerId = newId('sel');
  const base = {
    sellerId,
    actorId: 'usr_staff',
    type: 'cn_gacc_food_facility_registration',
    number: 'CUSA-TEST-0001',
    issuer: 'GACC',
    issuedOn: '2024-03-01',
    expiresOn: '2029-02-28',
  };
  const code = async (p: Promise<unknown>) => {
    try {
      await p;
      return 'no error';
    } catch (e) {
      return (e as { code?: string }).code ?? String(e);
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = { db: db.db, clock: new ManualClock('2026-11-24T08:00:00Z') };
  });
  afterAll(async () => {
    await db.close();
  });

  it('tells PDF, PNG and JPEG apart by their first bytes, and nothing else', () => {
    expect(detectFileType(PDF)).toBe('application/pdf');
    expect(detectFileType(PNG)).toBe('image/png');
    expect(detectFileType(JPEG)).toBe('image/jpeg');
    expect(detectFileType(Buffer.from('GIF89a'))).toBeNull();
    expect(detectFileType(Buffer.from('<html>%PDF-'))).toBeNull();
    expect(detectFileType(Buffer.alloc(0))).toBeNull();
  });

  it('records a registration with its file, stored with its SHA-256, and audits it', async () => {
    const doc = await recordSellerDocument(ctx, {
      ...base,
      file: upload(PDF, 'registration.pdf'),
    });
    expect(doc).toMatchObject({
      sellerId,
      type: base.type,
      number: base.number,
      issuedOn: '2024-03-01',
      expiresOn: '2029-02-28',
    });
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(doc.file).toEqual({
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: sha,
      name: 'registration.pdf',
    });
    const file = await getSellerDocumentFile(db.db, sellerId, doc.id);
    expect(Buffer.compare(file.bytes, PDF)).toBe(0);
    expect(file.sha256).toBe(sha);
    const audit = await db.db.execute<{ action: string; actor: string }>(
      sql`SELECT action, actor FROM audit_log WHERE subject = ${doc.id}`,
    );
    expect(audit.rows).toEqual([{ action: 'compliance.document_recorded', actor: 'usr_staff' }]);
    expect((await listSellerDocuments(db.db, sellerId)).map((d) => d.id)).toContain(doc.id);
  });

  it('refuses the same current document twice, but takes a renewal', async () => {
    expect(await code(recordSellerDocument(ctx, base))).toBe('compliance.document_exists');
    const renewal = await recordSellerDocument(ctx, {
      ...base,
      issuedOn: '2029-01-01',
      expiresOn: '2033-12-31',
    });
    expect(renewal.issuedOn).toBe('2029-01-01');
  });

  it('refuses a file that is not PDF, PNG or JPEG, an empty one and one over 5 MB', async () => {
    const gif = Buffer.from('GIF89a.........');
    expect(await code(recordSellerDocument(ctx, { ...base, number: 'G-1', file: upload(gif) }))).toBe(
      'compliance.unsupported_file_type',
    );
    expect(
      await code(recordSellerDocument(ctx, { ...base, number: 'G-2', file: upload(Buffer.alloc(0)) })),
    ).toBe('compliance.invalid_document');
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_FILE_BYTES)]);
    expect(await code(recordSellerDocument(ctx, { ...base, number: 'G-3', file: upload(big) }))).toBe(
      'compliance.invalid_document',
    );
    // A file must come through the upload pipeline: a plain object is not one.
    expect(
      await code(
        recordSellerDocument(ctx, { ...base, number: 'G-4', file: { name: 'x', bytes: PDF } as never }),
      ),
    ).toBe('compliance.invalid_document');
    // Nothing half-written: no document G-1 … G-4.
    expect((await listSellerDocuments(db.db, sellerId)).filter((d) => d.number.startsWith('G-'))).toEqual([]);
  });

  it('needs the expiry of a document that expires, the market of a per-market certificate, and real dates', async () => {
    const { expiresOn: _e, ...noExpiry } = base;
    expect(await code(recordSellerDocument(ctx, { ...noExpiry, number: 'E-1' }))).toBe(
      'compliance.invalid_document',
    );
    expect(await code(recordSellerDocument(ctx, { ...base, number: 'E-2', expiresOn: '2020-01-01' }))).toBe(
      'compliance.invalid_document',
    );
    expect(await code(recordSellerDocument(ctx, { ...base, number: 'E-3', issuedOn: '2026-02-30' }))).toBe(
      'compliance.invalid_document',
    );
    const phyto = {
      ...base,
      type: 'phytosanitary_certificate',
      number: 'PPQ-1',
      issuedOn: '2026-11-20',
      expiresOn: '2026-12-04',
    };
    expect(await code(recordSellerDocument(ctx, phyto))).toBe('compliance.invalid_document');
    expect((await recordSellerDocument(ctx, { ...phyto, market: 'JP' })).market).toBe('JP');
    expect(await code(recordSellerDocument(ctx, { ...base, number: 'E-4', type: 'driving_licence' }))).toBe(
      'compliance.invalid_document',
    );
    expect(await code(recordSellerDocument(ctx, { ...base, sellerId: 'sel_nope' }))).toBe(
      'compliance.invalid_seller',
    );
  });

  it('revokes a document once, audited, after which it counts on no day', async () => {
    const doc = await recordSellerDocument(ctx, {
      ...base,
      number: 'R-1',
      file: upload(PNG),
    });
    expect(documentStatus(doc, '2026-11-24')).toBe('valid');
    const revoked = await revokeSellerDocument(ctx, {
      sellerId,
      documentId: doc.id,
      actorId: 'usr_admin',
      reason: 'Wrong number',
    });
    expect(revoked.revokeReason).toBe('Wrong number');
    expect(documentStatus(revoked, '2026-11-24')).toBe('revoked');
    const again = await revokeSellerDocument(ctx, {
      sellerId,
      documentId: doc.id,
      actorId: 'usr_admin',
      reason: 'Twice',
    });
    expect(again.revokeReason).toBe('Wrong number');
    const audit = await db.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE subject = ${doc.id} ORDER BY id`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'compliance.document_recorded',
      'compliance.document_revoked',
    ]);
    expect(
      await code(
        revokeSellerDocument(ctx, { sellerId, documentId: newId('doc'), actorId: 'x', reason: 'y' }),
      ),
    ).toBe('compliance.document_not_found');
    // Another seller's id does not reach this seller's document.
    expect(await code(getSellerDocumentFile(db.db, newId('sel'), doc.id))).toBe(
      'compliance.document_not_found',
    );
  });

  it('dates validity in calendar days: from the issue date through the expiry date', async () => {
    const doc = await recordSellerDocument(ctx, {
      ...base,
      number: 'D-1',
      issuedOn: '2026-12-01',
      expiresOn: '2026-12-31',
    });
    expect(documentStatus(doc, '2026-11-30')).toBe('not_yet_valid');
    expect(documentStatus(doc, '2026-12-01')).toBe('valid');
    expect(documentStatus(doc, '2026-12-31')).toBe('valid');
    expect(documentStatus(doc, '2027-01-01')).toBe('expired');
  });
});
