/** Shipping: the US→market rate card, shipments (one per order) and carrier tracking. */
export { addTrackingEvent } from './add-tracking-event.ts';
export { createShipment, ITN_RE } from './create-shipment.ts';
export {
  maxWeightGrams,
  ORIGINS,
  quoteShipping,
  SHIPPING_METHODS,
  type ShippingMethod,
  type ShippingOrigin,
} from './rate-card.ts';
export { shippingRoutes } from './routes.ts';
export {
  recordShipmentDocuments,
  SHIPMENT_DOCUMENT_KINDS,
  type ShipmentDocument,
  type ShipmentDocumentKind,
  shipmentDocuments,
} from './shipment-documents.ts';
export {
  SHIPMENT_STATUSES,
  type ShipmentStatus,
  type ShipmentView,
  shipmentForOrder,
  shipmentsForOrders,
} from './shipment-view.ts';
