import { createHash } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { SNIFF_BYTES, type SniffedType, sniffFileType } from '../../common/document-type.ts';
import { DomainError, invalid } from '../kernel/errors.ts';
import { UploadedFile } from '../kernel/uploaded-file.ts';
import * as catalog from '../modules/catalog/index.ts';
import * as compliance from '../modules/compliance/index.ts';
import * as sellers from '../modules/sellers/index.ts';
import * as trust from '../modules/trust/index.ts';

/**
 * The one upload pipeline. Every route that takes a file declares `config.upload: '<kind>'` and
 * takes `multipart/form-data`; this table says, per kind, how large a file may be, how many may
 * come, what they must be by their first bytes and which fields may carry them. The limits are
 * enforced while the body streams in — an oversized file is cut off at its limit, a file of the
 * wrong type is refused on its first bytes — so nothing is decoded or stored before they pass.
 *
 * Text fields become the body's properties; a dotted name nests (`rights.kind`,
 * `evidence.0.description`, a numeric segment indexing an array) and a file field becomes an
 * `UploadedFile` at its name, so a route validates a multipart body with the same Zod schema as
 * JSON. Kinds whose file is optional (`json: true`) also take a JSON body without a file.
 */

const DOCUMENTS: readonly SniffedType[] = ['application/pdf', 'image/png', 'image/jpeg'];
const PICTURES: readonly SniffedType[] = ['image/jpeg', 'image/png', 'image/webp'];

export interface UploadLimits {
  /** Largest file, in bytes. */
  maxBytes: number;
  /** Most files in one request. */
  maxFiles: number;
  /** What each file must be, sniffed from its bytes. */
  types: readonly SniffedType[];
  /** The fields that may carry a file (`*` stands for an array index). */
  fileFields: readonly string[];
  /** Whether a JSON body (without a file) is also taken. */
  json: boolean;
}

export const UPLOAD_LIMITS = {
  /** POST /sellers/:sellerId/images */
  listing_image: {
    maxBytes: catalog.MAX_IMAGE_BYTES,
    maxFiles: 1,
    types: PICTURES,
    fileFields: ['file'],
    json: false,
  },
  /** POST /sellers/:sellerId/documents (registrations and certificates for listings) */
  seller_document: {
    maxBytes: compliance.MAX_FILE_BYTES,
    maxFiles: 1,
    types: DOCUMENTS,
    fileFields: ['file'],
    json: true,
  },
  /** POST /sellers/:sellerId/verification/items */
  verification_document: {
    maxBytes: sellers.MAX_DOCUMENT_BYTES,
    maxFiles: 1,
    types: DOCUMENTS,
    fileFields: ['document.content'],
    json: true,
  },
  /** POST /brands/:brandId/documents */
  brand_document: {
    maxBytes: trust.MAX_BRAND_DOCUMENT_BYTES,
    maxFiles: 1,
    types: DOCUMENTS,
    fileFields: ['file'],
    json: false,
  },
  /** POST /brands/:brandId/reference-images */
  brand_reference_image: {
    maxBytes: trust.MAX_REFERENCE_IMAGE_BYTES,
    maxFiles: 1,
    types: PICTURES,
    fileFields: ['file'],
    json: false,
  },
  /** POST /notices (evidence attachments) */
  notice_evidence: {
    maxBytes: trust.MAX_ATTACHMENT_BYTES,
    maxFiles: trust.MAX_ATTACHMENTS,
    types: DOCUMENTS,
    fileFields: ['evidence.*.attachment'],
    json: true,
  },
} as const satisfies Record<string, UploadLimits>;
export type UploadKind = keyof typeof UPLOAD_LIMITS;

/** Text fields: enough for a notice naming 500 listings with 20 pieces of evidence. */
const FIELD_LIMITS = { fields: 700, fieldSize: 16 * 1024, fieldNameSize: 100 };
/** Deepest array index a field name may use (`evidence.19.url`). */
const MAX_INDEX = 999;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes multipart/form-data uploads of this kind (src/http/uploads.ts). */
    upload?: UploadKind;
  }
}

/** What a route's OpenAPI says it consumes. */
export const uploadConsumes = (kind: UploadKind): string[] =>
  UPLOAD_LIMITS[kind].json ? ['multipart/form-data', 'application/json'] : ['multipart/form-data'];

const typeNames = (types: readonly SniffedType[]) =>
  types
    .map((t) => (t === 'application/pdf' ? 'PDF' : t.slice('image/'.length).toUpperCase()))
    .join(', ')
    .replace(/, ([^,]+)$/, ' or $1');

const megabytes = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** One sentence for a route's OpenAPI description: what it takes and what it refuses. */
export function uploadRules(kind: UploadKind): string {
  const l: UploadLimits = UPLOAD_LIMITS[kind];
  const count = l.maxFiles === 1 ? 'one file' : `up to ${l.maxFiles} files`;
  return (
    `Send multipart/form-data: ${count} (${typeNames(l.types)}, at most ${megabytes(l.maxBytes)} each, ` +
    `in ${l.fileFields.map((f) => `\`${f}\``).join(', ')}) and the other fields as text; a dotted name nests ` +
    '(`a.b`, `a.0.b`). The type is read from the bytes, not the part’s Content-Type or name. Refusals: ' +
    '413 upload.too_large, 413 upload.too_many_files, 415 upload.unsupported_type, 400 upload.empty.' +
    (l.json ? ' A submission without a file may also be sent as JSON.' : '')
  );
}

const tooLarge = (code: string, message: string, details: Record<string, unknown>) =>
  new DomainError('payload_too_large', code, message, details);

/** A refusal's message at the field it concerns, as validation errors are (`body.document.content`). */
const at = (field: string, message: string) => ({ field, errors: [{ path: `body.${field}`, message }] });

function fileTooLarge(field: string, limits: UploadLimits) {
  const message = `The file is larger than ${megabytes(limits.maxBytes)}.`;
  return tooLarge('upload.too_large', message, { ...at(field, message), maxBytes: limits.maxBytes });
}

/** The multipart plugin's own errors, as the pipeline's stable codes. */
function mapMultipartError(e: unknown, limits: UploadLimits): unknown {
  if (e instanceof DomainError) return e;
  const code = (e as { code?: string }).code;
  switch (code) {
    case 'FST_FILES_LIMIT':
      return tooLarge('upload.too_many_files', `At most ${limits.maxFiles} file(s) may be sent.`, {
        maxFiles: limits.maxFiles,
      });
    case 'FST_REQ_FILE_TOO_LARGE':
      return fileTooLarge((e as { part?: { fieldname?: string } }).part?.fieldname ?? 'file', limits);
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return tooLarge('upload.too_many_fields', `At most ${FIELD_LIMITS.fields} fields may be sent.`, {
        maxFields: FIELD_LIMITS.fields,
      });
    default:
      return invalid('upload.malformed', `The multipart body cannot be read: ${(e as Error).message}`);
  }
}

/** `evidence.0.attachment` → ['evidence', 0, 'attachment']; refuses names that could reach a prototype. */
function pathOf(name: string): (string | number)[] {
  return name.split('.').map((segment) => {
    if (/^\d+$/.test(segment)) {
      const index = Number(segment);
      if (index > MAX_INDEX) throw invalid('upload.bad_field', `The field ${name} has too large an index.`);
      return index;
    }
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment) || segment === '__proto__' || segment in Object.prototype)
      throw invalid('upload.bad_field', `The field name ${name} is not allowed.`, { field: name });
    return segment;
  });
}

/** Puts a value at a path; a repeated plain name collects its values in an array. */
function setPath(body: Record<string, unknown>, path: (string | number)[], value: unknown, name: string) {
  let node: Record<string | number, unknown> = body;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = node[key];
    if (next === undefined) node[key] = typeof path[i + 1] === 'number' ? [] : {};
    else if (typeof next !== 'object' || next === null || next instanceof UploadedFile)
      throw invalid('upload.bad_field', `The field ${name} conflicts with another field.`, { field: name });
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  const existing = node[last];
  if (existing === undefined) node[last] = value;
  else if (Array.isArray(existing) && typeof value === 'string') existing.push(value);
  else if (typeof existing === 'string' && typeof value === 'string') node[last] = [existing, value];
  else throw invalid('upload.bad_field', `The field ${name} is sent twice.`, { field: name });
}

const fileFieldAllowed = (limits: UploadLimits, name: string) =>
  limits.fileFields.includes(name.replace(/\.\d+(?=\.|$)/g, '.*'));

/**
 * Reads a multipart body under the kind's limits into the body object the route validates.
 * Throws a DomainError (413, 415 or 400 with a stable `upload.*` code) at the first part that
 * breaks a limit; the rest of the body is not read.
 */
export async function readUpload(request: FastifyRequest, reply: FastifyReply, kind: UploadKind) {
  const limits: UploadLimits = UPLOAD_LIMITS[kind];
  const body: Record<string, unknown> = {};
  let files = 0;
  const parts = request.parts({
    limits: { ...FIELD_LIMITS, fileSize: limits.maxBytes, files: limits.maxFiles },
  });
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldnameTruncated || part.valueTruncated) {
          throw tooLarge('upload.field_too_large', `The field ${part.fieldname} is too long.`, {
            field: part.fieldname,
            maxBytes: FIELD_LIMITS.fieldSize,
          });
        }
        setPath(body, pathOf(part.fieldname), part.value, part.fieldname);
        continue;
      }
      const field = part.fieldname;
      // Stop reading at the first refusal: the connection is not kept for the rest of the body.
      const refuse = (e: DomainError) => {
        part.file.destroy();
        reply.header('connection', 'close');
        return e;
      };
      if (!fileFieldAllowed(limits, field)) {
        throw refuse(
          invalid('upload.unexpected_file', `The field ${field} takes no file.`, {
            field,
            fileFields: limits.fileFields,
          }),
        );
      }
      const path = pathOf(field);
      files += 1;
      const chunks: Buffer[] = [];
      const hash = createHash('sha256');
      let size = 0;
      let type: SniffedType | null | undefined;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        hash.update(chunk);
        size += chunk.length;
        if (part.file.truncated || size > limits.maxBytes) throw refuse(fileTooLarge(field, limits));
        if (type === undefined && size >= SNIFF_BYTES) {
          type = sniffFileType(Buffer.concat(chunks));
          if (!type || !limits.types.includes(type)) throw refuse(unsupported(field, limits, type));
        }
      }
      if (part.file.truncated) throw fileTooLarge(field, limits);
      // A browser sends an empty file part for a file input left empty: that is no file.
      if (size === 0 && part.filename === '') {
        files -= 1;
        continue;
      }
      if (size === 0) throw invalid('upload.empty', 'The file is empty.', at(field, 'The file is empty.'));
      const bytes = Buffer.concat(chunks, size);
      type ??= sniffFileType(bytes);
      if (!type || !limits.types.includes(type)) throw unsupported(field, limits, type);
      const name = part.filename.trim().slice(0, 200) || field;
      const file = new UploadedFile(name, bytes, { claimedType: part.mimetype, sha256: hash.digest('hex') });
      setPath(body, path, file, field);
    }
  } catch (e) {
    throw mapMultipartError(e, limits);
  }
  if (files > limits.maxFiles) {
    throw tooLarge('upload.too_many_files', `At most ${limits.maxFiles} file(s) may be sent.`, {
      maxFiles: limits.maxFiles,
    });
  }
  return body;
}

function unsupported(field: string, limits: UploadLimits, detected: SniffedType | null) {
  const message = `The file must be a ${typeNames(limits.types)} (by its content, not its name).`;
  return new DomainError('unsupported_media_type', 'upload.unsupported_type', message, {
    ...at(field, message),
    detected,
    accepted: limits.types,
  });
}

/**
 * Registers @fastify/multipart once and reads every upload route's body before validation. A
 * route of a kind that takes no JSON refuses any other body with 415 upload.not_multipart.
 */
export const uploadPipeline: FastifyPluginAsync = async (app) => {
  await app.register(multipart, {
    // Only upload routes read parts, each under its own limits; these bound any other use.
    limits: { ...FIELD_LIMITS, fileSize: 0, files: 0, parts: 1000 },
    throwFileSizeLimit: true,
  });
  app.addHook('preValidation', async (request, reply) => {
    const kind = request.routeOptions.config?.upload;
    if (!kind) return;
    if (request.isMultipart()) {
      request.body = await readUpload(request, reply, kind);
      return;
    }
    if (!UPLOAD_LIMITS[kind].json) {
      throw new DomainError(
        'unsupported_media_type',
        'upload.not_multipart',
        'Send the file as multipart/form-data.',
        { contentType: request.headers['content-type'] ?? null },
      );
    }
  });
};
// Runs in the app's own scope (what fastify-plugin sets), so its hook sees every route.
Object.assign(uploadPipeline, { [Symbol.for('skip-override')]: true });
