import type { CbecOrderRecordInput, CbecPaymentRecordInput, CbecWaybillRecordInput } from './types.ts';
import { USA_COUNTRY_CODE } from './xml.ts';

/**
 * The worked example: two lines of Wisconsin American ginseng from a farm to a buyer in Shanghai,
 * priced at the demo rate 7.12 CNY per USD (amounts in fen, CNY minor units).
 *
 *   line 1  ginseng root 4 oz   $89.00 × 7.12 = ¥633.68 × 2 = ¥1,267.36   (126736)
 *   line 2  ginseng slices 2 oz $40.00 × 7.12 = ¥284.80 × 1 = ¥  284.80   ( 28480)
 *   goods value                                            ¥1,552.16   (155216)
 *   freight  $20.00 × 7.12                                 ¥  142.40   ( 14240)
 *   tax  CBEC VAT 13% × 70% = 9.1% × (1552.16 + 142.40) = 9.1% × 1694.56 = 154.20496
 *        → ¥154.20 (15420, rounded once, half to even); duty 0
 *   discount                                               ¥    0.00
 *   actual paid = 1552.16 + 142.40 + 154.20 − 0           ¥1,848.76   (184876)
 *   weight 2 × 130 g + 1 × 70 g = 330 g                    0.330 kg
 *   placed 2026-11-24 08:00:00 UTC = 2026-11-24 16:00:00 China time → appTime 20261124160000
 */
export const consignee = { name: '李伟', telephone: '13800138000', address: '上海市黄浦区南京东路100号' };

export function exampleOrder(): CbecOrderRecordInput {
  return {
    orderNo: 'ord_0123456789abcdef0123456789abcdef',
    placedAt: new Date('2026-11-24T08:00:00Z'),
    platform: { code: 'HEARTLAND', name: 'Heartland' },
    ecommerceEnterprise: { code: '39-4000001', name: 'Marathon Root <Ginseng> & Sons Farm LLC' },
    buyer: {
      regNo: 'usr_0123456789abcdef0123456789abcdef',
      name: '李伟',
      idNumber: '11010519491231002X',
      telephone: '13800138000',
    },
    consignee: { ...consignee },
    currency: 'CNY',
    goodsValue: 155216n,
    freight: 14240n,
    discount: 0n,
    taxTotal: 15420n,
    actualPaid: 184876n,
    lines: [
      {
        itemNo: 'SKU-ROOT-4OZ',
        itemName: 'Wisconsin American Ginseng Root, 4 oz',
        gmodel: '4 oz (113 g), whole root',
        qty: 2,
        unit: '个',
        price: 63368n,
        totalPrice: 126736n,
        country: USA_COUNTRY_CODE,
      },
      {
        itemNo: 'SKU-SLICE-2OZ',
        itemName: 'Wisconsin American Ginseng Slices, 2 oz',
        gmodel: '2 oz (57 g), sliced',
        qty: 1,
        unit: '个',
        price: 28480n,
        totalPrice: 28480n,
        country: USA_COUNTRY_CODE,
      },
    ],
  };
}

export function examplePayment(): CbecPaymentRecordInput {
  return {
    paySerialNo: 'sbx_ch_000123',
    orderNo: 'ord_0123456789abcdef0123456789abcdef',
    payCode: 'sandbox',
    payName: 'Sandbox Pay',
    payer: { name: '李伟', idNumber: '11010519491231002X', telephone: '13800138000' },
    amountPaid: 184876n,
    currency: 'CNY',
    payTime: new Date('2026-11-24T08:00:01Z'),
  };
}

export function exampleWaybill(): CbecWaybillRecordInput {
  return {
    logisticsNo: '1Z999AA10123456784',
    logisticsCode: 'UPS',
    logisticsName: 'UPS',
    orderNo: 'ord_0123456789abcdef0123456789abcdef',
    consignee: { ...consignee },
    freight: 14240n,
    currency: 'CNY',
    weightGrams: 330,
    packNo: 1,
    goodsInfo: 'American ginseng root ×2; American ginseng slices ×1',
    shippedAt: new Date('2026-11-25T01:30:00Z'),
  };
}
