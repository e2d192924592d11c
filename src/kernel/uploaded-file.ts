import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type SniffedType, sniffFileType } from '../../common/document-type.ts';

/**
 * A file that came in a multipart upload, already held to its limits (src/http/uploads.ts): its
 * bytes, their sniffed type and SHA-256, the name it was sent under and the type the sender
 * claimed (kept for display, never trusted). Only code makes one, so a JSON body can never pass
 * for a file.
 */
export class UploadedFile {
  readonly name: string;
  /** What the bytes are (document-type.ts); null when they are none of the known types. */
  readonly contentType: SniffedType | null;
  readonly claimedType: string;
  readonly bytes: Buffer;
  readonly sha256: string;

  constructor(name: string, bytes: Buffer, opts: { claimedType?: string; sha256?: string } = {}) {
    this.name = name;
    this.bytes = bytes;
    this.contentType = sniffFileType(bytes);
    this.claimedType = opts.claimedType ?? 'application/octet-stream';
    this.sha256 = opts.sha256 ?? createHash('sha256').update(bytes).digest('hex');
  }

  /** What the idempotency check and logs see: never the bytes themselves. */
  toJSON() {
    return { name: this.name, contentType: this.contentType, size: this.bytes.length, sha256: this.sha256 };
  }
}

/** The schema of a file field in an upload's body (in OpenAPI: a binary string). */
export const zUploadedFile = (description: string) =>
  z
    .custom<UploadedFile>((v) => v instanceof UploadedFile, 'a file (sent as multipart/form-data)')
    .meta({ type: 'string', format: 'binary', description });
