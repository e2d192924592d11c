import type { z } from 'zod';
import type { EligibilityView } from '../../src/flows/listings/schemas.ts';
import type { OrderDetailJson } from '../../src/flows/orders/schemas.ts';
import type { VerificationView } from '../../src/flows/sellers/schemas.ts';
import type { ProductInput, ProductPatch, ProductViewSchema } from '../../src/modules/catalog/index.ts';
import type { DocumentFileType } from '../../src/modules/compliance/index.ts';
import type { UserViewSchema } from '../../src/modules/identity/index.ts';
import type { OrderJson } from '../../src/modules/orders/index.ts';
import type { SellerMoneyView } from '../../src/modules/payments/index.ts';
import type {
  FARM_DOCUMENT_KINDS,
  MAX_DOCUMENT_BYTES as SERVER_MAX_DOCUMENT_BYTES,
  VerificationItemInput,
} from '../../src/modules/sellers/index.ts';
import type { DecisionJson } from '../../src/modules/trust/index.ts';
import { ApiError, sendJson as sendJsonShared } from './api.ts';

/** The seller center's slice of the API, typed by the server's own Zod schemas (type-only imports). */
export type SellerProductJson = z.infer<typeof ProductViewSchema>;
export type VerificationJson = z.infer<typeof VerificationView>;
export type VerificationItemJson = VerificationJson['items'][number];
/** The body of POST /sellers/:id/verification/items. */
export type VerificationItemBody = z.input<typeof VerificationItemInput>;
export type FarmDocumentKind = (typeof FARM_DOCUMENT_KINDS)[number];
/** The server's limit (a literal type: this copy stops compiling if the server's changes). */
export const MAX_DOCUMENT_BYTES: typeof SERVER_MAX_DOCUMENT_BYTES = 5_242_880;
/** The file types the server accepts (known by their first bytes, with the server's own sniffer). */
export const DOCUMENT_TYPES: Record<DocumentFileType, { label: string; extensions: string[] }> = {
  'application/pdf': { label: 'PDF', extensions: ['.pdf'] },
  'image/png': { label: 'PNG', extensions: ['.png'] },
  'image/jpeg': { label: 'JPEG', extensions: ['.jpg', '.jpeg'] },
};
export type EligibilityJson = z.infer<typeof EligibilityView>;
export type DecisionJsonT = z.infer<typeof DecisionJson>;
export type ListingDecisionsJson = {
  productId: string;
  trustHold: string | null;
  decisions: DecisionJsonT[];
};
export type SellerMoneyJson = z.infer<typeof SellerMoneyView>;
export type MeJson = z.infer<typeof UserViewSchema>;
export type SellerOrderJson = OrderJson;
export type OrderDetail = z.infer<typeof OrderDetailJson>;
export type { ProductInput, ProductPatch };

/** A JSON call with a body; money-moving POSTs carry a fresh idempotency key. */
export const sendJson = <T>(
  method: 'POST' | 'PATCH' | 'PUT',
  path: string,
  body: unknown,
  opts: { idempotent?: boolean } = {},
) => sendJsonShared<T>(method, path, body, opts);

export function dollarsToCents(text: string): number | null {
  const m = /^\s*\$?\s*(\d{1,8})(?:\.(\d{0,2}))?\s*$/.exec(text.replace(/,/g, ''));
  if (!m) return null;
  const whole = m[1] ?? '0';
  const fraction = (m[2] ?? '').padEnd(2, '0');
  // The cents are the digits: whole dollars then two of cents, read as one integer (no float arithmetic).
  return Number(`${whole}${fraction}`);
}

/** 1250 → "12.50" (the editor's text form of a price). */
export function centsToDollars(cents: number): string {
  const s = String(cents).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/**
 * POSTs a form (multipart/form-data: the server's upload pipeline) and reports how much of the
 * body has been sent (fetch cannot report upload progress, XMLHttpRequest can). A problem+json
 * answer becomes an ApiError with its field errors.
 */
export function postFormWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (sent: number, total: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    // No content-type: the browser writes multipart/form-data with its boundary.
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    };
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: the status line speaks for it below
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(json as T);
      const p = (json ?? {}) as {
        code?: string;
        detail?: string;
        title?: string;
        errors?: { path: string; message: string }[];
      };
      reject(
        new ApiError(
          xhr.status,
          p.code ?? 'http.error',
          p.detail ?? p.title ?? xhr.statusText,
          p.errors ?? [],
        ),
      );
    };
    xhr.onerror = () =>
      reject(
        new ApiError(
          0,
          'network.error',
          'The upload did not reach Heartland. Check your connection and try again.',
        ),
      );
    xhr.send(form);
  });
}
