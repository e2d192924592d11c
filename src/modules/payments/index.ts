/** Payments: provider charges, payment intents, escrow lifecycle, refunds and payouts. The module's only public face. */
export { captureIntent } from './capture-intent.ts';
export { completePayout, failPayout } from './complete-payout.ts';
export { completeRefund } from './complete-refund.ts';
export { type CreatePaymentIntentInput, createPaymentIntent } from './create-payment-intent.ts';
export { failIntent } from './fail-intent.ts';
export { escrowForOrder, getIntent, intentForCheckout, type SellerMoney, sellerMoney } from './queries.ts';
export { recordWebhookEvent } from './record-webhook-event.ts';
export { type ReleaseEscrowInput, releaseEscrow } from './release-escrow.ts';
export { type RefundRequested, requestRefund } from './request-refund.ts';
export { paymentsRoutes, SellerMoneyView } from './routes.ts';
export { type PayoutCreated, runPayouts } from './run-payouts.ts';
export { SANDBOX_FAILING_DESTINATION, SANDBOX_METHODS } from './sandbox/methods.ts';
export { createSandboxProvider, type SandboxDeps, type SandboxProvider } from './sandbox/provider.ts';
export { SANDBOX_SIGNATURE_HEADER, signSandboxWebhook, verifySandboxWebhook } from './sandbox/webhook.ts';
export { type SubmitResult, submitPaymentIntent } from './submit-payment-intent.ts';
export { submitRefund } from './submit-refund.ts';
export type {
  EscrowStatus,
  EscrowView,
  IntentStatus,
  PaymentEvent,
  PaymentEventType,
  PaymentIntentView,
  PaymentProvider,
  PayoutStatus,
} from './types.ts';
