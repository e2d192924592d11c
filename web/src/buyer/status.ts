import type { MessageKey } from '../i18n/messages.ts';

/** An order status or tracking status as its translated label's key. */
export const statusKey = (status: string) => `status_${status}` as MessageKey;
export const trackingKey = (status: string) => `track_${status}` as MessageKey;
