import type { TransitionTable } from '../../kernel/state-machine.ts';

/**
 * An order's life. Money moves only on the transitions into paid (capture into escrow),
 * completed (escrow released) and refunded; the state table is the single list of what may follow what.
 */
export type OrderStatus =
  | 'awaiting_payment'
  | 'paid'
  | 'shipped'
  | 'delivered'
  | 'disputed'
  | 'refunding'
  | 'completed'
  | 'cancelled'
  | 'refunded';

export const ORDER_TRANSITIONS: TransitionTable<OrderStatus> = {
  awaiting_payment: ['paid', 'cancelled'],
  paid: ['shipped', 'refunding'],
  shipped: ['delivered', 'completed', 'disputed', 'refunding'],
  delivered: ['completed', 'disputed', 'refunding'],
  disputed: ['completed', 'refunding'],
  refunding: ['refunded'],
  completed: [],
  cancelled: [],
  refunded: [],
};

export const FINAL_STATUSES: readonly OrderStatus[] = ['completed', 'cancelled', 'refunded'];
