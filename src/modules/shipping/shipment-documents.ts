import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { invalid } from '../../kernel/errors.ts';

export const SHIPMENT_DOCUMENT_KINDS = ['ceb311', 'ceb411', 'ceb511', 'eei_determination'] as const;
export type ShipmentDocumentKind = (typeof SHIPMENT_DOCUMENT_KINDS)[number];

/** A document declared when the parcel shipped: its shown form and the keyed digest of the original. */
export interface ShipmentDocument {
  kind: ShipmentDocumentKind;
  body: string;
  digest: string;
  createdAt: string;
}

/**
 * Keeps what was declared at ship time, in the caller's transaction (the ship gate's). A retry of
 * the same shipment keeps the first record of each kind.
 */
export async function recordShipmentDocuments(
  tx: Db,
  shipmentId: string,
  docs: readonly { kind: ShipmentDocumentKind; body: string; digest: string }[],
  at: Date,
): Promise<void> {
  if (docs.length === 0) return;
  for (const d of docs) {
    if (!(SHIPMENT_DOCUMENT_KINDS as readonly string[]).includes(d.kind))
      throw invalid('shipping.unknown_document', `Unknown shipment document kind ${d.kind}.`);
    if (!/^[0-9a-f]{64}$/.test(d.digest))
      throw invalid('shipping.invalid_digest', 'A document digest is 64 hex digits.');
  }
  const rows = docs.map((d) => sql`(${shipmentId}, ${d.kind}, ${d.body}, ${d.digest}, ${at.toISOString()})`);
  await tx.execute(sql`INSERT INTO shipment_documents (shipment_id, kind, body, digest, created_at)
    VALUES ${sql.join(rows, sql`, `)} ON CONFLICT (shipment_id, kind) DO NOTHING`);
}

/** The documents declared for a shipment, in kind order. */
export async function shipmentDocuments(db: Db, shipmentId: string): Promise<ShipmentDocument[]> {
  const { rows } = await db.execute<{
    kind: ShipmentDocumentKind;
    body: string;
    digest: string;
    created_at: Date;
  }>(
    sql`SELECT kind, body, digest, created_at FROM shipment_documents WHERE shipment_id = ${shipmentId} ORDER BY kind`,
  );
  return rows.map((r) => ({
    kind: r.kind,
    body: r.body,
    digest: r.digest,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
