/** Payments: provider charges, payment intents, escrow lifecycle, refunds and payouts. The module's only public face. */
export { captureIntent } from './capture-intent.js';
export { completePayout, failPayout } from './complete-payout.js';
export { completeRefund } from './complete-refund.js';
export { type CreatePaymentIntentInput, createPaymentIntent } from './create-payment-intent.js';
export { failIntent } from './fail-intent.js';
export { escrowForOrder, getIntent, intentForCheckout, type SellerMoney, sellerMoney } from './queries.js';
export { recordWebhookEvent } from './record-webhook-event.js';
export { type ReleaseEscrowInput, releaseEscrow } from './release-escrow.js';
export { type RefundRequested, requestRefund } from './request-refund.js';
export { paymentsRoutes } from './routes.js';
export { type PayoutCreated, runPayouts } from './run-payouts.js';
export { SANDBOX_FAILING_DESTINATION, SANDBOX_METHODS } from './sandbox/methods.js';
export { createSandboxProvider, type SandboxDeps, type SandboxProvider } from './sandbox/provider.js';
export { SANDBOX_SIGNATURE_HEADER, signSandboxWebhook, verifySandboxWebhook } from './sandbox/webhook.js';
export { type SubmitResult, submitPaymentIntent } from './submit-payment-intent.js';
export { submitRefund } from './submit-refund.js';
export type {
  EscrowStatus,
  EscrowView,
  IntentStatus,
  PaymentEvent,
  PaymentEventType,
  PaymentIntentView,
  PaymentProvider,
  PayoutStatus,
} from './types.js';
