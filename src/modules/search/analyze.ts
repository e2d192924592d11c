import * as OpenCC from 'opencc-js/t2cn';

/**
 * The one text analyzer for documents AND queries: what is indexed is exactly what a query
 * is compared with. Steps: NFKC → lowercase → Traditional→Simplified (OpenCC) → word segments
 * (ICU via `Intl.Segmenter`) → script runs. Han, Kana and Hangul runs also give overlapping
 * character bigrams, because ICU splits transliterated names (威斯康星, 切达) into single
 * characters and does not split Korean compounds (유기농대두) at all
 * (see ../shared/reference/search-cjk.md, B.2).
 *
 * Bump ANALYZER_VERSION whenever the output for some input changes: the index must be rebuilt.
 */
export const ANALYZER_VERSION = 1;

/** ICU's dictionaries ship with Node; a different ICU can segment differently. */
export const ANALYZER_ID = `v${ANALYZER_VERSION}/icu-${process.versions.icu ?? 'none'}`;

// Converters are costly to build: one for the process. `t` → `cn` folds HK/TW forms as well.
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
// The locale does not change ICU's word breaks (B.2): one reused segmenter.
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

export type Script = 'han' | 'kana' | 'hangul' | 'latin';

/** A run of one script inside a word, in the order of the text. */
export interface Unit {
  script: Script;
  text: string;
}

const HAN = /[\p{Script=Han}\u3005\u3006\u3007]/u; // + 々 〆 〇, which Unicode files under Common
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}\u30fc\u30fb]/u; // + ー; ・ is split out below
const HANGUL = /\p{Script=Hangul}/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const APOSTROPHES = /['\u2019\u02bc]/gu;

/** NFKC, lowercase, Traditional→Simplified. Full-width Latin and digits become ASCII. */
export function normalize(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase());
}

function scriptOf(ch: string): Script | null {
  // Only letters, marks and digits make terms: the Han script also holds radicals (⺀, a symbol).
  if (!WORD_CHAR.test(ch)) return null;
  if (HAN.test(ch)) return 'han';
  if (KANA.test(ch)) return 'kana';
  if (HANGUL.test(ch)) return 'hangul';
  return 'latin';
}

/**
 * Splits normalized text into units. CJK and Hangul runs are joined across ICU's word
 * breaks when nothing separates them (威·斯·康·星 → 威斯康星), so bigrams span the whole run;
 * Latin-like words stay one unit each, with apostrophes dropped (farmer's → farmers).
 */
export function units(normalized: string): Unit[] {
  const out: Unit[] = [];
  let run: Unit | null = null;
  for (const s of segmenter.segment(normalized)) {
    // Segments tile the text, so two word-like segments in a row touch: a CJK run goes on.
    if (!s.isWordLike) {
      if (run) out.push(run);
      run = null;
      continue;
    }
    for (const ch of s.segment.replace(APOSTROPHES, '')) {
      const script = scriptOf(ch);
      if (run && run.script === script) {
        run.text += ch;
        continue;
      }
      if (run) out.push(run);
      run = script === null ? null : { script, text: ch };
    }
    // A Latin word ends with its segment.
    if (run?.script === 'latin') {
      out.push(run);
      run = null;
    }
  }
  if (run) out.push(run);
  return out;
}

const OES_EXCEPTIONS = new Set(['shoes', 'canoes', 'hoes', 'toes', 'oboes', 'floes']);

/** A light English plural stemmer (cherries → cherry, boxes → box, oats → oat); enough for titles. */
export function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(sses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('oes') && !OES_EXCEPTIONS.has(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Overlapping character bigrams; a one-character run is its own unigram. */
export function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length <= 1) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** The index terms of one unit: a Latin word and its stem, or a CJK/Hangul run's bigrams (+ the run when longer than two). */
export function unitTerms(u: Unit): string[] {
  if (u.script === 'latin') {
    const s = stem(u.text);
    return s === u.text ? [u.text] : [u.text, s];
  }
  const grams = bigrams(u.text);
  // A long run is also kept whole (ウィスコンシン, 유기농대두): an exact match then ranks higher.
  return [...u.text].length > 2 ? [...grams, u.text] : grams;
}

/**
 * Terms for the index (and, grouped, for queries): NFKC, lowercase, Traditional→Simplified,
 * words, CJK/Hangul bigrams, English plural stems. Each term is letters, marks and digits only,
 * so PostgreSQL's `simple` parser keeps it as one lexeme.
 *
 * @example tokenize('威斯康星花旗蔘') // ['威斯', '斯康', '康星', '星花', '花旗', '旗参', '威斯康星花旗参']
 */
export function tokenize(text: string): string[] {
  return units(normalize(text)).flatMap(unitTerms);
}
