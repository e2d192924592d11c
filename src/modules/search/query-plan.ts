import { bigrams, normalize, stem, type Unit, units } from './analyze.ts';
import { defaultSynonyms, matchSynonym, type SynonymGroup, type SynonymSet } from './synonyms.ts';

/** A boolean query over index terms, rendered to PostgreSQL tsquery text. */
export type Expr = { and: Expr[] } | { or: Expr[] } | { term: string; prefix?: boolean };

/** One word of the query: every group must match (AND across groups). */
export interface QueryGroup {
  expr: Expr;
  /** A plain Latin word that may be corrected by trigram similarity (typos: ginsing → ginseng). */
  fuzzy?: string;
  /** The synonym group this word was expanded from. */
  synonym?: string;
}

export interface QueryPlan {
  groups: QueryGroup[];
}

/** More words than this in one query are ignored (a query is a few words, not a document). */
export const MAX_QUERY_GROUPS = 16;

const and = (xs: Expr[]): Expr => (xs.length === 1 ? xs[0]! : { and: xs });
const or = (xs: Expr[]): Expr => (xs.length === 1 ? xs[0]! : { or: xs });

/**
 * The query form of one unit, consistent with `unitTerms` on the index side: a Latin word
 * matches itself or its stem; a CJK/Hangul run matches when ALL its bigrams are present
 * (花旗参 → 花旗 & 旗参); a single character matches any term it starts (꿀 → 꿀, 꿀벌).
 */
export function unitExpr(u: Unit): Expr {
  if (u.script === 'latin') {
    const s = stem(u.text);
    return s === u.text ? { term: s } : or([{ term: u.text }, { term: s }]);
  }
  const grams = bigrams(u.text);
  if (grams.length === 1 && [...u.text].length === 1) return { term: u.text, prefix: true };
  return and([...new Set(grams)].map((term) => ({ term })));
}

function synonymExpr(g: SynonymGroup): Expr {
  return or(g.terms.map((term) => and(term.map(unitExpr))));
}

/** Splits a query into word groups, expanding synonyms into OR groups. */
export function planQuery(q: string, synonyms: SynonymSet = defaultSynonyms()): QueryPlan {
  const work = units(normalize(q));
  const groups: QueryGroup[] = [];
  const seenSynonyms = new Set<string>();
  let i = 0;
  while (i < work.length && groups.length < MAX_QUERY_GROUPS) {
    const m = matchSynonym(synonyms, work, i);
    if (m) {
      // What surrounds a term inside a CJK run is looked at again, in place.
      work.splice(i, m.consumed, ...m.rest);
      if (!seenSynonyms.has(m.group.id)) {
        seenSynonyms.add(m.group.id);
        groups.push({ expr: synonymExpr(m.group), synonym: m.group.id });
      }
      continue;
    }
    const u = work[i]!;
    const group: QueryGroup = { expr: unitExpr(u) };
    if (u.script === 'latin' && u.text.length >= 3 && !/^\d+$/.test(u.text)) group.fuzzy = u.text;
    groups.push(group);
    i++;
  }
  return { groups: dedupe(groups) };
}

function dedupe(groups: QueryGroup[]): QueryGroup[] {
  const seen = new Set<string>();
  return groups.filter((g) => {
    const key = renderTsQuery(g.expr);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** tsquery weight classes: A = titles and brand, B = category names and origin state, C = descriptions. */
export type Weights = 'A' | 'AB';

// Terms are letters, marks and digits only (see analyze.ts); quoting keeps them literal anyway.
const quote = (t: string) => `'${t.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/**
 * tsquery text for `to_tsquery('simple', …)`. With `weight` every term is restricted to those
 * weight classes, which tells a title match from a description one.
 */
export function renderTsQuery(e: Expr, weight?: Weights): string {
  if ('term' in e) {
    const suffix = e.prefix ? `:*${weight ?? ''}` : weight ? `:${weight}` : '';
    return quote(e.term) + suffix;
  }
  const parts = ('and' in e ? e.and : e.or).map((x) => renderTsQuery(x, weight));
  return `(${parts.join('and' in e ? ' & ' : ' | ')})`;
}

export function renderGroups(groups: readonly QueryGroup[], weight?: Weights): string | null {
  if (groups.length === 0) return null;
  return renderTsQuery(and(groups.map((g) => g.expr)), weight);
}

/**
 * Suggestions: like a query, but the last Latin word is a prefix (ging → ginseng). A CJK or
 * Hangul run cut in the middle of a word (花旗 of 花旗参) needs nothing special: its bigrams are
 * all in the full word; a single character is a prefix of the bigrams it starts.
 */
export function planPrefix(prefix: string, synonyms: SynonymSet = defaultSynonyms()): string | null {
  const work = units(normalize(prefix));
  if (work.length === 0) return null;
  const last = work[work.length - 1]!;
  const head = planQuery(
    work
      .slice(0, -1)
      .map((u) => u.text)
      .join(' '),
    synonyms,
  ).groups.map((g) => g.expr);
  const tail: Expr = last.script === 'latin' ? { term: last.text, prefix: true } : unitExpr(last);
  // Suggestions are titles: a word met only in a description does not make one.
  return renderTsQuery(and([...head, tail]), 'AB');
}
