import { z } from 'zod';
import { invalid } from '../../../kernel/errors.ts';
import { newId, zId } from '../../../kernel/ids.ts';
import { zUploadedFile } from '../../../kernel/uploaded-file.ts';
import type { EvidenceItem } from './notice-view.ts';
import { RIGHTS_KINDS } from './reasons.ts';

export const MAX_NOTICE_LISTINGS = 500;
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const EvidenceSchema = z
  .object({
    description: Text(1000),
    url: z.url().max(2000).optional(),
    /** A file part of a multipart notice (`evidence.<n>.attachment`): a PDF, PNG or JPEG of at most 2 MB. */
    attachment: zUploadedFile('A PDF, PNG or JPEG of at most 2 MB (multipart only).').optional(),
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
      .union([z.literal(true), z.literal('true').transform(() => true as const)]) // a form field is text
      .describe('The filer believes in good faith that the use is not authorized by the rights owner'),
    evidence: EvidenceList,
    productIds: z.array(zId('prd')).min(1).max(MAX_NOTICE_LISTINGS),
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

/** Takes attachments (each 1 byte to 2 MB) out of the evidence list, leaving their metadata in it. */
export function prepareEvidence(input: readonly EvidenceInput[]): PreparedEvidence {
  const attachments: PreparedEvidence['attachments'] = [];
  const items = input.map((e): EvidenceItem => {
    const item: EvidenceItem = { description: e.description, ...(e.url ? { url: e.url } : {}) };
    if (!e.attachment) return item;
    const { bytes } = e.attachment;
    if (bytes.length === 0 || bytes.length > MAX_ATTACHMENT_BYTES) {
      throw invalid('trust.attachment_size', 'Each attachment must hold 1 byte to 2 MB.', {
        fileName: e.attachment.name,
        sizeBytes: bytes.length,
      });
    }
    const a = {
      id: newId('att'),
      fileName: e.attachment.name,
      // What the filer's part said it was: shown, never trusted (downloads are typed by their bytes).
      contentType: e.attachment.claimedType.slice(0, 100),
      bytes,
      sha256: e.attachment.sha256,
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
