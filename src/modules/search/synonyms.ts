import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { normalize, stem, type Unit, units } from './analyze.ts';

/** data/search/synonyms.json: groups of terms that mean the same product, across languages. */
const SynonymFile = z
  .object({
    note: z.string().min(1),
    version: z.number().int().positive(),
    groups: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]{1,64}$/),
            note: z.string().min(1),
            terms: z.array(z.string().min(1).max(100)).min(2).max(50),
          })
          .strict(),
      )
      .max(5000),
  })
  .strict();

export interface SynonymGroup {
  id: string;
  /** Each term as analyzed units, so matching is insensitive to case, width and Traditional forms. */
  terms: Unit[][];
}

export interface SynonymTerm {
  group: SynonymGroup;
  units: Unit[];
  length: number;
}

export interface SynonymSet {
  version: number;
  groups: SynonymGroup[];
  /** Every term of every group, longest first, so 美国人参 wins over 人参 when both exist. */
  terms: SynonymTerm[];
}

export const DEFAULT_SYNONYMS_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../data/search/synonyms.json',
);

/** Parses and validates a synonyms file's content; a bad file fails loudly at start. */
export function compileSynonyms(json: unknown): SynonymSet {
  const file = SynonymFile.parse(json);
  const ids = new Set<string>();
  const groups: SynonymGroup[] = [];
  const terms: SynonymTerm[] = [];
  for (const g of file.groups) {
    if (ids.has(g.id)) throw new Error(`synonyms: duplicate group id ${g.id}`);
    ids.add(g.id);
    const seen = new Set<string>();
    const group: SynonymGroup = { id: g.id, terms: [] };
    for (const raw of g.terms) {
      const us = units(normalize(raw));
      if (us.length === 0) throw new Error(`synonyms: term "${raw}" in ${g.id} has no letters`);
      const key = us.map((u) => `${u.script}:${u.text}`).join(' ');
      if (seen.has(key)) continue; // 蜂蜜 is both Chinese and Japanese; 花旗蔘 folds to 花旗参
      seen.add(key);
      group.terms.push(us);
      terms.push({ group, units: us, length: us.reduce((n, u) => n + u.text.length, 0) });
    }
    groups.push(group);
  }
  terms.sort((a, b) => b.length - a.length || b.units.length - a.units.length);
  return { version: file.version, groups, terms };
}

let loaded: SynonymSet | undefined;

/** The synonyms shipped in data/search, read once per process. */
export function defaultSynonyms(): SynonymSet {
  loaded ??= compileSynonyms(JSON.parse(readFileSync(DEFAULT_SYNONYMS_PATH, 'utf8')));
  return loaded;
}

const sameUnit = (a: Unit, b: Unit) =>
  a.script === b.script && (a.script === 'latin' ? stem(a.text) === stem(b.text) : a.text === b.text);

export interface SynonymMatch {
  group: SynonymGroup;
  /** How many query units the match consumed. */
  consumed: number;
  /** What is left of a CJK/Hangul unit around a term found inside it (威斯康星西洋参 → 威斯康星). */
  rest: Unit[];
}

/**
 * Finds the longest synonym term starting at `work[i]`. A term of one CJK or Hangul run may
 * sit anywhere inside the query's run, since those scripts do not separate words; other terms
 * must match whole units (Latin words compared by their stems: cranberries = cranberry).
 */
export function matchSynonym(set: SynonymSet, work: readonly Unit[], i: number): SynonymMatch | null {
  const here = work[i]!;
  for (const t of set.terms) {
    const first = t.units[0]!;
    if (t.units.length === 1 && first.script !== 'latin') {
      if (here.script !== first.script) continue;
      const at = here.text.indexOf(first.text);
      if (at < 0) continue;
      const rest: Unit[] = [];
      const before = here.text.slice(0, at);
      const after = here.text.slice(at + first.text.length);
      if (before) rest.push({ script: here.script, text: before });
      if (after) rest.push({ script: here.script, text: after });
      return { group: t.group, consumed: 1, rest };
    }
    if (i + t.units.length > work.length) continue;
    if (t.units.every((u, k) => sameUnit(u, work[i + k]!))) {
      return { group: t.group, consumed: t.units.length, rest: [] };
    }
  }
  return null;
}
