import type {
  CbecOrderRecordInput,
  CbecPaymentRecordInput,
  CbecWaybillRecordInput,
  CustomsCrossCheck,
  CustomsProblem,
} from './types.ts';

/**
 * What customs compares across the three documents (三单比对, reference §1e), and the order
 * record's own arithmetic. Each mismatch has a stable code; all problems are reported, not just
 * the first.
 */
export function crossCheckCustomsRecords({
  order,
  payment,
  waybill,
}: {
  order: CbecOrderRecordInput;
  payment: CbecPaymentRecordInput;
  waybill: CbecWaybillRecordInput;
}): CustomsCrossCheck {
  const problems: CustomsProblem[] = [];
  const add = (code: string, message: string) => problems.push({ code: `customs.${code}`, message });

  if (payment.orderNo !== order.orderNo || waybill.orderNo !== order.orderNo) {
    add(
      'order_no_mismatch',
      `Order number differs: order ${order.orderNo}, payment ${payment.orderNo}, waybill ${waybill.orderNo}.`,
    );
  }
  if (payment.currency !== order.currency || waybill.currency !== order.currency) {
    add(
      'currency_mismatch',
      `Currency differs: order ${order.currency}, payment ${payment.currency}, waybill ${waybill.currency}.`,
    );
  }
  if (payment.amountPaid !== order.actualPaid) {
    add(
      'amount_paid_mismatch',
      `The payment record's amount (${payment.amountPaid}) is not the order's actual paid (${order.actualPaid}), in minor units.`,
    );
  }
  if (payment.payer.name !== order.buyer.name || payment.payer.idNumber !== order.buyer.idNumber) {
    add('payer_not_orderer', 'The payer (name and ID number) is not the orderer.');
  }
  const a = order.consignee;
  const b = waybill.consignee;
  if (a.name !== b.name || a.telephone !== b.telephone || a.address !== b.address) {
    add('consignee_mismatch', "The waybill's consignee (name, telephone, address) is not the order's.");
  }
  const expected = order.goodsValue + order.freight + order.taxTotal - order.discount;
  if (order.actualPaid !== expected) {
    add(
      'actual_paid_mismatch',
      `Actual paid ${order.actualPaid} ≠ goods ${order.goodsValue} + freight ${order.freight} + tax ${order.taxTotal} − discount ${order.discount} = ${expected} (minor units).`,
    );
  }
  const linesTotal = order.lines.reduce((s, l) => s + l.totalPrice, 0n);
  if (linesTotal !== order.goodsValue) {
    add(
      'goods_value_mismatch',
      `The lines' total prices add up to ${linesTotal}, not the goods value ${order.goodsValue} (minor units).`,
    );
  }
  const badQty = order.lines.filter((l) => !(Number.isInteger(l.qty) && l.qty > 0)).map((l) => l.itemNo);
  if (badQty.length > 0 || order.lines.length === 0) {
    add(
      'line_qty_not_positive',
      order.lines.length === 0
        ? 'The order has no lines.'
        : `Every line needs a quantity above 0: ${badQty.join(', ')}.`,
    );
  }
  return { ok: problems.length === 0, problems };
}
