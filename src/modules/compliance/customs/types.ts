import type { CurrencyCode } from '../../../money/index.ts';

/**
 * Inputs of China's CBEC "three documents" (三单, reference §1e): the order record the platform
 * sends (CEB311), the payment record the payment enterprise sends (CEB411) and the waybill the
 * logistics enterprise sends (CEB511). Amounts are bigint minor units of `currency`.
 */

export interface CbecParty {
  code: string;
  name: string;
}

export interface CbecConsignee {
  name: string;
  telephone: string;
  address: string;
}

export interface CbecOrderLineInput {
  /** The seller's SKU. */
  itemNo: string;
  itemName: string;
  /** Specification / model text (规格型号). */
  gmodel: string;
  qty: number;
  /**
   * Unit of measure as plain text ('个', '千克'). The reference gives no unit code table, so the
   * text is carried as is; the official spec may want a customs unit code (unverified).
   */
  unit: string;
  price: bigint;
  totalPrice: bigint;
  /** Country of origin, a China-customs country code (see USA_COUNTRY_CODE: unverified). */
  country: string;
  barCode?: string;
  note?: string;
}

export interface CbecOrderRecordInput {
  orderNo: string;
  placedAt: Date;
  /** When the message is made; defaults to placedAt. */
  appTime?: Date;
  /** Message guid; defaults to one derived from the message type, order number and appTime. */
  guid?: string;
  /** The platform (ebp). */
  platform: CbecParty;
  /** The e-commerce enterprise (ebc): the US seller, its EIN as its overseas enterprise code. */
  ecommerceEnterprise: CbecParty;
  buyer: { regNo: string; name: string; idNumber: string; telephone: string };
  consignee: CbecConsignee;
  currency: CurrencyCode;
  goodsValue: bigint;
  freight: bigint;
  discount: bigint;
  taxTotal: bigint;
  actualPaid: bigint;
  lines: CbecOrderLineInput[];
  note?: string;
}

export interface CbecPaymentRecordInput {
  /** Payment serial number (支付交易编号): the provider's charge reference. */
  paySerialNo: string;
  orderNo: string;
  /** The payment enterprise. */
  payCode: string;
  payName: string;
  /** Payer, who must be the orderer when the identity is not verified (reference §1e). */
  payer: { name: string; idNumber: string; telephone: string };
  amountPaid: bigint;
  currency: CurrencyCode;
  payTime: Date;
  /** When the message is made; defaults to payTime. */
  appTime?: Date;
  guid?: string;
  note?: string;
}

export interface CbecWaybillRecordInput {
  /** Waybill number: the carrier's tracking number. */
  logisticsNo: string;
  /** The logistics enterprise: the carrier. */
  logisticsCode: string;
  logisticsName: string;
  orderNo: string;
  consignee: CbecConsignee;
  freight: bigint;
  currency: CurrencyCode;
  /** Gross weight in grams; rendered in kg with 3 decimals. */
  weightGrams: number;
  packNo: number;
  goodsInfo: string;
  shippedAt: Date;
  /** When the message is made; defaults to shippedAt. */
  appTime?: Date;
  guid?: string;
  note?: string;
}

export interface CustomsProblem {
  code: string;
  message: string;
}

export interface CustomsCrossCheck {
  ok: boolean;
  problems: CustomsProblem[];
}
