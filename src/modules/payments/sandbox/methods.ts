/**
 * Test payment methods, as a real PSP's test mode offers them. A method with `decline` is
 * refused at once; the others are accepted and settle later (see settle.ts for the outcome:
 * pm_card_fails_async fails, pm_card_duplicate_webhook succeeds and is delivered twice).
 */
export const SANDBOX_METHODS: Record<string, { decline?: { code: string; message: string } }> = {
  pm_card_ok: {},
  pm_card_fails_async: {},
  pm_card_duplicate_webhook: {},
  pm_card_declined: { decline: { code: 'card_declined', message: 'The card was declined.' } },
  pm_card_insufficient_funds: {
    decline: { code: 'insufficient_funds', message: 'The card has insufficient funds.' },
  },
};
/** A payout to this destination is accepted and then fails, as a closed bank account would. */
export const SANDBOX_FAILING_DESTINATION = 'dest_account_closed';
