import { SNIFF_BYTES, sniffFileType } from '../../../common/document-type.ts';
import { DOCUMENT_TYPES, MAX_DOCUMENT_BYTES } from '../api-seller.ts';

/** What the file input offers: the types the server accepts, by MIME type and extension. */
export const ACCEPT = Object.entries(DOCUMENT_TYPES)
  .flatMap(([mime, t]) => [mime, ...t.extensions])
  .join(',');
export const TYPES_TEXT = Object.values(DOCUMENT_TYPES)
  .map((t) => t.label)
  .join(', ')
  .replace(/, ([^,]+)$/, ' or $1');

/** 1536 → "1.5 KB", 6_000_000 → "5.7 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Why the server would refuse this file, said before it is sent: empty, over 5 MB, or not a PDF,
 * PNG or JPEG by its first bytes (as the server checks; a renamed file is caught here too).
 */
export async function documentFileProblem(file: File): Promise<string | null> {
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > MAX_DOCUMENT_BYTES)
    return `${file.name} is ${formatBytes(file.size)}; a document may be at most ${formatBytes(MAX_DOCUMENT_BYTES)}. Scan it at a lower resolution or send fewer pages.`;
  const type = sniffFileType(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  const known = type !== null && type in DOCUMENT_TYPES;
  return known ? null : `${file.name} is not a ${TYPES_TEXT} file. Save or scan it as one of these.`;
}

/** The file's SHA-256 in hex, when the browser can compute it (the server checks it against what arrived). */
export async function sha256Of(file: File): Promise<string | undefined> {
  if (!globalThis.crypto?.subtle) return undefined;
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
