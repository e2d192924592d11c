import type { MessageKey } from '../i18n/messages.ts';

/** An order status or tracking status as its translated label's key. */
export const statusKey = (status: string) => `status_${status}` as MessageKey;
export const trackingKey = (status: string) => `track_${status}` as MessageKey;

/**
 * How often an order page asks again while the sandbox provider has not yet captured a payment (it
 * does so asynchronously).
 */
export const PAYMENT_POLL_MS = 1500;
