import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DomainError, invalid } from '../../../kernel/errors.ts';
import { isCurrencyCode } from '../../../money/index.ts';
import { PAYMENT_EVENT_TYPES, type PaymentEvent } from '../types.ts';

export const SANDBOX_SIGNATURE_HEADER = 'heartland-sandbox-signature';

/** How far the signature's timestamp may be from now before a delivery is refused as a replay. */
const TOLERANCE_SECONDS = 300;

function hmac(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}

/** The header value for a body signed at `at`: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "t.body")>`. */
export function signSandboxWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}

const badSignature = (why: string) =>
  new DomainError('unauthenticated', 'payments.bad_signature', `The webhook signature is not valid: ${why}.`);

const EventBody = z.object({
  id: z.string().regex(/^evt_[0-9a-z_]{1,80}$/),
  type: z.enum(PAYMENT_EVENT_TYPES),
  createdAt: z.iso.datetime(),
  data: z.object({
    objectId: z.string().min(1).max(100),
    providerRef: z.string().min(1).max(100),
    amount: z.object({
      amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
      currency: z.string(),
    }),
    failureCode: z.string().min(1).max(100).optional(),
  }),
});

/**
 * Verifies a sandbox webhook as Stripe does: HMAC over `${t}.${rawBody}`, compared in constant
 * time, and `t` within five minutes of `now` so a captured delivery cannot be replayed later.
 *
 * @example
 * const event = verifySandboxWebhook(config.sandboxWebhookSecret, rawBody, req.headers['heartland-sandbox-signature'], clock.now());
 */
export function verifySandboxWebhook(
  secret: string,
  rawBody: string,
  signatureHeader: string | undefined,
  now: Date,
): PaymentEvent {
  if (!signatureHeader) throw badSignature('no signature header');
  let t: number | undefined;
  const candidates: string[] = [];
  for (const part of signatureHeader.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === 't' && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === 'v1' && /^[0-9a-f]{64}$/.test(v)) candidates.push(v);
  }
  if (t === undefined || candidates.length === 0) throw badSignature('malformed header');
  if (Math.abs(Math.floor(now.getTime() / 1000) - t) > TOLERANCE_SECONDS) {
    throw badSignature('timestamp outside the tolerance');
  }
  const expected = Buffer.from(hmac(secret, t, rawBody), 'hex');
  const match = candidates.some((c) => timingSafeEqual(Buffer.from(c, 'hex'), expected));
  if (!match) throw badSignature('no matching signature');

  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw invalid('payments.bad_webhook_payload', 'The webhook body is not JSON.');
  }
  const parsed = EventBody.safeParse(json);
  if (!parsed.success || !isCurrencyCode(parsed.data.data.amount.currency)) {
    throw invalid('payments.bad_webhook_payload', 'The webhook body is not a payment event.');
  }
  const { id, type, createdAt, data } = parsed.data;
  const currency = data.amount.currency;
  if (!isCurrencyCode(currency)) throw invalid('payments.bad_webhook_payload', 'Unknown currency.');
  const event: PaymentEvent = {
    id,
    type,
    createdAt,
    objectId: data.objectId,
    providerRef: data.providerRef,
    amount: { amount: BigInt(data.amount.amount), currency },
  };
  if (data.failureCode !== undefined) event.failureCode = data.failureCode;
  return event;
}
