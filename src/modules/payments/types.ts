import type { PaymentIntentId } from '../../kernel/ids.ts';
import type { Money } from '../../money/index.ts';

/** A payment service provider as Heartland uses it. Every call is idempotent by `idempotencyKey`. */
export interface PaymentProvider {
  name: string;
  createCharge(input: {
    intentId: string;
    amount: Money;
    paymentMethod: string;
    idempotencyKey: string;
  }): Promise<
    { status: 'pending'; providerRef: string } | { status: 'declined'; declineCode: string; message: string }
  >;
  refund(input: {
    refundId: string;
    providerRef: string;
    amount: Money;
    idempotencyKey: string;
  }): Promise<{ status: 'pending'; providerRef: string }>;
  payout(input: {
    payoutId: string;
    amount: Money;
    destination: string;
    idempotencyKey: string;
  }): Promise<{ status: 'pending'; providerRef: string }>;
}

export const PAYMENT_EVENT_TYPES = [
  'charge.succeeded',
  'charge.failed',
  'refund.succeeded',
  'refund.failed',
  'payout.paid',
  'payout.failed',
] as const;
export type PaymentEventType = (typeof PAYMENT_EVENT_TYPES)[number];

/** A provider's webhook event, verified and parsed. `objectId` is our intent, refund or payout id. */
export interface PaymentEvent {
  id: string;
  type: PaymentEventType;
  createdAt: string;
  objectId: string;
  providerRef: string;
  amount: Money;
  failureCode?: string;
}

export type IntentStatus = 'processing' | 'succeeded' | 'failed';
export type EscrowStatus = 'authorized' | 'held' | 'released' | 'refund_pending' | 'refunded' | 'voided';
export type PayoutStatus = 'pending' | 'paid' | 'failed';

export interface EscrowView {
  orderId: string;
  sellerId: string;
  amount: Money;
  status: EscrowStatus;
}

export interface PaymentIntentView {
  id: PaymentIntentId;
  checkoutId: string;
  buyerId: string;
  amount: Money;
  status: IntentStatus;
  paymentMethod: string;
  providerRef: string | null;
  failureCode: string | null;
  escrows: EscrowView[];
}
