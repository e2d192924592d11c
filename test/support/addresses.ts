/**
 * Fictional delivery addresses, one per market, in the form the place route takes. Names and
 * streets are invented; phone numbers use each country's code with made-up subscriber digits.
 */
const ADDRESSES = {
  CN: {
    recipientName: '李伟',
    phone: '+86 138 0013 8000',
    lines: ['浦东新区世纪大道 100 号 8 楼'],
    city: '上海市',
    region: '上海市',
    postalCode: '200120',
    country: 'CN',
  },
  HK: {
    recipientName: '陳嘉欣',
    phone: '+852 5123 4567',
    lines: ['彌敦道 300 號 12 樓 B 室'],
    city: '油麻地',
    region: '九龍',
    postalCode: null,
    country: 'HK',
  },
  TW: {
    recipientName: '林怡君',
    phone: '+886 912 345 678',
    lines: ['忠孝東路四段 100 號 5 樓'],
    city: '大安區',
    region: '臺北市',
    postalCode: '10694',
    country: 'TW',
  },
  JP: {
    recipientName: '佐藤 美咲',
    phone: '+81 90-1234-5678',
    lines: ['丸の内 1-1-1 ハートランドビル 3F'],
    city: '千代田区',
    region: '東京都',
    postalCode: '100-0005',
    country: 'JP',
  },
  KR: {
    recipientName: '김민준',
    phone: '+82 10-1234-5678',
    lines: ['테헤란로 123, 7층'],
    city: '강남구',
    region: '서울특별시',
    postalCode: '06134',
    country: 'KR',
  },
  SG: {
    recipientName: 'Tan Wei Ming',
    phone: '+65 8123 4567',
    lines: ['10 Orchard Road', '#05-01'],
    city: 'Singapore',
    region: null,
    postalCode: '238826',
    country: 'SG',
  },
} as const;

export type TestMarket = keyof typeof ADDRESSES;

/** A fictional delivery address in `market`, with optional changes. */
export function addressFor(market: TestMarket, changes: Record<string, unknown> = {}) {
  return { ...ADDRESSES[market], lines: [...ADDRESSES[market].lines], ...changes };
}

/** The place-checkout body: payment method and a delivery address in the quote's market. */
export function placeBody(market: TestMarket, paymentMethod = 'pm_card_ok') {
  return { paymentMethod, deliveryAddress: addressFor(market) };
}
