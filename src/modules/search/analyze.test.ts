import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigrams, stem, tokenize, units } from './analyze.ts';
import { type Expr, planQuery } from './query-plan.ts';
import { compileSynonyms, defaultSynonyms } from './synonyms.ts';

const noSynonyms = compileSynonyms({ note: 'none', version: 1, groups: [] });

/** Evaluates a query expression against a document's terms, the way PostgreSQL's @@ does. */
function matches(e: Expr, terms: Set<string>): boolean {
  if ('term' in e) return e.prefix ? [...terms].some((t) => t.startsWith(e.term)) : terms.has(e.term);
  if ('and' in e) return e.and.every((x) => matches(x, terms));
  return e.or.some((x) => matches(x, terms));
}

describe('tokenize', () => {
  it('folds width and case (NFKC) and Traditional to Simplified', () => {
    expect(tokenize('ＵＳ有機大豆５００ｇ')).toEqual(['us', '有机', '机大', '大豆', '有机大豆', '500g']);
    expect(tokenize('威斯康星花旗蔘')).toEqual(tokenize('威斯康星花旗参'));
    expect(tokenize('楓糖漿')).toEqual(['枫糖', '糖浆', '枫糖浆']);
  });

  it('gives overlapping bigrams across ICU’s single-character splits of transliterations', () => {
    // ICU splits 威斯康星 into 威·斯·康·星 (reference B.2); the run is still whole here.
    expect(tokenize('威斯康星州切达奶酪')).toEqual([
      ...['威斯', '斯康', '康星', '星州', '州切', '切达', '达奶', '奶酪'],
      '威斯康星州切达奶酪',
    ]);
    expect(bigrams('参')).toEqual(['参']);
  });

  it('keeps kana, Han and Hangul runs apart and splits Korean compounds into bigrams', () => {
    expect(units('ウィスコンシン产アメリカ人参')).toEqual([
      { script: 'kana', text: 'ウィスコンシン' },
      { script: 'han', text: '产' },
      { script: 'kana', text: 'アメリカ' },
      { script: 'han', text: '人参' },
    ]);
    expect(tokenize('유기농대두')).toEqual(['유기', '기농', '농대', '대두', '유기농대두']);
    expect(tokenize('위스콘신 미국 인삼')).toContain('인삼');
  });

  it('stems English plurals and keeps apostrophes out of words', () => {
    const table: [string, string][] = [
      ['cherries', 'cherry'],
      ['cranberries', 'cranberry'],
      ['boxes', 'box'],
      ['peaches', 'peach'],
      ['tomatoes', 'tomato'],
      ['shoes', 'shoe'],
      ['roots', 'root'],
      ['glass', 'glass'],
      ['asparagus', 'asparagus'],
      ['oats', 'oat'],
      ['500g', '500g'],
    ];
    for (const [word, expected] of table) expect(stem(word), word).toBe(expected);
    expect(tokenize("Farmer's Cherries")).toEqual(['farmers', 'farmer', 'cherries', 'cherry']);
  });

  it('emits only letters, marks and digits, so PostgreSQL keeps each term as one lexeme', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        for (const t of tokenize(s)) expect(t).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
      }),
      // ⺀ is in the Han script but is a symbol (a radical): it once came out as a term.
      { numRuns: 500, examples: [['⺀⺀'], ['々〆〇']] },
    );
  });

  it('finds every document that contains the query text, in any of the scripts', () => {
    const han = [...'花旗参大豆美国威斯康星切达奶酪蜂蜜枫糖浆明尼苏达'];
    const kana = [...'アメリカウィスコンシンチェダーはちみつメープルシロップ'];
    const hangul = [...'위스콘신미국인삼유기농대두메이플시럽'];
    const latin = [...'abcdefghijklmnopqrstuvwxyz'];
    const word = fc.oneof(
      ...[han, kana, hangul, latin].map((chars) =>
        fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
      ),
    );
    const text = fc.array(word, { maxLength: 4 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(text, word, text, (before, query, after) => {
        const doc = new Set(tokenize(`${before} ${query} ${after}`));
        for (const g of planQuery(query, noSynonyms).groups) expect(matches(g.expr, doc)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('query plan', () => {
  it('expands a synonym into one OR group, wherever it sits in a CJK run', () => {
    const plan = planQuery('威斯康星西洋蔘');
    expect(plan.groups.map((g) => g.synonym ?? null)).toEqual(['american-ginseng', null]);
    const ginseng = plan.groups[0]!.expr;
    expect(matches(ginseng, new Set(tokenize('Wisconsin American Ginseng')))).toBe(true);
    expect(matches(ginseng, new Set(tokenize('위스콘신 미국 인삼')))).toBe(true);
    expect(matches(ginseng, new Set(tokenize('ミシガン産人参ジュース')))).toBe(false);
  });

  it('matches Latin synonym terms by stem and whole words only', () => {
    expect(planQuery('dried cranberries').groups.map((g) => g.synonym ?? null)).toEqual([null, 'cranberry']);
    expect(planQuery('honeycrisp').groups[0]!.synonym).toBeUndefined();
    expect(planQuery('American  GINSENG').groups).toHaveLength(1);
  });

  it('marks plain Latin words for typo matching, not numbers or synonyms', () => {
    const plan = planQuery('ginsing 500 honey');
    expect(plan.groups.map((g) => g.fuzzy ?? null)).toEqual(['ginsing', null, null]);
  });

  it('refuses a synonyms file with a duplicate group or a term without letters', () => {
    const group = { id: 'a', note: 'n', terms: ['x', 'y'] };
    expect(() => compileSynonyms({ note: 'n', version: 1, groups: [group, group] })).toThrow(/duplicate/);
    expect(() =>
      compileSynonyms({ note: 'n', version: 1, groups: [{ ...group, terms: ['x', '!!'] }] }),
    ).toThrow(/no letters/);
    expect(() =>
      compileSynonyms({ note: 'n', version: 1, groups: [{ id: 'a', terms: ['x', 'y'] }] }),
    ).toThrow();
  });

  it('ships every required group in data/search/synonyms.json', () => {
    const ids = defaultSynonyms().groups.map((g) => g.id);
    for (const id of ['american-ginseng', 'wild-rice', 'maple-syrup', 'cheddar', 'cranberry', 'beef-jerky']) {
      expect(ids).toContain(id);
    }
    expect(ids).toEqual(expect.arrayContaining(['popcorn', 'honey']));
  });
});
