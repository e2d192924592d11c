import { LOCALES, type Locale } from '../../../kernel/locales.ts';
import { type CurrencyCode, formatDecimal, type Money, minorUnits } from '../../../money/index.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';
import { ko } from './ko.ts';
import type { AmountKey, ExplainStrings } from './types.ts';
import { zhHans } from './zh-hans.ts';
import { zhHant } from './zh-hant.ts';

export type { AmountKey, ExplainStrings } from './types.ts';

export const STRINGS: Record<Locale, ExplainStrings> = { en, 'zh-Hans': zhHans, 'zh-Hant': zhHant, ja, ko };

/** Language tag → Heartland locale. Chinese follows its script, or its region when no script is given. */
function localeOfTag(tag: string): Locale | null {
  const t = tag.trim().toLowerCase();
  if (t.startsWith('zh')) return /hant|-tw|-hk|-mo/.test(t) ? 'zh-Hant' : 'zh-Hans';
  for (const l of ['en', 'ja', 'ko'] as const) if (t === l || t.startsWith(`${l}-`)) return l;
  return null;
}

/**
 * The best Heartland locale for an Accept-Language header (RFC 9110 §12.5.4: highest q first,
 * then order), or null when it names none of them. Malformed parts are skipped, never an error.
 */
export function negotiateLocale(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .slice(0, 1000)
    .split(',')
    .slice(0, 30)
    .map((part, i) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)).find(Boolean);
      return { locale: localeOfTag(tag), q: q ? Number(q[1]) : 1, i };
    })
    .filter((x) => x.locale !== null && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.locale ?? null;
}

export const isSupportedLocale = (s: string): s is Locale => (LOCALES as readonly string[]).includes(s);

/** An amount's name: the regime's own name for it, else the market's, else the general one. */
export function labelFor(strings: ExplainStrings, key: AmountKey, market: string, regime?: string): string {
  const l = strings.amounts[key];
  return (regime && l.byMarket?.[regime]) || l.byMarket?.[market] || l.default;
}

/** Exact decimal text of minor units ("40399" CNY → "403.99"); Intl formats strings without a float. */
const majorText = (m: Money) => {
  const neg = m.amount < 0n;
  const text = formatDecimal({ units: neg ? -m.amount : m.amount, scale: minorUnits(m.currency) });
  return neg ? `-${text}` : text;
};

const FORMATTERS = new Map<Locale, Formatter>();

/** The formatter of a locale, built once: constructing Intl formatters costs far more than using them. */
export function formatterFor(locale: Locale): Formatter {
  let f = FORMATTERS.get(locale);
  if (!f) {
    f = new Formatter(locale);
    FORMATTERS.set(locale, f);
  }
  return f;
}

/** Intl formatters for one locale, built once per (locale, currency). */
export class Formatter {
  private readonly money = new Map<CurrencyCode, Intl.NumberFormat>();
  private readonly percent: Intl.NumberFormat;
  private readonly plain: Intl.NumberFormat;
  private readonly date: Intl.DateTimeFormat;

  // Formatting with Intl costs microseconds per call and a breakdown repeats its figures (the
  // dutiable value appears in four sentences): remember recent results, bounded.
  private readonly memo = new Map<string, string>();
  private remember(key: string, make: () => string): string {
    let v = this.memo.get(key);
    if (v === undefined) {
      if (this.memo.size >= 20_000) this.memo.clear();
      v = make();
      this.memo.set(key, v);
    }
    return v;
  }

  readonly locale: Locale;

  constructor(locale: Locale) {
    this.locale = locale;
    this.percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
    this.plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 12 });
    this.date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  }

  /** Money in the locale's style with the currency's own minor units (¥403.99, ￥12,345, ₩1,000). */
  amount(m: Money): string {
    return this.remember(`m${m.currency}${m.amount}`, () => this.formatAmount(m));
  }

  private formatAmount(m: Money): string {
    let f = this.money.get(m.currency);
    if (!f) {
      const digits = minorUnits(m.currency);
      f = new Intl.NumberFormat(this.locale, {
        style: 'currency',
        currency: m.currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      this.money.set(m.currency, f);
    }
    return f.format(majorText(m) as unknown as number);
  }

  /** A rate given as an exact decimal string ("0.091" → "9.1%"); `approx` marks a rounded display. */
  rate(decimal: string, approx = false): string {
    return this.remember(
      `r${approx}${decimal}`,
      () => `${approx ? '≈' : ''}${this.percent.format(decimal as unknown as number)}`,
    );
  }

  /** A plain decimal such as an FX rate, digits kept ("7.1200" → "7.12"). */
  number(decimal: string): string {
    return this.remember(`n${decimal}`, () => this.plain.format(decimal as unknown as number));
  }

  /** A calendar date YYYY-MM-DD in the locale's long form (2019年1月1日, January 1, 2019). */
  day(isoDate: string): string {
    return this.remember(`d${isoDate}`, () => this.date.format(new Date(`${isoDate}T00:00:00Z`)));
  }
}
