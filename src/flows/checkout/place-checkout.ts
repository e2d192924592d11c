import { inTransaction } from '../../db/transaction.ts';
import { DomainError, unprocessable } from '../../kernel/errors.ts';
import { newId, type UserId } from '../../kernel/ids.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as compliance from '../../modules/compliance/index.ts';
import * as identity from '../../modules/identity/index.ts';
import * as orders from '../../modules/orders/index.ts';
import * as payments from '../../modules/payments/index.ts';
import type { FlowCtx } from '../context.ts';
import { cancelUnpaidCheckout } from './cancel-unpaid-checkout.ts';

export interface PlacedCheckout {
  checkoutId: string;
  paymentIntentId: string;
  /** 'processing' until the provider's webhook captures; a replay reads the current status. */
  paymentStatus: payments.IntentStatus;
  orders: orders.OrderView[];
  replayed: boolean;
}

/** Goods need somewhere to go; a cart of services only may leave the address out. */
function deliveryAddressFor(
  quote: orders.Quote,
  input: orders.DeliveryAddressInput | null,
): orders.DeliveryAddress | null {
  if (input) return orders.checkDeliveryAddress(input, quote.market);
  if (quote.orders.some((o) => o.lines.some((l) => l.kind === 'goods'))) {
    throw unprocessable(
      'orders.delivery_address_required',
      'Goods need a delivery address: recipient, phone, address lines, city, region, postal code, country.',
    );
  }
  return null;
}

/**
 * Places a quote: in ONE transaction, claim the quote, reserve stock (never oversold: the
 * database refuses), count China's CBEC annual allowance and per-person caps, create one order per seller (each with the
 * delivery address, in the same insert), and authorize the payment into escrow (a pending ledger
 * entry). Then, outside the transaction, submit the charge to the provider; a decline undoes the
 * reservation in a second transaction.
 */
export async function placeCheckout(
  ctx: FlowCtx,
  buyerId: UserId,
  input: { quoteId: string; paymentMethod: string; deliveryAddress?: orders.DeliveryAddressInput | null },
): Promise<PlacedCheckout> {
  const now = ctx.clock.now();
  const placed = await inTransaction(ctx.db, async (tx) => {
    const claim = await orders.claimQuote(tx, input.quoteId, buyerId, now);
    if (!claim.claimed)
      return { checkoutId: claim.checkoutId, intentId: null, intent: null, replayed: true as const };
    const quote = claim.quote;
    const address = deliveryAddressFor(quote, input.deliveryAddress ?? null);
    // Cross-border e-commerce (9610/1210) needs the orderer's identity; personal postal articles do not.
    const cbec = quote.orders.map((o) => compliance.isCbecParcel(o));
    if (cbec.some(Boolean)) {
      const id = await identity.getBuyerIdentity(tx, buyerId, 'CN');
      if (!id) {
        throw unprocessable(
          'orders.buyer_identity_required',
          'Orders into mainland China need the orderer’s real name and ID number (cross-border e-commerce rules).',
        );
      }
    }
    await catalog.reserveStock(
      tx,
      quote.orders.flatMap((o) => o.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity }))),
    );
    const checkoutId = newId('chk');
    const created = await orders.createOrdersFromQuote(tx, quote, checkoutId, now, address);
    for (const [i, o] of quote.orders.entries()) {
      if (!cbec[i]) continue;
      const year = compliance.cnAllowanceYear(now);
      await compliance.reserveAnnualAllowance(tx, {
        buyerId,
        year,
        amount: { amount: o.dutiableValue, currency: 'CNY' },
        reference: created[i]!.orderId,
      });
      if (o.capGrams) {
        await compliance.reserveQuantityCaps(tx, {
          buyerId,
          year,
          reference: created[i]!.orderId,
          grams: o.capGrams,
        });
      }
    }
    const intent = await payments.createPaymentIntent(tx, ctx.clock, {
      checkoutId,
      buyerId,
      amount: { amount: quote.totals.total, currency: quote.currency },
      paymentMethod: input.paymentMethod,
      escrows: created.map((c) => ({
        orderId: c.orderId,
        sellerId: c.sellerId,
        amount: { amount: c.total, currency: quote.currency },
      })),
    });
    await orders.recordCheckout(tx, {
      id: checkoutId,
      quoteId: quote.id,
      buyerId,
      paymentIntentId: intent.id,
      paymentMethod: input.paymentMethod,
      at: now,
    });
    return { checkoutId, intentId: intent.id as string, intent, replayed: false as const };
  });

  if (placed.replayed) {
    const checkout = await orders.getCheckout(ctx.db, placed.checkoutId);
    const intent = await payments.getIntent(ctx.db, checkout.paymentIntentId!);
    return {
      checkoutId: placed.checkoutId,
      paymentIntentId: intent.id,
      paymentStatus: intent.status,
      orders: await orders.ordersForCheckout(ctx.db, placed.checkoutId),
      replayed: true,
    };
  }
  const intentId = placed.intentId;
  const submitted = await payments.submitPaymentIntent(ctx, ctx.provider, intentId, placed.intent);
  if (submitted.status === 'declined') {
    await cancelUnpaidCheckout(ctx, intentId, submitted.declineCode);
    throw new DomainError('payment_required', `payments.${submitted.declineCode}`, submitted.message, {
      checkoutId: placed.checkoutId,
      paymentIntentId: intentId,
    });
  }
  return {
    checkoutId: placed.checkoutId,
    paymentIntentId: intentId,
    paymentStatus: 'processing',
    orders: await orders.ordersForCheckout(ctx.db, placed.checkoutId),
    replayed: false,
  };
}
