import { describe, expect, it } from 'vitest';
import type { Locale } from './define.ts';
import { formatMessage, pluralForms } from './format-message.ts';
import { LOCALES, MESSAGES, type MessageKey } from './messages.ts';

describe('formatMessage', () => {
  it('fills plain placeholders and leaves an unknown one showing', () => {
    expect(formatMessage('Sold by {seller}', 'en', { seller: 'Acme' })).toBe('Sold by Acme');
    expect(formatMessage('Order {id}', 'en')).toBe('Order {id}');
  });

  it('picks the English form by the count: 1 item, 2 items, 0 items', () => {
    const cart = MESSAGES.en.cartLink;
    expect(formatMessage(cart, 'en', { count: 1 })).toBe('Cart, 1 item');
    expect(formatMessage(cart, 'en', { count: 2 })).toBe('Cart, 2 items');
    expect(formatMessage(cart, 'en', { count: 0 })).toBe('Cart, 0 items');
    expect(formatMessage(MESSAGES.en.results, 'en', { count: 1 })).toBe('1 result');
    expect(formatMessage(MESSAGES.en.results, 'en', { count: 1234 })).toBe('1,234 results');
  });

  it('uses the one form Chinese, Japanese and Korean have, with the count in locale digits', () => {
    expect(formatMessage(MESSAGES['zh-Hans'].cartLink, 'zh-Hans', { count: 1 })).toBe('购物车，1 件');
    expect(formatMessage(MESSAGES.ja.results, 'ja', { count: 1234 })).toBe('1,234 件');
    expect(formatMessage(MESSAGES.ko.cartLink, 'ko', { count: 3 })).toBe('장바구니, 3개');
  });

  it('fills two counts and a plain value in one message', () => {
    expect(formatMessage(MESSAGES.en.impactExportsNote, 'en', { orders: 1, businesses: 3 })).toBe(
      '1 order delivered by 3 businesses',
    );
    expect(formatMessage(MESSAGES.en.rating, 'en', { average: '4.5', count: 1 })).toBe(
      '4.5 out of 5 (1 review)',
    );
    expect(formatMessage(MESSAGES.en.verifyScannedBefore, 'en', { count: 1, markets: 'Japan' })).toBe(
      'This code has been checked once before, in: Japan.',
    );
  });

  it('prefers an exact =n form', () => {
    expect(formatMessage('{n, plural, =0 {none} one {# left} other {# left}}', 'en', { n: 0 })).toBe('none');
  });

  it('reads the forms of a plural', () => {
    expect([...pluralForms(' one {# item} other {# items}')]).toEqual([
      ['one', '# item'],
      ['other', '# items'],
    ]);
  });
});

/** The end of the `{…}` opened at `open`. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`Unbalanced: ${text}`);
}

/** The plural blocks of a message: the variable counted and the text of its forms. */
function plurals(message: string): { name: string; options: string }[] {
  const out: { name: string; options: string }[] = [];
  for (let at = message.indexOf('{'); at >= 0; ) {
    const end = closing(message, at);
    const m = /^\{(\w+),\s*plural,/.exec(message.slice(at, end));
    if (m) {
      const options = message.slice(at + m[0].length, end);
      out.push({ name: m[1]!, options });
      for (const form of pluralForms(options).values()) out.push(...plurals(form));
    }
    at = message.indexOf('{', end + 1);
  }
  return out;
}

/** The variables a message counts with, and those it only shows (plural forms' own text aside). */
function placeholders(message: string): { counted: string[]; shown: string[] } {
  const blocks = plurals(message);
  const counted = blocks.map((b) => b.name);
  let plain = message;
  for (const b of blocks) plain = plain.replace(b.options, ' ');
  const shown = [...plain.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  for (const b of blocks)
    for (const form of pluralForms(b.options).values())
      shown.push(...[...form.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
  return {
    counted: [...new Set(counted)].sort(),
    shown: [...new Set(shown)].filter((n) => !counted.includes(n)).sort(),
  };
}

describe('every count message, in all five languages', () => {
  const keys = Object.keys(MESSAGES.en) as MessageKey[];
  const countKeys = keys.filter((k) => placeholders(MESSAGES.en[k]).counted.length > 0);

  it('finds the count messages', () => {
    expect(countKeys).toEqual(
      expect.arrayContaining([
        'cartLink',
        'results',
        'rating',
        'impactOrders',
        'impactGoal',
        'impactBusinessesNote',
        'impactExportsNote',
        'verifyScannedBefore',
      ]),
    );
  });

  it('no English message writes a count as a bare {count} next to a plural noun', () => {
    const bare = keys.filter((k) =>
      /\{(count|orders|farms|small|businesses)\} [a-z]+s\b/.test(MESSAGES.en[k]),
    );
    expect(bare).toEqual([]);
  });

  it.each(LOCALES)(
    '%s counts the same variables as English, with a form for each of its plural categories',
    (locale: Locale) => {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const key of keys) {
        const message = MESSAGES[locale][key];
        expect(placeholders(message), `${locale} ${key}`).toEqual(placeholders(MESSAGES.en[key]));
        for (const block of plurals(message)) {
          const forms = pluralForms(block.options);
          for (const c of categories) expect(forms.has(c), `${locale} ${key} lacks the ${c} form`).toBe(true);
        }
        // And the message comes out whole for 0, 1, 2 and 5.
        const { counted, shown } = placeholders(message);
        for (const n of [0, 1, 2, 5]) {
          const vars = Object.fromEntries([...counted, ...shown].map((v) => [v, n]));
          expect(formatMessage(message, locale, vars), `${locale} ${key}`).not.toMatch(/[{}]|#/);
        }
      }
    },
  );
});
