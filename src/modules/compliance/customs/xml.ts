import { createHash } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import { type CurrencyCode, formatDecimal, minorUnits } from '../../../money/index.ts';

/** CEB messages' namespace and version (reference §1f). */
export const CEB_NAMESPACE = 'http://www.chinaport.gov.cn/ceb';
export const CEB_VERSION = '1.0';
/** The namespace prefix the public samples use (C19): <ceb:CEB311Message xmlns:ceb="…">. */
const P = 'ceb:';

/**
 * Country of origin, USA, as a China-customs country code. NOT in the reference: the reference
 * only gives 502 as the *currency* code for USD. China customs' country table is recalled to give
 * the USA 502 as well. Unverified: every record that uses it says so in its note.
 */
export const USA_COUNTRY_CODE = '502';
export const UNVERIFIED_NOTE =
  'Unverified: origin country code 502 (USA) and plain-text units are not confirmed against the official CEB code tables.';

const DECIMALS = 2;

/**
 * Minor units as a decimal string with 2 places, as CEB amounts are written: 126736n CNY →
 * '1267.36'; 500n JPY → '500.00'. Integer arithmetic only.
 */
export function customsAmount(amount: bigint, currency: CurrencyCode): string {
  const exp = minorUnits(currency);
  if (exp > DECIMALS) throw new Error(`${currency} has more than ${DECIMALS} decimals`);
  const units = amount * 10n ** BigInt(DECIMALS - exp);
  const neg = units < 0n;
  return `${neg ? '-' : ''}${formatDecimal({ units: neg ? -units : units, scale: DECIMALS })}`;
}

/** The inverse of customsAmount: '1267.36' → 126736n for CNY. Throws on anything else. */
export function parseCustomsAmount(text: string, currency: CurrencyCode): bigint {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a customs amount: ${text}`);
  const units = BigInt(m[2]! + m[3]!);
  const scale = 10n ** BigInt(DECIMALS - minorUnits(currency));
  if (units % scale !== 0n) throw new Error(`${text} is not a whole number of ${currency} minor units`);
  return (m[1] ? -units : units) / scale;
}

/** Grams as kilograms with 3 decimals: 260 → '0.260'. */
export function kilograms(grams: number): string {
  if (!Number.isSafeInteger(grams) || grams < 0) throw new Error(`not a weight in grams: ${grams}`);
  return formatDecimal({ units: BigInt(grams), scale: 3 });
}

const CHINA_OFFSET_MS = 8 * 3_600_000; // China Standard Time, UTC+8, no daylight saving

/** yyyyMMddHHmmss in China time (UTC+8): 2026-11-24T08:00:00Z → '20261124160000'. */
export function chinaTime(at: Date): string {
  const t = new Date(at.getTime() + CHINA_OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    p(t.getUTCFullYear(), 4) +
    p(t.getUTCMonth() + 1) +
    p(t.getUTCDate()) +
    p(t.getUTCHours()) +
    p(t.getUTCMinutes()) +
    p(t.getUTCSeconds())
  );
}

/** A stable message guid (UUID-shaped, upper case) from the message type, order number and time. */
export function messageGuid(message: string, orderNo: string, appTime: Date): string {
  const h = createHash('sha256').update(`${message}:${orderNo}:${appTime.toISOString()}`).digest('hex');
  return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20, 32)]
    .join('-')
    .toUpperCase();
}

// processEntities escapes & < > " ' in text and attributes; every value is given as a string.
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
  processEntities: true,
});

type Fields = Record<string, string>;

/** Prefixes every key of a flat field map with the namespace prefix. */
export const ceb = (fields: Fields): Fields =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${P}${k}`, v]));

/**
 * A whole CEB message: <?xml?>, then <ceb:{root} guid version xmlns:ceb> holding `body`
 * (already-prefixed elements). The DXP envelope (BaseTransfer) and the XML-DSig signature are
 * added when a message is sent through China E-Port, not here.
 */
export function cebMessage(root: string, guid: string, body: Record<string, unknown>): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    [`${P}${root}`]: {
      '@_guid': guid,
      '@_version': CEB_VERSION,
      '@_xmlns:ceb': CEB_NAMESPACE,
      ...body,
    },
  });
}

export const cebKey = (name: string) => `${P}${name}`;
