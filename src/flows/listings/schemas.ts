import { z } from 'zod';
import * as catalog from '../../modules/catalog/index.ts';

/** The listings area's response shapes: a seller's documents, where its listings may be sold, the listings. */

export const DocumentView = z.object({
  id: z.string(),
  sellerId: z.string(),
  type: z.string(),
  typeName: z.string(),
  market: z.string().nullable(),
  number: z.string(),
  issuer: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string().nullable(),
  status: z.enum(['valid', 'expired', 'not_yet_valid', 'revoked']).describe('On today’s date.'),
  file: z
    .object({
      contentType: z.string(),
      sizeBytes: z.number().int(),
      sha256: z.string(),
      name: z.string().nullable(),
    })
    .nullable(),
  recordedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export type DocumentView = z.infer<typeof DocumentView>;

const Reason = z.object({ ruleId: z.string(), description: z.string(), source: z.string() });
const MarketView = z.object({
  market: z.string(),
  on: z.string(),
  status: z.enum(['eligible', 'restricted', 'prohibited']),
  eligibleUntil: z.string().nullable(),
  provisional: z.boolean(),
  reasons: z.array(Reason),
  documents: z.array(
    z.object({
      documentId: z.string(),
      type: z.string(),
      number: z.string(),
      expiresOn: z.string().nullable(),
    }),
  ),
  missing: z.array(
    z.object({
      requirementId: z.string(),
      documentType: z.string(),
      document: z.string(),
      goods: z.string(),
      obtain: z.string(),
      issuer: z.string(),
      url: z.string(),
      why: z.string(),
      source: z.string(),
      verification: z.string(),
      provisional: z.boolean(),
      onFile: z
        .object({
          documentId: z.string(),
          number: z.string(),
          issuedOn: z.string(),
          expiresOn: z.string().nullable(),
          status: z.string(),
        })
        .nullable(),
    }),
  ),
});
export const EligibilityView = z.object({
  productId: z.string(),
  sellerId: z.string(),
  kind: z.string(),
  hsCode: z.string().nullable(),
  markets: z.array(MarketView),
});

export const RequirementsView = z.object({
  documentTypes: z.array(
    z.object({
      type: z.string(),
      name: z.string(),
      market: z.string().nullable(),
      perMarket: z.boolean(),
      expires: z.boolean(),
      validity: z.string(),
      source: z.string(),
      verification: z.string(),
    }),
  ),
  requirements: z.array(
    z.object({
      id: z.string(),
      market: z.string(),
      description: z.string(),
      goods: z.object({
        description: z.string(),
        hsPrefixes: z.array(z.string()),
        categories: z.array(z.string()),
        excludeHsPrefixes: z.array(z.string()),
      }),
      documentType: z.string(),
      obtain: z.string(),
      issuer: z.string(),
      url: z.string(),
      source: z.string(),
      effectiveFrom: z.string(),
      effectiveTo: z.string().optional(),
      verification: z.string(),
      verificationNote: z.string().optional(),
      provisional: z.string().optional(),
      note: z.string(),
    }),
  ),
});

/** A listing as its seller manages it: the catalog's product, hidden or not. */
export const ListingView = catalog.ProductViewSchema;
