import { sql } from 'drizzle-orm';
import * as OpenCC from 'opencc-js/t2cn';
import type { Db } from '../../../db/database.ts';

/**
 * Finding the registered brands a listing names. Text and terms are normalized alike: NFKC (full-
 * width Latin becomes ASCII), lower case, Traditional→Simplified Han (OpenCC), whitespace runs as
 * one space. A term with Han or kana matches as a substring (CJK writes no spaces); any other term
 * (Latin, Hangul) matches only between word boundaries, where a boundary is anything but a letter,
 * digit or mark outside Han/kana, so 'marathon root' is found in 'marathon root花旗参' but not in
 * 'marathon rooting'.
 */

// One converter for the process: building one is costly.
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u3006\u3007\u30fc]/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;

export function normalizeBrandText(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase()).replace(/\s+/gu, ' ').trim();
}

/** A character that glues to a Latin/Hangul term (so the term is part of a longer word). */
const isWordChar = (ch: string | undefined) => ch !== undefined && WORD.test(ch) && !CJK.test(ch);

export interface BrandTerms {
  brandId: string;
  name: string;
  /** The registered terms, as written, all languages together. */
  terms: string[];
}

export interface BrandMention {
  brandId: string;
  name: string;
  /** The term (as registered) that the listing contains. */
  matchedTerm: string;
}

interface Entry {
  brandId: string;
  name: string;
  term: string;
  normalized: string;
}

/**
 * Terms indexed by their first word (Latin, Hangul) or first two code units (CJK), so a text is
 * checked with one map lookup per word and per position, whatever the number of brands.
 */
export class BrandMatcher {
  private readonly byWord = new Map<string, Entry[]>();
  private readonly byPrefix = new Map<string, Entry[]>();
  private readonly byName = new Map<string, Entry>();

  constructor(brands: readonly BrandTerms[]) {
    for (const b of brands) {
      const seen = new Set<string>();
      for (const term of [b.name, ...b.terms]) {
        const normalized = normalizeBrandText(term);
        if (normalized.length < 2 || seen.has(normalized)) continue;
        seen.add(normalized);
        const e = { brandId: b.brandId, name: b.name, term, normalized };
        if (term === b.name) this.byName.set(normalized, e);
        if (CJK.test(normalized)) push(this.byPrefix, normalized.slice(0, 2), e);
        else push(this.byWord, firstWord(normalized), e);
      }
    }
  }

  /** Every brand named in the texts or the brand field, once each; the brand field is looked at first. */
  find(input: { texts: readonly string[]; brandField: string | null }): BrandMention[] {
    const found = new Map<string, BrandMention>();
    const add = (e: Entry) => {
      if (!found.has(e.brandId))
        found.set(e.brandId, { brandId: e.brandId, name: e.name, matchedTerm: e.term });
    };
    if (input.brandField) {
      const field = normalizeBrandText(input.brandField);
      // Exactly the brand's name, or containing one of its terms.
      const exact = this.byName.get(field);
      if (exact) add(exact);
      for (const e of this.matchAll(field)) add(e);
    }
    for (const text of input.texts) for (const e of this.matchAll(normalizeBrandText(text))) add(e);
    return [...found.values()];
  }

  private matchAll(text: string): Entry[] {
    const out: Entry[] = [];
    for (let i = 0; i < text.length; i++) {
      for (const e of this.byPrefix.get(text.slice(i, i + 2)) ?? []) {
        if (text.startsWith(e.normalized, i)) out.push(e);
      }
      // A word starts here: look its word up among the Latin/Hangul terms.
      if (isWordChar(text[i]) && !isWordChar(text[i - 1])) {
        let j = i;
        while (j < text.length && isWordChar(text[j])) j++;
        for (const e of this.byWord.get(text.slice(i, j)) ?? []) {
          const end = i + e.normalized.length;
          if (text.startsWith(e.normalized, i) && !isWordChar(text[end])) out.push(e);
        }
      }
    }
    return out;
  }
}

function push(map: Map<string, Entry[]>, key: string, e: Entry): void {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

function firstWord(normalized: string): string {
  let j = 0;
  while (j < normalized.length && isWordChar(normalized[j])) j++;
  // A term that starts with punctuation is keyed by its first character; it never starts a word.
  return j === 0 ? normalized.slice(0, 1) : normalized.slice(0, j);
}

/**
 * The verified brands' terms, kept in memory per database and rebuilt when any brand changed:
 * every change to a brand takes a new value from a sequence, so one index lookup (max(version))
 * tells whether the copy is current, in this process or after another process's change.
 */
const cache = new Map<string, { version: string; matcher: BrandMatcher }>();

async function currentMatcher(db: Db): Promise<BrandMatcher> {
  const { rows } = await db.execute<{ db: string; version: string }>(
    sql`SELECT current_database() AS db, coalesce(max(version), 0)::text AS version FROM brands`,
  );
  const { db: name, version } = rows[0]!;
  const cached = cache.get(name);
  if (cached && cached.version === version) return cached.matcher;
  const { rows: brands } = await db.execute<{ id: string; name: string; terms: Record<string, string[]> }>(
    sql`SELECT id, name, terms FROM brands WHERE status = 'verified'`,
  );
  const matcher = new BrandMatcher(
    brands.map((b) => ({ brandId: b.id, name: b.name, terms: Object.values(b.terms).flat() })),
  );
  cache.set(name, { version, matcher });
  return matcher;
}

/**
 * The verified brands a listing names in its texts (titles, descriptions, in any language) or its
 * brand field.
 * @example
 * await findBrandMentions(tx, { texts: ['Marathon Root ginseng, 4 oz', '马拉松根花旗参'], brandField: null });
 * // → [{ brandId: 'brd_…', name: 'Marathon Root', matchedTerm: 'Marathon Root' }]
 */
export async function findBrandMentions(
  db: Db,
  input: { texts: readonly string[]; brandField: string | null },
): Promise<BrandMention[]> {
  return (await currentMatcher(db)).find(input);
}
