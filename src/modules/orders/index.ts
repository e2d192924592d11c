/** Orders: checkout quotes, checkouts, orders split per seller, the order state machine, disputes. */
export {
  DeliveryAddressJson,
  MoneyJson,
  OrderJson,
  orderToJson,
  QuoteJson,
  quoteToJson,
  RuleJson,
} from './api.js';
export { createOrdersFromQuote } from './create-orders.js';
export {
  checkDeliveryAddress,
  type DeliveryAddress,
  type DeliveryAddressInput,
  DeliveryAddressSchema,
  formatDeliveryAddress,
} from './delivery-address.js';
export {
  activeEscrowFreezes,
  freezeEscrowRelease,
  liftEscrowFreeze,
  openOrdersWithProducts,
} from './escrow-freezes.js';
export { FINAL_STATUSES, ORDER_TRANSITIONS, type OrderStatus } from './order-states.js';
export type { OrderLineView, OrderView } from './order-view.js';
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
} from './queries.js';
export type { Quote, QuoteLine, QuoteOrder, RuleRef } from './quote-types.js';
export {
  claimQuote,
  getCheckout,
  getQuote,
  getQuoteById,
  type QuoteClaim,
  recordCheckout,
  saveQuote,
} from './quotes.js';
export { ordersRoutes } from './routes.js';
export {
  closeDispute,
  type DisputeView,
  getDispute,
  openDispute,
  transitionMany,
  transitionOrder,
} from './transitions.js';
