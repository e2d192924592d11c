/**
 * The one file-type sniffer: every upload (listing pictures, seller and brand documents, notice
 * evidence) and every download is typed by its first bytes, never by its name or the uploader's
 * claim, so a file that says it is a PDF but holds HTML is refused or served as bytes, not rendered.
 * Pure (no Buffer), so the web app checks a chosen file with the same code before sending it.
 */
export type SniffedType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

/** The types an uploaded document is served as; anything else goes out as opaque bytes. */
export type DocumentContentType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'application/octet-stream';

/** How many leading bytes `sniffFileType` needs to tell every type it knows. */
export const SNIFF_BYTES = 12;

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const at = (bytes: Uint8Array, offset: number, signature: readonly number[]) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const SIGNATURES: readonly [SniffedType, (b: Uint8Array) => boolean][] = [
  ['application/pdf', (b) => at(b, 0, ascii('%PDF-'))],
  ['image/png', (b) => at(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['image/jpeg', (b) => at(b, 0, [0xff, 0xd8, 0xff])],
  ['image/webp', (b) => at(b, 0, ascii('RIFF')) && at(b, 8, ascii('WEBP'))],
  ['image/gif', (b) => at(b, 0, ascii('GIF87a')) || at(b, 0, ascii('GIF89a'))],
];

/** What the bytes are, by their magic numbers; null for anything else. */
export function sniffFileType(bytes: Uint8Array): SniffedType | null {
  return SIGNATURES.find(([, matches]) => matches(bytes))?.[0] ?? null;
}

/** A downloaded document's type: PDF, PNG and JPEG keep theirs; the rest is opaque bytes. */
export function documentContentType(bytes: Uint8Array): DocumentContentType {
  const type = sniffFileType(bytes);
  return type === 'application/pdf' || type === 'image/png' || type === 'image/jpeg'
    ? type
    : 'application/octet-stream';
}
