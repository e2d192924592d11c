import { createHash } from 'node:crypto';
import { z } from 'zod';
import { invalid } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { EvidenceItem } from './notice-view.ts';
import { RIGHTS_KINDS } from './reasons.ts';

export const MAX_NOTICE_LISTINGS = 500;
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;
/** Base64 of the largest attachment. */
export const MAX_ATTACHMENT_BASE64 = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const EvidenceSchema = z
  .object({
    description: Text(1000),
    url: z.url().max(2000).optional(),
    attachment: z
      .object({
        fileName: Text(200),
        contentType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'a MIME type'),
        dataBase64: z
          .string()
          .min(1)
          .max(MAX_ATTACHMENT_BASE64)
          .regex(/^[A-Za-z0-9+/]+=*$/, 'base64'),
      })
      .strict()
      .optional(),
  })
  .strict();
export type EvidenceInput = z.infer<typeof EvidenceSchema>;

const EvidenceList = z
  .array(EvidenceSchema)
  .min(1)
  .max(20)
  .refine((e) => e.filter((i) => i.attachment).length <= MAX_ATTACHMENTS, {
    message: `At most ${MAX_ATTACHMENTS} attachments.`,
  });

export const FileNoticeSchema = z
  .object({
    rights: z
      .object({
        kind: z.enum(RIGHTS_KINDS),
        office: Text(100).describe('The registering office, e.g. USPTO, CNIPA, US Copyright Office'),
        registrationNumber: Text(60),
        ownerName: Text(200),
      })
      .strict(),
    brandId: Text(100).optional().describe('A brand of the brand registry, stored as given'),
    reasonCode: z.string().min(1).max(40).describe('A code of data/trust/notice-reasons.json'),
    statement: Text(5000),
    goodFaithDeclaration: z
      .literal(true)
      .describe('The filer believes in good faith that the use is not authorized by the rights owner'),
    evidence: EvidenceList,
    productIds: z
      .array(z.string().regex(/^prd_[0-9a-f]{32}$/, 'a product id (prd_…)'))
      .min(1)
      .max(MAX_NOTICE_LISTINGS),
  })
  .strict();
export type FileNoticeInput = z.infer<typeof FileNoticeSchema>;

export const CounterNoticeSchema = z
  .object({
    statement: Text(5000),
    // Linked evidence only: counter-notice attachments are not stored.
    evidence: z
      .array(EvidenceSchema.omit({ attachment: true }).strict())
      .min(1)
      .max(20),
    consentToJurisdiction: z
      .literal(true)
      .describe('The seller consents to the jurisdiction of a court where the rights owner may sue'),
  })
  .strict();
export type CounterNoticeInput = z.infer<typeof CounterNoticeSchema>;

export interface PreparedEvidence {
  items: EvidenceItem[];
  attachments: { id: string; fileName: string; contentType: string; bytes: Buffer; sha256: string }[];
}

/** Decodes attachments (each at most 2 MB) and leaves their metadata in the evidence list. */
export function prepareEvidence(input: readonly EvidenceInput[]): PreparedEvidence {
  const attachments: PreparedEvidence['attachments'] = [];
  const items = input.map((e): EvidenceItem => {
    const item: EvidenceItem = { description: e.description, ...(e.url ? { url: e.url } : {}) };
    if (!e.attachment) return item;
    const bytes = Buffer.from(e.attachment.dataBase64, 'base64');
    if (bytes.length === 0 || bytes.length > MAX_ATTACHMENT_BYTES) {
      throw invalid('trust.attachment_size', 'Each attachment must hold 1 byte to 2 MB.', {
        fileName: e.attachment.fileName,
        sizeBytes: bytes.length,
      });
    }
    const a = {
      id: newId('att'),
      fileName: e.attachment.fileName,
      contentType: e.attachment.contentType,
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    attachments.push(a);
    return {
      ...item,
      attachment: {
        id: a.id,
        fileName: a.fileName,
        contentType: a.contentType,
        sizeBytes: bytes.length,
        sha256: a.sha256,
      },
    };
  });
  return { items, attachments };
}
