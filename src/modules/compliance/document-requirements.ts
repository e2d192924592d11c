import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MARKET_CODES } from '../../kernel/locales.ts';
import { RULES_DIR, VERIFICATION } from './rules-data.ts';

/** data/trade-rules/documents: a subfolder, because the tax-rules loader reads every top-level file. */
export const REQUIREMENTS_FILE = path.join(RULES_DIR, 'documents', 'requirements.json');

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TYPE_ID = /^[a-z][a-z0-9_]{2,63}$/;
const Text = (max: number) => z.string().trim().min(1).max(max);
const HsPrefix = z.string().regex(/^\d{2,10}$/, 'an HS prefix is 2 to 10 digits');
const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const Market = z.string().refine((m) => (MARKET_CODES as readonly string[]).includes(m), 'unknown market');

const DocumentTypeSchema = z
  .object({
    type: z.string().regex(TYPE_ID),
    name: Text(160),
    /** The one market whose authority issues it (a China registration); null when it serves several. */
    market: Market.nullable(),
    /** Issued for one destination (a phytosanitary certificate): the seller records which one. */
    perMarket: z.boolean(),
    /** True when the document carries an expiry date; the seller must then record it. */
    expires: z.boolean(),
    validity: Text(400),
    source: Text(200),
    verification: z.enum(VERIFICATION),
  })
  .strict();

const RequirementSchema = z
  .object({
    id: z
      .string()
      .max(100)
      .regex(/^[A-Z]{2}\.documents\.[a-z0-9_]+(\.[a-z0-9_]+)*$/),
    market: Market,
    description: Text(600),
    goods: z
      .object({
        description: Text(200),
        hsPrefixes: z.array(HsPrefix).max(200),
        /** Catalog category slugs; a product in the category or any category below it matches. */
        categories: z.array(Slug).max(100),
        excludeHsPrefixes: z.array(HsPrefix).max(200),
      })
      .strict()
      .refine(
        (g) => g.hsPrefixes.length + g.categories.length > 0,
        'name the goods by HS prefix or category',
      ),
    documentType: z.string().regex(TYPE_ID),
    obtain: Text(1000),
    issuer: Text(200),
    url: z.url({ protocol: /^https?$/ }).max(400),
    /** Source ids of the reference (§10), e.g. "G1, G2". Required: no unsourced requirement. */
    source: Text(200),
    /** First day in force, in the market's calendar. Required: no undated requirement. */
    effectiveFrom: z.string().regex(ISO_DATE),
    effectiveFromNote: Text(400).optional(),
    /** First day no longer in force. */
    effectiveTo: z.string().regex(ISO_DATE).optional(),
    verification: z.enum(VERIFICATION),
    verificationNote: Text(1000).optional(),
    /** Why results resting on it are provisional even though the rule itself is verified (an open question). */
    provisional: Text(1000).optional(),
    note: Text(1500),
  })
  .strict()
  .refine((r) => r.id.startsWith(`${r.market}.`), { message: 'the id starts with its market' })
  .refine((r) => r.effectiveTo === undefined || r.effectiveTo > r.effectiveFrom, {
    message: 'effectiveTo must be after effectiveFrom',
  });

const RequirementsFileSchema = z
  .object({
    about: Text(3000),
    documentTypes: z.array(DocumentTypeSchema).min(1).max(50),
    requirements: z.array(RequirementSchema).max(500),
  })
  .strict()
  .superRefine((f, ctx) => {
    const types = new Map(f.documentTypes.map((t) => [t.type, t]));
    if (types.size !== f.documentTypes.length)
      ctx.addIssue({ code: 'custom', message: 'a document type is listed twice' });
    const ids = new Set<string>();
    for (const r of f.requirements) {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', message: `requirement ${r.id} is listed twice` });
      ids.add(r.id);
      const t = types.get(r.documentType);
      if (!t)
        ctx.addIssue({ code: 'custom', message: `${r.id} names unknown document type ${r.documentType}` });
      else if (t.market !== null && t.market !== r.market)
        ctx.addIssue({
          code: 'custom',
          message: `${r.id}: ${t.type} is issued for ${t.market}, not ${r.market}`,
        });
    }
  });

export type DocumentTypeInfo = z.infer<typeof DocumentTypeSchema>;
export type DocumentRequirement = z.infer<typeof RequirementSchema>;
export type RequirementsFile = z.infer<typeof RequirementsFileSchema>;

/** Validates a requirements file; throws with every problem named. */
export function parseRequirementsFile(data: unknown, name = 'requirements'): RequirementsFile {
  const parsed = RequirementsFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new Error(`document requirements ${name} are invalid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

// Loaded and validated at import: a bad file stops the process at start, not at the first listing.
const FILE = parseRequirementsFile(JSON.parse(readFileSync(REQUIREMENTS_FILE, 'utf8')), REQUIREMENTS_FILE);
const TYPES = new Map(FILE.documentTypes.map((t) => [t.type, t]));

export const DOCUMENT_TYPE_IDS: readonly string[] = FILE.documentTypes.map((t) => t.type);

export function documentTypes(): readonly DocumentTypeInfo[] {
  return FILE.documentTypes;
}

export function documentType(type: string): DocumentTypeInfo | undefined {
  return TYPES.get(type);
}

export function documentRequirements(): readonly DocumentRequirement[] {
  return FILE.requirements;
}

/** A requirement is in force on a calendar day of its market (effectiveTo is exclusive). */
export function requirementInForce(r: DocumentRequirement, day: string): boolean {
  return r.effectiveFrom <= day && (r.effectiveTo === undefined || day < r.effectiveTo);
}

/** Whether a product falls under a requirement: by HS prefix or category (its own or an ancestor), minus exclusions. */
export function requirementCovers(
  r: DocumentRequirement,
  product: { hsDigits: string; categoryPath: readonly string[] },
): boolean {
  const g = r.goods;
  if (g.excludeHsPrefixes.some((p) => product.hsDigits.startsWith(p))) return false;
  return (
    g.hsPrefixes.some((p) => product.hsDigits.startsWith(p)) ||
    g.categories.some((c) => product.categoryPath.includes(c))
  );
}

/** Results resting on it are provisional: the reference marks it Partial or unverified, or an open question hangs on it. */
export function requirementIsProvisional(r: DocumentRequirement): boolean {
  return r.verification === 'Partial' || r.verification === 'No' || r.provisional !== undefined;
}
