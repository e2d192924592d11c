import { z } from 'zod';
import { invalid, unprocessable } from '../../kernel/errors.ts';

/**
 * Where the parcel goes: one address per checkout, copied onto each of its orders. The consignee
 * on customs papers (CEB311/511, the commercial invoice) is this recipient.
 */
export interface DeliveryAddress {
  recipientName: string;
  phone: string;
  /** Street, building, unit: 1 to 3 lines as the buyer writes them (any script). */
  lines: string[];
  city: string;
  /** Province, prefecture, state or district; null where the market's addresses have none. */
  region: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2: the order's market. */
  country: string;
}

/**
 * Postal codes per market: whether addresses there use them and their shape. Hong Kong has no
 * postal codes; Vietnam's 5-digit codes (since 2018) are rarely written, so they are optional.
 * Markets not listed here take an optional code of up to 10 letters, digits, spaces or dashes.
 */
const POSTAL: Record<string, { required: boolean; pattern: RegExp | null; example: string }> = {
  CN: { required: true, pattern: /^\d{6}$/, example: '200120' },
  HK: { required: false, pattern: null, example: '' },
  TW: { required: true, pattern: /^\d{3}(\d{2,3})?$/, example: '106 or 10617' },
  JP: { required: true, pattern: /^\d{3}-?\d{4}$/, example: '100-0005' },
  KR: { required: true, pattern: /^\d{5}$/, example: '06164' },
  SG: { required: true, pattern: /^\d{6}$/, example: '238859' },
  VN: { required: false, pattern: /^\d{5,6}$/, example: '10000' },
  TH: { required: true, pattern: /^\d{5}$/, example: '10330' },
  MY: { required: true, pattern: /^\d{5}$/, example: '50450' },
  PH: { required: true, pattern: /^\d{4}$/, example: '1226' },
  ID: { required: true, pattern: /^\d{5}$/, example: '10310' },
};
const FALLBACK_POSTAL = /^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/;

/** Loose but real: an optional +, then digits with spaces, dots, dashes or brackets; 7 to 15 digits (E.164's maximum). */
const PHONE_SHAPE = /^\+?[0-9 ().-]+$/;
const digitCount = (s: string) => s.replace(/\D/g, '').length;

const text = (max: number) => z.string().trim().min(1).max(max);

/** Shape and per-country postal rules; whether the country is the order's market is checked at placing. */
export const DeliveryAddressSchema = z
  .object({
    recipientName: text(100),
    phone: z
      .string()
      .trim()
      .max(32)
      .refine(
        (p) => PHONE_SHAPE.test(p) && digitCount(p) >= 7 && digitCount(p) <= 15,
        'A telephone number: 7 to 15 digits, optionally with +, spaces, dashes, dots or brackets.',
      ),
    lines: z.array(text(200)).min(1).max(3),
    city: text(100),
    region: text(100).nullable().optional(),
    postalCode: z.string().trim().max(12).nullable().optional(),
    country: z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 country code, e.g. CN.'),
  })
  .strict()
  .superRefine((a, ctx) => {
    const problem = postalCodeProblem(a.country, a.postalCode ?? null);
    if (problem) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: problem });
  });
export type DeliveryAddressInput = z.input<typeof DeliveryAddressSchema>;

function postalCodeProblem(country: string, code: string | null): string | null {
  const rule = POSTAL[country];
  const given = code !== null && code.trim() !== '';
  if (!rule) return given && !FALLBACK_POSTAL.test(code!.trim()) ? 'Not a postal code.' : null;
  if (!given)
    return rule.required ? `Addresses in ${country} need a postal code (e.g. ${rule.example}).` : null;
  if (!rule.pattern) return `${country} has no postal codes: leave it out.`;
  return rule.pattern.test(code!.trim()) ? null : `Not a postal code of ${country} (e.g. ${rule.example}).`;
}

function normalizePostalCode(country: string, code: string | null): string | null {
  if (code === null || code.trim() === '') return null;
  const c = code.trim();
  // Japan writes 〒100-0005; the dash is kept in one place so the same address compares equal.
  if (country === 'JP' && /^\d{7}$/.test(c)) return `${c.slice(0, 3)}-${c.slice(3)}`;
  return c;
}

/**
 * Validates an address for an order in `market` (the same rules as the HTTP edge, for callers
 * that are not HTTP): 400 for a malformed address, 422 when it is not in the order's market.
 */
export function checkDeliveryAddress(input: unknown, market: string): DeliveryAddress {
  const parsed = DeliveryAddressSchema.safeParse(input);
  if (!parsed.success) {
    throw invalid('orders.invalid_delivery_address', 'The delivery address is invalid.', {
      errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  const a = parsed.data;
  if (a.country !== market) {
    throw unprocessable(
      'orders.delivery_address_wrong_country',
      `The delivery address must be in the order's market (${market}).`,
      { market, country: a.country },
    );
  }
  return {
    recipientName: a.recipientName,
    phone: a.phone,
    lines: a.lines,
    city: a.city,
    region: a.region ?? null,
    postalCode: normalizePostalCode(a.country, a.postalCode ?? null),
    country: a.country,
  };
}

/** One line for a label or a customs record: lines, city, region, postal code, country. */
export function formatDeliveryAddress(a: DeliveryAddress): string {
  return [...a.lines, a.city, a.region, a.postalCode, a.country].filter((p) => p).join(', ');
}
