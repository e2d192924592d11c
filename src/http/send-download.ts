import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/** The response schema of a download: bytes, shown in OpenAPI as a binary string. */
export const DownloadBody = z.instanceof(Buffer).meta({ type: 'string', format: 'binary' });
export const DOWNLOAD_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream'];

/**
 * Sends a document someone uploaded (a seller's evidence, a rights owner's attachment) as a
 * download: typed by its bytes, never rendered inline, sandboxed if opened directly, not cached
 * by shared caches. A Buffer bypasses the JSON serializer.
 */
export function sendDownload(
  reply: FastifyReply,
  doc: { name: string; contentType: string; bytes: Buffer },
): FastifyReply {
  const ascii = doc.name.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .type(doc.contentType)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.name)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('cache-control', 'private, no-store')
    .send(doc.bytes);
}
