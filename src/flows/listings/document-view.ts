import * as compliance from '../../modules/compliance/index.ts';
import type { DocumentView } from './schemas.ts';

/** A document as the API shows it, with its status on the day of `at` where it applies. */
export function documentView(doc: compliance.SellerDocument, at: Date): DocumentView {
  const type = compliance.documentTypes().find((t) => t.type === doc.type);
  return {
    id: doc.id,
    sellerId: doc.sellerId,
    type: doc.type,
    typeName: type?.name ?? doc.type,
    market: doc.market,
    number: doc.number,
    issuer: doc.issuer,
    issuedOn: doc.issuedOn,
    expiresOn: doc.expiresOn,
    status: compliance.documentStatus(doc, compliance.documentToday(doc, at)),
    file: doc.file,
    recordedAt: doc.recordedAt,
    revokedAt: doc.revokedAt,
    revokeReason: doc.revokeReason,
  };
}
