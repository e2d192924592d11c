import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { unprocessable } from '../../../kernel/errors.ts';
import type { CurrencyCode } from '../../../money/index.ts';

/**
 * China-customs currency codes for CEB messages (reference §1f: "142 = CNY, 502 = USD, …"; from
 * public code only, C19 and X6, verification Partial). The table lives in a sub-folder of
 * data/trade-rules because the trade-rules loader reads every *.json directly in that folder as a
 * market rules file.
 */
export const CUSTOMS_CURRENCY_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../data/trade-rules/customs/currency-codes.json',
);

const CodesFile = z
  .object({
    about: z.string().min(1).max(2000),
    codes: z
      .array(
        z
          .object({
            code: z.string().regex(/^\d{3}$/),
            iso: z.string().regex(/^[A-Z]{3}$/),
            source: z.string().min(1).max(200),
            verification: z.enum(['Yes', 'Yes (2°)', 'Partial', 'No']),
          })
          .strict(),
      )
      .min(1)
      .max(300),
  })
  .strict();

export type CustomsCurrencyRow = z.infer<typeof CodesFile>['codes'][number];

function load(): Map<string, CustomsCurrencyRow> {
  const parsed = CodesFile.safeParse(JSON.parse(readFileSync(CUSTOMS_CURRENCY_FILE, 'utf8')));
  if (!parsed.success)
    throw new Error(`${CUSTOMS_CURRENCY_FILE} is invalid: ${z.prettifyError(parsed.error)}`);
  const byIso = new Map<string, CustomsCurrencyRow>();
  for (const row of parsed.data.codes) {
    if (byIso.has(row.iso)) throw new Error(`${CUSTOMS_CURRENCY_FILE}: ${row.iso} appears twice`);
    byIso.set(row.iso, row);
  }
  return byIso;
}

// Loaded and validated once, at import: a bad table stops the process at start.
const BY_ISO = load();

/** Every row of the table, for tests and reports. */
export const customsCurrencyRows = (): CustomsCurrencyRow[] => [...BY_ISO.values()];

/** The China-customs numeric code for an ISO currency ('CNY' → '142'). KRW has none in the reference. */
export function customsCurrencyCode(currency: CurrencyCode): string {
  const row = BY_ISO.get(currency);
  if (!row)
    throw unprocessable(
      'customs.currency_not_coded',
      `No China-customs currency code is on file for ${currency}.`,
      { currency },
    );
  return row.code;
}
