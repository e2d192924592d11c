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
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const known = Object.values(DOCUMENT_TYPES).some((t) => t.magic.every((b, i) => head[i] === b));
  return known ? null : `${file.name} is not a ${TYPES_TEXT} file. Save or scan it as one of these.`;
}

/** The document as the API takes it: its name and base64 content, with its SHA-256 when the browser can compute it. */
export async function documentBody(
  file: File,
): Promise<{ name: string; contentBase64: string; sha256?: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}.`));
    reader.readAsDataURL(file);
  });
  const contentBase64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  // The server checks the hash against what arrived: a corrupted upload is refused, not kept.
  const sha256 = globalThis.crypto?.subtle
    ? [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))]
        .map((b) => b.toString(16).padStart(2, '0'))
        .join('')
    : undefined;
  return { name: file.name.slice(0, 200), contentBase64, ...(sha256 ? { sha256 } : {}) };
}
