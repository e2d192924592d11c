/**
 * Domain errors. A module raises a DomainError with a stable code
 * (`<module>.<what>`, e.g. `catalog.out_of_stock`) and a kind; the HTTP edge maps the
 * kind to a status in one place (src/http/problem.ts). Modules never know about HTTP.
 */
export type ErrorKind =
  | 'invalid' // the request is malformed or breaks a rule of shape (400)
  | 'unauthenticated' // no or bad credentials (401)
  | 'payment_required' // the payment was declined (402)
  | 'forbidden' // authenticated but not allowed (403)
  | 'not_found' // the thing does not exist, or the caller may not know it exists (404)
  | 'conflict' // the state of the thing refuses the change (409)
  | 'payload_too_large' // an upload over its size or count limit (413)
  | 'unsupported_media_type' // an upload of a type the route does not take (415)
  | 'unprocessable' // well-formed but a business rule refuses it (422)
  | 'rate_limited' // too many (429)
  | 'unavailable'; // a dependency is down; try later (503)

export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: Record<string, unknown> | undefined;

  constructor(kind: ErrorKind, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

export const notFound = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('not_found', code, message, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', code, message, details);
export const unprocessable = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('unprocessable', code, message, details);
export const invalid = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('invalid', code, message, details);
export const forbidden = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('forbidden', code, message, details);
