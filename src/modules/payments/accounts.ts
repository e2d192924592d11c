import type { CurrencyCode } from '../../money/index.ts';
import type { AccountSpec } from '../ledger/index.ts';

/**
 * The ledger accounts payments moves money through. The key is the account id. An order's
 * escrow and a seller's payable carry a limit, so the ledger refuses to take out more than went
 * in (a double release or an overpaid seller fails in the database). The shared clearing
 * accounts carry none: a limit would put every refund of a currency on one locked row, and
 * their flows are already guarded by the refund and payout rows' locks and states.
 */
const NEVER_NEGATIVE = 'debits_must_not_exceed_credits' as const;

export const accounts = {
  pspReceivable: (c: CurrencyCode): AccountSpec => ({
    key: `psp_receivable:${c}`,
    type: 'psp_receivable',
    currency: c,
  }),
  escrow: (orderId: string, sellerId: string, c: CurrencyCode): AccountSpec => ({
    key: `escrow:${orderId}:${c}`,
    type: 'escrow',
    currency: c,
    ownerId: sellerId,
    limit: NEVER_NEGATIVE,
  }),
  customs: (market: string, c: CurrencyCode): AccountSpec => ({
    key: `customs_remittance:${market}:${c}`,
    type: 'customs_remittance',
    currency: c,
  }),
  fx: (c: CurrencyCode): AccountSpec => ({ key: `fx_position:${c}`, type: 'fx_position', currency: c }),
  sellerPayable: (sellerId: string): AccountSpec => ({
    key: `seller_payable:${sellerId}:USD`,
    type: 'seller_payable',
    currency: 'USD',
    ownerId: sellerId,
    limit: NEVER_NEGATIVE,
  }),
  platformRevenue: (): AccountSpec => ({
    key: 'platform_revenue:USD',
    type: 'platform_revenue',
    currency: 'USD',
  }),
  refundClearing: (c: CurrencyCode): AccountSpec => ({
    key: `refund_clearing:${c}`,
    type: 'refund_clearing',
    currency: c,
  }),
  payoutClearing: (): AccountSpec => ({
    key: 'payout_clearing:USD',
    type: 'payout_clearing',
    currency: 'USD',
  }),
  treasury: (): AccountSpec => ({ key: 'treasury:USD', type: 'treasury', currency: 'USD' }),
};
