import { customsCurrencyCode } from './currency-codes.ts';
import type { CbecOrderRecordInput, CbecPaymentRecordInput, CbecWaybillRecordInput } from './types.ts';
import { ceb, cebKey, cebMessage, chinaTime, customsAmount, kilograms, messageGuid } from './xml.ts';

/**
 * appType '1' (new declaration) and appStatus '2' (declared) follow the public sample (C19); the
 * reference lists the fields but not their code values, so both are unverified.
 */
const APP_TYPE = '1';
const APP_STATUS = '2';
/** buyerIdType / payerIdType: '1' = PRC resident identity card (reference §1f). */
const PRC_ID_CARD = '1';

/**
 * CEB311, the electronic order the platform sends. OrderHead and OrderList fields and their
 * spelling (`acturalPaid`) are those of the reference's sample (§1f).
 */
export function buildCeb311(input: CbecOrderRecordInput): string {
  const appTime = input.appTime ?? input.placedAt;
  const guid = input.guid ?? messageGuid('CEB311', input.orderNo, appTime);
  const cur = input.currency;
  const code = customsCurrencyCode(cur);
  const head = ceb({
    guid,
    appType: APP_TYPE,
    appTime: chinaTime(appTime),
    appStatus: APP_STATUS,
    orderType: 'I',
    orderNo: input.orderNo,
    ebpCode: input.platform.code,
    ebpName: input.platform.name,
    ebcCode: input.ecommerceEnterprise.code,
    ebcName: input.ecommerceEnterprise.name,
    goodsValue: customsAmount(input.goodsValue, cur),
    freight: customsAmount(input.freight, cur),
    discount: customsAmount(input.discount, cur),
    taxTotal: customsAmount(input.taxTotal, cur),
    acturalPaid: customsAmount(input.actualPaid, cur),
    currency: code,
    buyerRegNo: input.buyer.regNo,
    buyerName: input.buyer.name,
    buyerTelephone: input.buyer.telephone,
    buyerIdType: PRC_ID_CARD,
    buyerIdNumber: input.buyer.idNumber,
    consignee: input.consignee.name,
    consigneeTelephone: input.consignee.telephone,
    consigneeAddress: input.consignee.address,
    note: input.note ?? '',
  });
  const lines = input.lines.map((l, i) =>
    ceb({
      gnum: String(i + 1),
      itemNo: l.itemNo,
      itemName: l.itemName,
      gmodel: l.gmodel,
      itemDescribe: l.itemName,
      barCode: l.barCode ?? '',
      unit: l.unit,
      qty: String(l.qty),
      price: customsAmount(l.price, cur),
      totalPrice: customsAmount(l.totalPrice, cur),
      currency: code,
      country: l.country,
      note: l.note ?? '',
    }),
  );
  return cebMessage('CEB311Message', guid, {
    [cebKey('Order')]: { [cebKey('OrderHead')]: head, [cebKey('OrderList')]: lines },
  });
}

/**
 * CEB411, the payment voucher the payment enterprise sends. The reference names the message but
 * not its fields: Payment/PaymentHead and the field names below are MODELLED in the style of
 * CEB311 (and GACC 2018 No. 165's list: order no., amount, currency, payment serial no., time),
 * not taken from the official specification.
 */
export function buildCeb411(input: CbecPaymentRecordInput): string {
  const appTime = input.appTime ?? input.payTime;
  const guid = input.guid ?? messageGuid('CEB411', input.orderNo, appTime);
  const head = ceb({
    guid,
    appType: APP_TYPE,
    appTime: chinaTime(appTime),
    appStatus: APP_STATUS,
    payCode: input.payCode,
    payName: input.payName,
    payTransactionId: input.paySerialNo,
    orderNo: input.orderNo,
    payerIdType: PRC_ID_CARD,
    payerIdNumber: input.payer.idNumber,
    payerName: input.payer.name,
    telephone: input.payer.telephone,
    amountPaid: customsAmount(input.amountPaid, input.currency),
    currency: customsCurrencyCode(input.currency),
    payTime: chinaTime(input.payTime),
    note: input.note ?? '',
  });
  return cebMessage('CEB411Message', guid, { [cebKey('Payment')]: { [cebKey('PaymentHead')]: head } });
}

/**
 * CEB511, the waybill the logistics enterprise sends. As for CEB411, Logistics/LogisticsHead and
 * its field names are MODELLED in the style of CEB311, not taken from the official specification.
 */
export function buildCeb511(input: CbecWaybillRecordInput): string {
  const appTime = input.appTime ?? input.shippedAt;
  const guid = input.guid ?? messageGuid('CEB511', input.orderNo, appTime);
  const head = ceb({
    guid,
    appType: APP_TYPE,
    appTime: chinaTime(appTime),
    appStatus: APP_STATUS,
    logisticsCode: input.logisticsCode,
    logisticsName: input.logisticsName,
    logisticsNo: input.logisticsNo,
    orderNo: input.orderNo,
    freight: customsAmount(input.freight, input.currency),
    currency: customsCurrencyCode(input.currency),
    weight: kilograms(input.weightGrams),
    packNo: String(input.packNo),
    goodsInfo: input.goodsInfo,
    consignee: input.consignee.name,
    consigneeAddress: input.consignee.address,
    consigneeTelephone: input.consignee.telephone,
    note: input.note ?? '',
  });
  return cebMessage('CEB511Message', guid, {
    [cebKey('Logistics')]: { [cebKey('LogisticsHead')]: head },
  });
}
