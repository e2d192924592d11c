/** Orders: checkout quotes, checkouts, orders split per seller, the order state machine, disputes. */
export {
  DeliveryAddressJson,
  MoneyJson,
  OrderJson,
  orderToJson,
  QuoteJson,
  quoteToJson,
  RuleJson,
} from './api.ts';
export { createOrdersFromQuote } from './create-orders.ts';
export {
  checkDeliveryAddress,
  type DeliveryAddress,
  type DeliveryAddressInput,
  DeliveryAddressSchema,
  formatDeliveryAddress,
} from './delivery-address.ts';
export {
  activeEscrowFreezes,
  freezeEscrowRelease,
  liftEscrowFreeze,
  openOrdersWithProducts,
} from './escrow-freezes.ts';
export { FINAL_STATUSES, ORDER_TRANSITIONS, type OrderStatus } from './order-states.ts';
export type { OrderLineView, OrderView } from './order-view.ts';
export {
  countBuyerParcelsSince,
  getOrder,
  listBuyerOrders,
  listSellerOrders,
  openDisputeForOrder,
  orderEvents,
  ordersByIds,
  ordersDueForRelease,
  ordersForCheckout,
} from './queries.ts';
export type { Quote, QuoteLine, QuoteOrder, RuleRef } from './quote-types.ts';
export {
  claimQuote,
  getCheckout,
  getQuote,
  getQuoteById,
  type QuoteClaim,
  recordCheckout,
  saveQuote,
} from './quotes.ts';
export {
  closeDispute,
  type DisputeView,
  getDispute,
  openDispute,
  transitionMany,
  transitionOrder,
} from './transitions.ts';
