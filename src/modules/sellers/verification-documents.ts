import { sql } from 'drizzle-orm';
import { type DocumentContentType, documentContentType } from '../../../common/document-type.ts';
import type { Db } from '../../db/database.ts';

export interface VerificationDocument {
  itemId: string;
  name: string;
  sha256: string;
  content: Buffer;
  /** Read from the bytes (PDF, PNG, JPEG, else octet-stream). */
  contentType: DocumentContentType;
}

/**
 * The uploaded document of a verification item, for the agent deciding it. Null when the seller
 * gave only the document's sha256 (nothing was uploaded) or the item has no document.
 */
export async function getVerificationDocument(db: Db, itemId: string): Promise<VerificationDocument | null> {
  const { rows } = await db.execute<{ name: string; sha256: string; content: Buffer }>(sql`
    SELECT i.document_name AS name, i.document_sha256 AS sha256, d.content
      FROM seller_verification_items i JOIN seller_verification_documents d ON d.item_id = i.id
     WHERE i.id = ${itemId}`);
  const r = rows[0];
  if (!r) return null;
  const content = Buffer.from(r.content);
  return { itemId, name: r.name, sha256: r.sha256, content, contentType: documentContentType(content) };
}
