import type { Db } from '../../../db/database.ts';
import { brandDocumentView, publicBrandView, referenceProductView } from '../schemas.ts';
import type { Brand } from './brands.ts';
import { listBrandDocuments } from './brands.ts';
import { brandReferenceProducts } from './reference.ts';

/** A brand as its owner and the trust agents see it: status, documents and reference products. */
export async function brandDetail(db: Db, b: Brand) {
  return {
    ...publicBrandView(b),
    ownerUserId: b.ownerUserId,
    statusReason: b.statusReason,
    reviewedAt: b.reviewedAt,
    documents: (await listBrandDocuments(db, b.id)).map(brandDocumentView),
    referenceProducts: (await brandReferenceProducts(db, b.id)).map(referenceProductView),
  };
}
