/**
 * Fills a message: `{name}` takes a variable as given; `{name, plural, one {# item} other {# items}}`
 * picks the form for the count by the locale's plural rules (Intl.PluralRules: English has one and
 * other, Chinese, Japanese and Korean only other), `=0`-style exact forms first, and writes `#` as
 * the count in the locale's digits. An unknown variable is left as `{name}` so a gap shows.
 */
export function formatMessage(
  template: string,
  locale: string,
  vars: Record<string, string | number> = {},
): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = template.indexOf('{', at);
    if (open < 0) return out + template.slice(at);
    const close = closing(template, open);
    out += template.slice(at, open) + placeholder(template.slice(open + 1, close), locale, vars);
    at = close + 1;
  }
}

const PLURAL = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/;

function placeholder(body: string, locale: string, vars: Record<string, string | number>): string {
  const plural = PLURAL.exec(body);
  if (!plural) {
    const name = body.trim();
    return name in vars ? String(vars[name]) : `{${body}}`;
  }
  const name = plural[1]!;
  const count = Number(vars[name]);
  if (!(name in vars) || !Number.isFinite(count)) return `{${name}}`;
  const forms = pluralForms(plural[2]!);
  const form =
    forms.get(`=${count}`) ?? forms.get(pluralRules(locale).select(count)) ?? forms.get('other') ?? '';
  return formatMessage(form.replaceAll('#', numberFormat(locale).format(count)), locale, vars);
}

/** ` one {# item} other {# items}` → one → "# item", other → "# items". */
export function pluralForms(options: string): Map<string, string> {
  const forms = new Map<string, string>();
  let at = 0;
  for (;;) {
    const open = options.indexOf('{', at);
    if (open < 0) return forms;
    const close = closing(options, open);
    forms.set(options.slice(at, open).trim(), options.slice(open + 1, close));
    at = close + 1;
  }
}

function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`Unbalanced braces in message: ${text}`);
}

const rules = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();

function pluralRules(locale: string): Intl.PluralRules {
  const r = rules.get(locale) ?? new Intl.PluralRules(locale);
  rules.set(locale, r);
  return r;
}

function numberFormat(locale: string): Intl.NumberFormat {
  const f = numbers.get(locale) ?? new Intl.NumberFormat(locale);
  numbers.set(locale, f);
  return f;
}
