import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { zUploadedFile } from '../../kernel/uploaded-file.ts';
import { US_STATE_CODES, type UsState } from '../../kernel/us-states.ts';

/**
 * The evidence a seller submits to reach a verification level: its business registration, its
 * business address, the bank account payouts go to, and (farms) a farm document. The HTTP edge and
 * `submitVerificationItem` validate with the same schema.
 */

export const VERIFICATION_KINDS = [
  'business_registration',
  'business_address',
  'bank_account',
  'farm_document',
] as const;
export type VerificationKind = (typeof VERIFICATION_KINDS)[number];

export const FARM_DOCUMENT_KINDS = [
  'usda_fsa_farm_number',
  'state_farm_registration',
  'usda_organic_certificate',
] as const;
export type FarmDocumentKind = (typeof FARM_DOCUMENT_KINDS)[number];

/**
 * An uploaded document may be at most 5 MB (5 × 1024 × 1024 bytes) once decoded. A literal, so its
 * type is the number itself and the web app's copy of the limit is checked against it.
 */
export const MAX_DOCUMENT_BYTES = 5_242_880;

/**
 * ABA routing transit number checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10).
 * The first two digits name a Federal Reserve district (00–12 and the thrift 21–32, electronic
 * 61–72 and traveler's-cheque 80 ranges); others have never been issued.
 * Source: ABA, Routing Number Policy and Procedures; Federal Reserve, E-Payments Routing Directory.
 * @example isValidAbaRoutingNumber('021000021') // true
 */
export function isValidAbaRoutingNumber(s: string): boolean {
  if (!/^[0-9]{9}$/.test(s)) return false;
  const p = Number(s.slice(0, 2));
  if (!(p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p === 80)) return false;
  const d = [...s].map(Number);
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return sum % 10 === 0;
}

/** A ZIP or ZIP+4 code; 00000 is never assigned. */
export const isValidZip = (s: string): boolean => /^[0-9]{5}(-[0-9]{4})?$/.test(s) && !s.startsWith('00000');

const text = (max: number) => z.string().trim().min(1).max(max);
const UsStateCode = z.enum(US_STATE_CODES as [UsState, ...UsState[]]);
const Day = z.iso.date();

/**
 * A document: its file (`document.content`, a multipart file part) or, for a file kept elsewhere,
 * its name and SHA-256 alone. With both, the hash must match the bytes that arrived.
 */
const DocumentInput = z
  .object({
    /** Defaults to the uploaded file's name. */
    name: text(200).optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'a SHA-256 in hex')
      .optional(),
    content: zUploadedFile('The scan: a PDF, PNG or JPEG of at most 5 MB (multipart only).').optional(),
  })
  .strict()
  .refine(
    (d) => d.sha256 !== undefined || d.content !== undefined,
    'Give the document’s sha256 or its content.',
  )
  .refine((d) => d.name !== undefined || d.content !== undefined, {
    path: ['name'],
    message: 'Name the document.',
  });

export const VerificationItemInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('business_registration'),
      stateOfRegistration: UsStateCode,
      entityNumber: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$/, 'the entity or file number the state issued'),
      document: DocumentInput,
    })
    .strict(),
  z
    .object({
      kind: z.literal('business_address'),
      street: text(200),
      street2: text(200).optional(),
      city: text(100),
      state: UsStateCode,
      zip: z.string().trim().refine(isValidZip, 'a ZIP code: 12345 or 12345-6789'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('bank_account'),
      holderName: text(200),
      routingNumber: z.string().refine(isValidAbaRoutingNumber, 'an ABA routing number (fails the checksum)'),
      accountNumber: z.string().regex(/^[0-9]{4,17}$/, 'an account number of 4 to 17 digits'),
      accountType: z.enum(['checking', 'savings']),
    })
    .strict(),
  z
    .object({
      kind: z.literal('farm_document'),
      documentKind: z.enum(FARM_DOCUMENT_KINDS),
      number: text(60),
      state: UsStateCode.optional(),
      certifier: text(200).optional(),
      expiresOn: Day.optional(),
      document: DocumentInput.optional(),
    })
    .strict()
    .superRefine((f, issue) => {
      if (f.documentKind === 'state_farm_registration' && !f.state)
        issue.addIssue({ code: 'custom', path: ['state'], message: 'the state that registered the farm' });
      if (f.documentKind === 'usda_organic_certificate' && (!f.expiresOn || !f.certifier))
        issue.addIssue({
          code: 'custom',
          path: ['expiresOn'],
          message: 'an organic certificate names its certifier and expiry',
        });
    }),
]);
export type VerificationItemInput = z.infer<typeof VerificationItemInput>;

/** What is kept of a submission: never a full bank account number. */
export interface PreparedEvidence {
  kind: VerificationKind;
  /** One pending item per seller and slot (farm documents: one per document kind). */
  slot: string;
  details: Record<string, unknown>;
  accountHmac: string | null;
  document: { name: string; sha256: string; content: Buffer | null } | null;
  expiresOn: string | null;
}

export type EvidenceProblem = 'document_too_large' | 'document_hash_mismatch';

/**
 * Turns validated input into what is stored: the bank account number becomes its last four digits
 * and an HMAC under `accountHmacKey` (so a reused account can be spotted without keeping it), an
 * upload is hashed. Returns a problem instead when the upload is too big or its hash
 * does not match the one given.
 */
export function prepareEvidence(
  input: VerificationItemInput,
  accountHmacKey: Buffer,
): PreparedEvidence | EvidenceProblem {
  const base = {
    kind: input.kind,
    slot: input.kind as string,
    accountHmac: null,
    document: null,
    expiresOn: null,
  };
  switch (input.kind) {
    case 'business_registration': {
      const document = prepareDocument(input.document);
      if (typeof document === 'string') return document;
      const { document: _, kind: __, ...details } = input;
      return { ...base, details, document };
    }
    case 'business_address': {
      const { kind: _, ...details } = input;
      return { ...base, details };
    }
    case 'bank_account': {
      const accountHmac = createHmac('sha256', accountHmacKey)
        .update(`${input.routingNumber}:${input.accountNumber}`)
        .digest('hex');
      return {
        ...base,
        accountHmac,
        details: {
          holderName: input.holderName,
          routingNumber: input.routingNumber,
          accountType: input.accountType,
          accountLast4: input.accountNumber.slice(-4),
        },
      };
    }
    case 'farm_document': {
      const document = input.document ? prepareDocument(input.document) : null;
      if (typeof document === 'string') return document;
      const { document: _, kind: __, ...details } = input;
      return {
        ...base,
        slot: `farm_document:${input.documentKind}`,
        details,
        document,
        expiresOn: input.expiresOn ?? null,
      };
    }
  }
}

function prepareDocument(
  d: z.infer<typeof DocumentInput>,
): { name: string; sha256: string; content: Buffer | null } | EvidenceProblem {
  if (d.content === undefined) return { name: d.name!, sha256: d.sha256!.toLowerCase(), content: null };
  const content = d.content.bytes;
  if (content.length > MAX_DOCUMENT_BYTES) return 'document_too_large';
  const sha256 = createHash('sha256').update(content).digest('hex');
  if (d.sha256 !== undefined && d.sha256.toLowerCase() !== sha256) return 'document_hash_mismatch';
  return { name: d.name ?? d.content.name.slice(0, 200), sha256, content };
}
