import { describe, expect, it } from 'vitest';
import { checkDeliveryAddress, DeliveryAddressSchema, formatDeliveryAddress } from './delivery-address.ts';

const shanghai = {
  recipientName: '李伟',
  phone: '+86 138 0013 8000',
  lines: ['浦东新区世纪大道 100 号'],
  city: '上海市',
  region: '上海市',
  postalCode: '200120',
  country: 'CN',
};

const problems = (input: unknown) => {
  const r = DeliveryAddressSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('delivery address', () => {
  it('accepts a real address and normalizes it', () => {
    expect(checkDeliveryAddress(shanghai, 'CN')).toEqual(shanghai);
    const tokyo = { ...shanghai, country: 'JP', postalCode: '1000005', region: '東京都', city: '千代田区' };
    expect(checkDeliveryAddress(tokyo, 'JP').postalCode).toBe('100-0005');
    const hk = { ...shanghai, country: 'HK', postalCode: undefined, region: undefined };
    expect(checkDeliveryAddress(hk, 'HK')).toMatchObject({ postalCode: null, region: null });
    expect(formatDeliveryAddress(checkDeliveryAddress(shanghai, 'CN'))).toBe(
      '浦东新区世纪大道 100 号, 上海市, 上海市, 200120, CN',
    );
  });

  it.each([
    ['phone with letters', { phone: 'call me maybe' }, 'phone'],
    ['phone too short', { phone: '12345' }, 'phone'],
    ['phone too long (16 digits)', { phone: '+86 1380013800012345' }, 'phone'],
    ['no lines', { lines: [] }, 'lines'],
    ['four lines', { lines: ['a', 'b', 'c', 'd'] }, 'lines'],
    ['empty recipient', { recipientName: '  ' }, 'recipientName'],
    ['recipient too long', { recipientName: 'x'.repeat(101) }, 'recipientName'],
    ['line too long', { lines: ['x'.repeat(201)] }, 'lines.0'],
    ['CN without postal code', { postalCode: null }, 'postalCode'],
    ['CN postal code of 5 digits', { postalCode: '20012' }, 'postalCode'],
    ['HK with a postal code', { country: 'HK', postalCode: '999077' }, 'postalCode'],
    ['KR postal code of 6 digits', { country: 'KR', postalCode: '135080' }, 'postalCode'],
    ['lower-case country', { country: 'cn' }, 'country'],
    ['unknown field', { floor: 8 }, ''],
  ])('refuses %s', (_name, change, path) => {
    const found = problems({ ...shanghai, ...change });
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((p) => p.startsWith(`${path}:`) || path === '')).toBe(true);
    expect(() => checkDeliveryAddress({ ...shanghai, ...change }, 'CN')).toThrow(
      expect.objectContaining({ kind: 'invalid', code: 'orders.invalid_delivery_address' }),
    );
  });

  it('refuses an address outside the order market with 422', () => {
    expect(() => checkDeliveryAddress(shanghai, 'HK')).toThrow(
      expect.objectContaining({ kind: 'unprocessable', code: 'orders.delivery_address_wrong_country' }),
    );
  });
});
