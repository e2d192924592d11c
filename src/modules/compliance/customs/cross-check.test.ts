import { describe, expect, it } from 'vitest';
import { crossCheckCustomsRecords } from './cross-check.ts';
import { exampleOrder, examplePayment, exampleWaybill } from './example.test-support.ts';
import type { CbecOrderRecordInput, CbecPaymentRecordInput, CbecWaybillRecordInput } from './types.ts';

type Records = {
  order: CbecOrderRecordInput;
  payment: CbecPaymentRecordInput;
  waybill: CbecWaybillRecordInput;
};
const records = (): Records => ({
  order: exampleOrder(),
  payment: examplePayment(),
  waybill: exampleWaybill(),
});

describe('crossCheckCustomsRecords', () => {
  it('passes for the consistent worked example', () => {
    expect(crossCheckCustomsRecords(records())).toEqual({ ok: true, problems: [] });
  });

  const cases: [string, (r: Records) => void, string[]][] = [
    [
      'payment for another order',
      (r) => {
        r.payment.orderNo = 'ord_other';
      },
      ['customs.order_no_mismatch'],
    ],
    [
      'waybill for another order',
      (r) => {
        r.waybill.orderNo = 'ord_other';
      },
      ['customs.order_no_mismatch'],
    ],
    [
      'payment one fen short',
      (r) => {
        r.payment.amountPaid -= 1n;
      },
      ['customs.amount_paid_mismatch'],
    ],
    [
      'payment in USD',
      (r) => {
        r.payment.currency = 'USD';
      },
      ['customs.currency_mismatch'],
    ],
    [
      'waybill freight in HKD',
      (r) => {
        r.waybill.currency = 'HKD';
      },
      ['customs.currency_mismatch'],
    ],
    [
      'someone else paid',
      (r) => {
        r.payment.payer.name = '王芳';
      },
      ['customs.payer_not_orderer'],
    ],
    [
      'payer ID number differs',
      (r) => {
        r.payment.payer.idNumber = '110105194912310029';
      },
      ['customs.payer_not_orderer'],
    ],
    [
      'waybill to another consignee',
      (r) => {
        r.waybill.consignee.name = '王芳';
      },
      ['customs.consignee_mismatch'],
    ],
    [
      'waybill to another address',
      (r) => {
        r.waybill.consignee.address = '北京市';
      },
      ['customs.consignee_mismatch'],
    ],
    [
      'actual paid not goods + freight + tax − discount',
      (r) => {
        r.order.taxTotal += 1n;
      },
      ['customs.actual_paid_mismatch'],
    ],
    [
      'a discount nobody subtracted',
      (r) => {
        r.order.discount = 100n;
      },
      ['customs.actual_paid_mismatch'],
    ],
    [
      'lines do not add up to the goods value',
      (r) => {
        r.order.lines[1]!.totalPrice += 1n;
      },
      ['customs.goods_value_mismatch'],
    ],
    [
      'a line with quantity 0',
      (r) => {
        r.order.lines[0]!.qty = 0;
      },
      ['customs.line_qty_not_positive'],
    ],
    [
      'payment for another order and amount',
      (r) => {
        r.payment.orderNo = 'ord_other';
        r.payment.amountPaid = 1n;
      },
      ['customs.order_no_mismatch', 'customs.amount_paid_mismatch'],
    ],
  ];

  it.each(cases)('names the mismatch: %s', (_name, tamper, codes) => {
    const r = records();
    tamper(r);
    const result = crossCheckCustomsRecords(r);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code)).toEqual(codes);
    for (const p of result.problems) expect(p.message.length).toBeGreaterThan(0);
  });
});
