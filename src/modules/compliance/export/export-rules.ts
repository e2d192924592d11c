import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** data/trade-rules/export, found from this file rather than the working directory. */
export const EXPORT_RULES_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../data/trade-rules/export/eei.json',
);

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** An ISO date, or the reference's own 'long-standing' where it gives none (a note must say why). */
const Effective = z.union([z.string().regex(ISO_DATE), z.literal('long-standing')]);

const Rule = z
  .object({
    id: z.string().regex(/^US\.[a-z0-9_.]+$/),
    description: z.string().min(1).max(1000),
    numbers: z.record(z.string(), z.number().int().nonnegative()),
    citation: z.string().min(1).max(200),
    exemptionLegend: z.string().min(1).max(100).optional(),
    destinations: z
      .array(
        z
          .object({
            country: z.string().regex(/^[A-Z]{2}$/),
            effectiveFrom: z.string().regex(ISO_DATE),
            note: z.string().min(1).max(400).optional(),
          })
          .strict(),
      )
      .optional(),
    text: z.string().min(1).max(2000).optional(),
    source: z.string().min(1).max(200),
    effectiveFrom: Effective,
    effectiveFromNote: z.string().min(1).max(600).optional(),
    verification: z.enum(['Yes', 'Yes (2°)', 'Partial', 'No']),
  })
  .strict()
  .refine((r) => r.effectiveFrom !== 'long-standing' || r.effectiveFromNote !== undefined, {
    message: "A rule in force since an unknown date ('long-standing') needs an effectiveFromNote.",
  });
export type ExportRule = z.infer<typeof Rule>;

const REQUIRED = ['US.eei.value_per_schedule_b', 'US.eei.licence_required', 'US.eei.ccl_to_china', 'US.dcs'];

export const ExportRulesFile = z
  .object({ about: z.string().min(1), rules: z.array(Rule).min(1) })
  .strict()
  .superRefine((f, ctx) => {
    const ids = f.rules.map((r) => r.id);
    for (const id of REQUIRED)
      if (!ids.includes(id))
        ctx.addIssue({ code: 'custom', path: ['rules'], message: `Missing rule ${id}.` });
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['rules'], message: 'A rule id is listed twice.' });
    const threshold = f.rules.find((r) => r.id === 'US.eei.value_per_schedule_b');
    if (threshold && (!(threshold.numbers.thresholdUsdCents! > 0) || !threshold.exemptionLegend))
      ctx.addIssue({
        code: 'custom',
        path: ['rules'],
        message: 'The value rule needs its threshold and legend.',
      });
    const ccl = f.rules.find((r) => r.id === 'US.eei.ccl_to_china');
    if (ccl && !ccl.destinations?.length)
      ctx.addIssue({ code: 'custom', path: ['rules'], message: 'The China rule needs its destinations.' });
    const dcs = f.rules.find((r) => r.id === 'US.dcs');
    if (dcs && !dcs.text)
      ctx.addIssue({ code: 'custom', path: ['rules'], message: 'The DCS rule needs its text.' });
  });
export type ExportRules = z.infer<typeof ExportRulesFile>;

/** Parses and checks the export rules; throws naming every problem (a bad file stops the start). */
export function parseExportRules(json: unknown): ExportRules {
  const parsed = ExportRulesFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`data/trade-rules/export/eei.json is invalid: ${problems}`);
  }
  return parsed.data;
}

/** Loaded and validated once, when the module is first imported. */
export const EXPORT_RULES: ExportRules = parseExportRules(
  JSON.parse(readFileSync(EXPORT_RULES_FILE, 'utf8')),
);

export function exportRule(id: string, rules: ExportRules = EXPORT_RULES): ExportRule {
  const r = rules.rules.find((x) => x.id === id);
  if (!r) throw new Error(`export rule ${id} is missing`);
  return r;
}
