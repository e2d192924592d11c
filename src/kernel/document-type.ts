/** The types an uploaded document is served as; anything else goes out as opaque bytes. */
export type DocumentContentType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'application/octet-stream';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * An uploaded document's type read from its first bytes, never from its name or the uploader's
 * claim, so a file that says it is a PDF but holds HTML is served as bytes, not rendered.
 */
export function documentContentType(bytes: Buffer): DocumentContentType {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, 8).equals(PNG)) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return 'application/octet-stream';
}
