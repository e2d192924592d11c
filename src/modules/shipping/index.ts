/** Shipping: the US→market rate card, shipments (one per order) and carrier tracking. */
export { addTrackingEvent } from './add-tracking-event.js';
export { createShipment, ITN_RE } from './create-shipment.js';
export {
  maxWeightGrams,
  ORIGINS,
  quoteShipping,
  SHIPPING_METHODS,
  type ShippingMethod,
  type ShippingOrigin,
} from './rate-card.js';
export { shippingRoutes } from './routes.js';
export {
  recordShipmentDocuments,
  SHIPMENT_DOCUMENT_KINDS,
  type ShipmentDocument,
  type ShipmentDocumentKind,
  shipmentDocuments,
} from './shipment-documents.js';
export {
  SHIPMENT_STATUSES,
  type ShipmentStatus,
  type ShipmentView,
  shipmentForOrder,
  shipmentsForOrders,
} from './shipment-view.js';
