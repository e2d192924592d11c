import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LOCALES, MARKET_CODES } from '../../kernel/locales.ts';
import { CURRENCY_CODES } from '../../money/index.ts';
import { isValidRate } from './types.ts';

/** data/ at the repository root, found from this file rather than the working directory. */
export const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data');

const LocaleSchema = z.enum(LOCALES);
const QuoteCurrency = z.enum(CURRENCY_CODES).refine((c) => c !== 'USD', 'USD is the base, not a quote');

const MarketEntry = z
  .object({
    code: z.enum(MARKET_CODES),
    currency: QuoteCurrency,
    defaultLocale: LocaleSchema,
    locales: z.array(LocaleSchema).min(1).max(LOCALES.length),
    name: z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().min(1).max(100)]))).strict(),
    confirmationWindowDays: z
      .object({ express: z.number().int().min(1).max(365), surface: z.number().int().min(1).max(365) })
      .strict(),
  })
  .strict()
  .refine((m) => m.locales.includes(m.defaultLocale), 'defaultLocale must be one of locales')
  .refine((m) => new Set(m.locales).size === m.locales.length, 'locales must not repeat');

export const MarketsFile = z
  .object({
    about: z.string().max(2000),
    markets: z.array(MarketEntry).length(MARKET_CODES.length),
  })
  .strict()
  .refine(
    (f) => new Set(f.markets.map((m) => m.code)).size === MARKET_CODES.length,
    'every market must appear exactly once',
  );

export const FxRatesFile = z
  .object({
    about: z.string().max(2000),
    rates: z
      .array(
        z
          .object({
            quote: QuoteCurrency,
            rate: z.string().refine(isValidRate, 'a positive decimal with at most 12 decimals'),
            source: z.string().min(1).max(200),
            asOf: z.iso.datetime(),
          })
          .strict(),
      )
      .min(1)
      .max(100),
  })
  .strict();

export type MarketsFileData = z.infer<typeof MarketsFile>;
export type FxRatesFileData = z.infer<typeof FxRatesFile>;

/** Reads and validates one JSON data file; a missing or malformed file throws, naming the file and the field. */
export function readDataFile<T>(file: string, schema: z.ZodType<T>): T {
  const full = path.join(DATA_DIR, file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(full, 'utf8'));
  } catch (e) {
    throw new Error(`data file ${full} cannot be read: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`data file ${full} is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
