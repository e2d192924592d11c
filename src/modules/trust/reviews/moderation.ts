import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LOCALES } from '../../../kernel/locales.ts';

/**
 * Automatic moderation of reviews and seller replies, with the rules as data
 * (data/trust/review-moderation.json): a text that matches a rule is held for an agent.
 */

const Code = z.string().regex(/^[a-z][a-z_]{1,40}$/);
const Rule = z.discriminatedUnion('kind', [
  z
    .object({
      code: Code,
      description: z.string(),
      kind: z.literal('pattern'),
      patterns: z.array(z.string().min(1)).min(1),
    })
    .strict(),
  z
    .object({
      code: Code,
      description: z.string(),
      kind: z.literal('digit_run'),
      minDigits: z.number().int().min(5).max(20),
      separators: z.string(),
    })
    .strict(),
  z
    .object({
      code: Code,
      description: z.string(),
      kind: z.literal('words'),
      words: z.partialRecord(z.enum(LOCALES), z.array(z.string().min(1))),
    })
    .strict(),
]);
const ModerationFile = z.object({ about: z.string(), rules: z.array(Rule).min(1) }).strict();

/** A compiled rule: does the (normalised) text break it? */
export interface ModerationRule {
  code: string;
  matches(normalised: string): boolean;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
const normalise = (text: string) => text.normalize('NFKC').toLowerCase();

function compile(rule: z.infer<typeof Rule>): ModerationRule {
  switch (rule.kind) {
    case 'pattern': {
      const res = rule.patterns.map((p) => new RegExp(p, 'iu'));
      return { code: rule.code, matches: (t) => res.some((re) => re.test(t)) };
    }
    case 'digit_run': {
      // A digit, then digits each preceded by at most two separators; an optional leading +.
      const run = new RegExp(`\\+?\\d(?:[${escapeRegExp(rule.separators)}]{0,2}\\d)*`, 'gu');
      return {
        code: rule.code,
        matches: (t) => [...t.matchAll(run)].some((m) => m[0].replace(/\D/g, '').length >= rule.minDigits),
      };
    }
    case 'words': {
      const res = Object.values(rule.words)
        .flat()
        .map((w) => {
          const word = escapeRegExp(normalise(w));
          // Latin words match whole words only; CJK scripts do not separate words with spaces.
          return /^[a-z' -]+$/.test(w.toLowerCase())
            ? new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'u')
            : new RegExp(word, 'u');
        });
      return { code: rule.code, matches: (t) => res.some((re) => re.test(t)) };
    }
  }
}

const DATA_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../data/trust/review-moderation.json',
);
let cached: ModerationRule[] | undefined;

/** The rules of data/trust/review-moderation.json, validated and compiled once. */
export function moderationRules(): ModerationRule[] {
  cached ??= ModerationFile.parse(JSON.parse(readFileSync(DATA_FILE, 'utf8'))).rules.map(compile);
  return cached;
}

/**
 * The codes of the rules the texts break, in the file's order; empty when they may be published.
 * @example moderate(['Call me on 138 0013 8000']) // ['phone_number']
 */
export function moderate(texts: readonly string[], rules = moderationRules()): string[] {
  const normalised = texts.map(normalise);
  return rules.filter((r) => normalised.some((t) => r.matches(t))).map((r) => r.code);
}
