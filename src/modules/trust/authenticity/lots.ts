import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/database.ts';
import { conflict, invalid, notFound } from '../../../kernel/errors.ts';
import { newId, zId } from '../../../kernel/ids.ts';
import { MARKET_CODES, type MarketCode } from '../../../kernel/locales.ts';

/** USPS codes of the states, DC and the inhabited territories (farms there sell as US farms). */
// biome-ignore format: a table reads better than one code a line
export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY',
  'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND',
  'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'DC',
  'PR', 'GU', 'VI', 'AS', 'MP',
] as const;

export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

const Day = z
  .string()
  .refine(isCalendarDate, 'A date is YYYY-MM-DD.')
  .refine((d) => d >= '1990-01-01' && d <= '2100-12-31', 'The date is out of range.');

const Text = (max: number) => z.string().trim().min(1).max(max);

export const CertificationSchema = z
  .object({
    /** e.g. "USDA Organic", "Non-GMO Project Verified". */
    scheme: Text(100),
    number: Text(100),
    certifier: Text(200),
    expiresOn: Day.optional(),
  })
  .strict();

export const CreateLotSchema = z
  .object({
    sellerId: zId('sel'),
    productId: zId('prd'),
    lotNumber: Text(64).regex(
      /^[\p{L}\p{N}][\p{L}\p{N} ./#_-]*$/u,
      'Letters, digits, spaces and . / # _ - only.',
    ),
    farmName: Text(200),
    usState: z.enum(US_STATES),
    county: Text(100),
    harvestedOrMadeOn: Day,
    certifications: z.array(CertificationSchema).max(20).default([]),
    /** Markets the lot was sold to; a scan elsewhere raises an alert. Omitted: not checked. */
    soldToMarkets: z.array(z.enum(MARKET_CODES)).min(1).max(MARKET_CODES.length).optional(),
  })
  .strict();
export type CreateLotInput = z.input<typeof CreateLotSchema>;

export interface Certification {
  scheme: string;
  number: string;
  certifier: string;
  expiresOn: string | null;
}

export interface Lot {
  id: string;
  sellerId: string;
  productId: string;
  lotNumber: string;
  farmName: string;
  usState: string;
  county: string;
  harvestedOrMadeOn: string;
  certifications: Certification[];
  soldToMarkets: MarketCode[] | null;
  createdAt: string;
}

export interface LotRow extends Record<string, unknown> {
  id: string;
  seller_id: string;
  product_id: string;
  lot_number: string;
  farm_name: string;
  us_state: string;
  county: string;
  harvested_or_made_on: string;
  certifications: Certification[];
  sold_to_markets: MarketCode[] | null;
  request_hash: string;
  created_at: string;
}

// Dates as text: node-postgres would turn a `date` into a local-time Date and shift it.
export const LOT_COLUMNS = sql`l.id, l.seller_id, l.product_id, l.lot_number, l.farm_name, l.us_state,
  l.county, l.harvested_or_made_on::text AS harvested_or_made_on, l.certifications, l.sold_to_markets,
  l.request_hash, to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at`;

export function toLot(r: LotRow): Lot {
  return {
    id: r.id,
    sellerId: r.seller_id,
    productId: r.product_id,
    lotNumber: r.lot_number,
    farmName: r.farm_name,
    usState: r.us_state,
    county: r.county,
    harvestedOrMadeOn: r.harvested_or_made_on,
    certifications: r.certifications,
    soldToMarkets: r.sold_to_markets,
    createdAt: r.created_at,
  };
}

/**
 * Records a lot with its farm provenance and certifications. Idempotent: the same seller, product
 * and lot number with the same content returns the lot already made; with other content it is
 * `trust.lot_exists` (409).
 */
export async function createLot(tx: Db, input: CreateLotInput, at: Date): Promise<Lot> {
  const parsed = CreateLotSchema.safeParse(input);
  if (!parsed.success) {
    throw invalid('trust.invalid_lot', 'The lot is invalid.', {
      errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  const d = parsed.data;
  const certifications: Certification[] = d.certifications.map((c) => ({
    scheme: c.scheme,
    number: c.number,
    certifier: c.certifier,
    expiresOn: c.expiresOn ?? null,
  }));
  const soldTo = d.soldToMarkets ? [...new Set(d.soldToMarkets)].sort() : null;
  const requestHash = createHash('sha256')
    .update(JSON.stringify({ ...d, certifications, soldToMarkets: soldTo }))
    .digest('hex');
  const id = newId('lot');
  await tx.execute(sql`
    INSERT INTO authenticity_lots (id, seller_id, product_id, lot_number, farm_name, us_state, county,
      harvested_or_made_on, certifications, sold_to_markets, request_hash, created_at)
    VALUES (${id}, ${d.sellerId}, ${d.productId}, ${d.lotNumber}, ${d.farmName}, ${d.usState}, ${d.county},
      ${d.harvestedOrMadeOn}::date, ${JSON.stringify(certifications)}::jsonb,
      ${soldTo === null ? null : sql.param(soldTo)}::text[], ${requestHash}, ${at.toISOString()}::timestamptz)
    ON CONFLICT (seller_id, product_id, lot_number) DO NOTHING`);
  const { rows } = await tx.execute<LotRow>(sql`
    SELECT ${LOT_COLUMNS} FROM authenticity_lots l
    WHERE l.seller_id = ${d.sellerId} AND l.product_id = ${d.productId} AND l.lot_number = ${d.lotNumber}`);
  const row = rows[0]!;
  if (row.request_hash !== requestHash) {
    throw conflict(
      'trust.lot_exists',
      `Lot ${d.lotNumber} of this product already exists with other details.`,
      {
        lotId: row.id,
      },
    );
  }
  return toLot(row);
}

export async function getLot(db: Db, lotId: string): Promise<Lot> {
  const { rows } = await db.execute<LotRow>(
    sql`SELECT ${LOT_COLUMNS} FROM authenticity_lots l WHERE l.id = ${lotId}`,
  );
  if (!rows[0]) throw notFound('trust.lot_not_found', 'No such lot.');
  return toLot(rows[0]);
}

/** A product's lots, the most recent harvest first: the provenance a buyer sees on the product page. */
export async function listProductLots(db: Db, productId: string, limit = 5): Promise<Lot[]> {
  const { rows } = await db.execute<LotRow>(sql`
    SELECT ${LOT_COLUMNS} FROM authenticity_lots l WHERE l.product_id = ${productId}
     ORDER BY l.harvested_or_made_on DESC, l.created_at DESC LIMIT ${Math.min(Math.max(limit, 1), 50)}`);
  return rows.map(toLot);
}
