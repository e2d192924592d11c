import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildCeb311, buildCeb411, buildCeb511 } from './build-records.ts';
import { customsCurrencyCode, customsCurrencyRows } from './currency-codes.ts';
import { exampleOrder, examplePayment, exampleWaybill } from './example.test-support.ts';
import { CEB_NAMESPACE, chinaTime, kilograms } from './xml.ts';

// parseTagValue: false keeps '142', '0.330' and '1267.36' as the exact strings written.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) => name === 'ceb:OrderList',
});
const parse = (xml: string) => parser.parse(xml);

describe('CEB311, the order record', () => {
  const doc = parse(buildCeb311(exampleOrder()));
  const msg = doc['ceb:CEB311Message'];
  const head = msg['ceb:Order']['ceb:OrderHead'];
  const lines = msg['ceb:Order']['ceb:OrderList'];

  it('has the root, namespace and version of the reference', () => {
    expect(msg['@_xmlns:ceb']).toBe(CEB_NAMESPACE);
    expect(msg['@_xmlns:ceb']).toBe('http://www.chinaport.gov.cn/ceb');
    expect(msg['@_version']).toBe('1.0');
    expect(msg['@_guid']).toBe(head['ceb:guid']);
  });

  it('carries the worked example in the sample spelling, amounts with 2 places, CNY as 142', () => {
    expect(head).toMatchObject({
      'ceb:appTime': '20261124160000',
      'ceb:orderType': 'I',
      'ceb:orderNo': 'ord_0123456789abcdef0123456789abcdef',
      'ceb:ebpCode': 'HEARTLAND',
      'ceb:ebcCode': '39-4000001',
      'ceb:goodsValue': '1552.16',
      'ceb:freight': '142.40',
      'ceb:discount': '0.00',
      'ceb:taxTotal': '154.20',
      'ceb:acturalPaid': '1848.76',
      'ceb:currency': '142',
      'ceb:buyerRegNo': 'usr_0123456789abcdef0123456789abcdef',
      'ceb:buyerName': '李伟',
      'ceb:buyerIdType': '1',
      'ceb:buyerIdNumber': '11010519491231002X',
      'ceb:consignee': '李伟',
      'ceb:consigneeAddress': '上海市黄浦区南京东路100号',
    });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      'ceb:gnum': '1',
      'ceb:itemNo': 'SKU-ROOT-4OZ',
      'ceb:qty': '2',
      'ceb:unit': '个',
      'ceb:price': '633.68',
      'ceb:totalPrice': '1267.36',
      'ceb:currency': '142',
      'ceb:country': '502',
    });
    expect(lines[1]['ceb:totalPrice']).toBe('284.80');
  });

  it('escapes <&> in names, and they parse back unchanged', () => {
    const xml = buildCeb311(exampleOrder());
    expect(xml).toContain('Marathon Root &lt;Ginseng&gt; &amp; Sons Farm LLC');
    expect(head['ceb:ebcName']).toBe('Marathon Root <Ginseng> & Sons Farm LLC');
  });
});

describe('CEB411, the payment record', () => {
  const xml = buildCeb411({ ...examplePayment(), payName: 'Pay <&> Co' });
  const msg = parse(xml)['ceb:CEB411Message'];
  const head = msg['ceb:Payment']['ceb:PaymentHead'];
  it('carries the serial number, payer, amount and time', () => {
    expect(msg['@_xmlns:ceb']).toBe(CEB_NAMESPACE);
    expect(msg['@_version']).toBe('1.0');
    expect(head).toMatchObject({
      'ceb:payTransactionId': 'sbx_ch_000123',
      'ceb:orderNo': 'ord_0123456789abcdef0123456789abcdef',
      'ceb:payerIdType': '1',
      'ceb:payerIdNumber': '11010519491231002X',
      'ceb:payerName': '李伟',
      'ceb:amountPaid': '1848.76',
      'ceb:currency': '142',
      'ceb:payTime': '20261124160001',
      'ceb:appTime': '20261124160001',
      'ceb:payName': 'Pay <&> Co',
    });
    expect(xml).toContain('Pay &lt;&amp;&gt; Co');
  });
});

describe('CEB511, the waybill', () => {
  const msg = parse(buildCeb511(exampleWaybill()))['ceb:CEB511Message'];
  const head = msg['ceb:Logistics']['ceb:LogisticsHead'];
  it('carries the tracking number, carrier, consignee, freight and weight in kg', () => {
    expect(msg['@_xmlns:ceb']).toBe(CEB_NAMESPACE);
    expect(head).toMatchObject({
      'ceb:logisticsNo': '1Z999AA10123456784',
      'ceb:logisticsCode': 'UPS',
      'ceb:orderNo': 'ord_0123456789abcdef0123456789abcdef',
      'ceb:freight': '142.40',
      'ceb:currency': '142',
      'ceb:weight': '0.330',
      'ceb:packNo': '1',
      'ceb:consignee': '李伟',
      'ceb:appTime': '20261125093000',
    });
  });
});

describe('codes and formats', () => {
  it('maps currencies to China-customs codes, not ISO numerics', () => {
    expect(customsCurrencyCode('CNY')).toBe('142');
    expect(customsCurrencyCode('USD')).toBe('502');
    expect(customsCurrencyCode('HKD')).toBe('110');
    expect(customsCurrencyCode('JPY')).toBe('116');
    expect(customsCurrencyCode('SGD')).toBe('132');
    expect(customsCurrencyCode('TWD')).toBe('143');
    expect(customsCurrencyRows().every((r) => r.source === 'C19, X6' && r.verification === 'Partial')).toBe(
      true,
    );
  });

  it('refuses a currency the reference gives no code for (KRW)', () => {
    expect(() => customsCurrencyCode('KRW')).toThrow(
      expect.objectContaining({ code: 'customs.currency_not_coded' }),
    );
  });

  it('writes times in China time (UTC+8), across midnight and the year end', () => {
    expect(chinaTime(new Date('2026-12-31T16:30:05Z'))).toBe('20270101003005');
    expect(chinaTime(new Date('2026-03-01T00:00:00Z'))).toBe('20260301080000');
  });

  it('writes grams as kilograms with 3 decimals', () => {
    expect(kilograms(330)).toBe('0.330');
    expect(kilograms(12_005)).toBe('12.005');
    expect(kilograms(0)).toBe('0.000');
  });
});
