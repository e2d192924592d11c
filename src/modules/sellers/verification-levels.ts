import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../kernel/locales.ts';
import { VERIFICATION_KINDS, type VerificationKind } from './verification-evidence.ts';

/**
 * Verification levels and badges, computed (never stored) from the evidence a trust agent approved:
 * revoking or expiring evidence lowers the level at once, with no state to keep in step.
 */

export const REQUIREMENTS = ['ein', 'is_farm', ...VERIFICATION_KINDS] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

const Label = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().min(1).max(60)]))).strict();
const Code = z.string().regex(/^[a-z][a-z_]{1,40}$/);
const LevelsFile = z
  .object({
    about: z.string(),
    levels: z
      .array(
        z
          .object({
            level: z.number().int().min(1),
            code: Code,
            requires: z.array(z.enum(REQUIREMENTS)).min(1),
            label: Label,
          })
          .strict(),
      )
      .min(1)
      .refine((ls) => ls.every((l, i) => l.level === i + 1), 'levels are numbered 1, 2, 3 … in order'),
    badges: z
      .array(z.object({ code: Code, requires: z.array(z.enum(REQUIREMENTS)).min(1), label: Label }).strict())
      .default([]),
  })
  .strict();

export interface LevelDefinition {
  level: number;
  code: string;
  requires: Requirement[];
  label: Record<Locale, string>;
}
export interface BadgeDefinition {
  code: string;
  requires: Requirement[];
  label: Record<Locale, string>;
}
export interface VerificationDefinitions {
  levels: LevelDefinition[];
  badges: BadgeDefinition[];
}

const DATA_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../data/trust/verification-levels.json',
);
let cached: VerificationDefinitions | undefined;

/** data/trust/verification-levels.json, validated once. */
export function verificationDefinitions(): VerificationDefinitions {
  if (cached) return cached;
  const f = LevelsFile.parse(JSON.parse(readFileSync(DATA_FILE, 'utf8')));
  cached = { levels: f.levels, badges: f.badges } as unknown as VerificationDefinitions;
  return cached;
}

/** What the computation needs to know of a seller and its approved evidence. */
export interface VerificationFacts {
  einOnFile: boolean;
  isFarm: boolean;
  approved: { kind: VerificationKind; expiresOn: string | null }[];
}

export interface RequirementProgress {
  code: string;
  /** The level number, or null for a badge outside the levels (e.g. verified_farm). */
  level: number | null;
  reached: boolean;
  missing: Requirement[];
}

export interface VerificationStanding {
  /** 0 until the first level is reached. */
  level: number;
  levelCode: string | null;
  /** Codes of the badges buyers see: the level reached, and any extra badge earned. */
  badges: string[];
  /** Every level (and each badge that applies to this seller) with what it still lacks. */
  progress: RequirementProgress[];
  /** What the next level still lacks; empty at the top level. */
  missing: Requirement[];
}

/**
 * The level and badges a seller holds on `today` (YYYY-MM-DD, from the clock): an approved item
 * counts until its expiry date has passed. Levels are reached in order.
 * @example computeVerification({ einOnFile: true, isFarm: false, approved: [{ kind: 'business_registration', expiresOn: null }] }, '2026-12-01').level // 1
 */
export function computeVerification(
  facts: VerificationFacts,
  today: string,
  defs: VerificationDefinitions = verificationDefinitions(),
): VerificationStanding {
  const holds = (r: Requirement): boolean => {
    if (r === 'ein') return facts.einOnFile;
    if (r === 'is_farm') return facts.isFarm;
    return facts.approved.some((a) => a.kind === r && (a.expiresOn === null || a.expiresOn >= today));
  };
  const missingOf = (requires: Requirement[]) => requires.filter((r) => !holds(r));

  let level = 0;
  let levelCode: string | null = null;
  const progress: RequirementProgress[] = [];
  for (const def of defs.levels) {
    const missing = missingOf(def.requires);
    const reached = missing.length === 0 && level === def.level - 1;
    if (reached) {
      level = def.level;
      levelCode = def.code;
    }
    progress.push({ code: def.code, level: def.level, reached, missing });
  }
  const badges = levelCode ? [levelCode] : [];
  for (const def of defs.badges) {
    // A badge whose subject the seller is not (a farm badge for a manufacturer) is not offered.
    if (def.requires.includes('is_farm') && !facts.isFarm) continue;
    const missing = missingOf(def.requires);
    if (missing.length === 0) badges.push(def.code);
    progress.push({ code: def.code, level: null, reached: missing.length === 0, missing });
  }
  const next = progress.find((p) => p.level === level + 1);
  return { level, levelCode, badges, progress, missing: next ? next.missing : [] };
}

/** A badge's label in a locale. */
export function badgeLabel(code: string, locale: Locale, defs = verificationDefinitions()): string {
  const def = defs.levels.find((l) => l.code === code) ?? defs.badges.find((b) => b.code === code);
  return def ? def.label[locale] : code;
}
