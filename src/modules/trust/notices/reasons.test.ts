import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../kernel/locales.ts';
import { noticeReasons, parseNoticeReasons } from './reasons.ts';

describe('notice reason codes (data/trust/notice-reasons.json)', () => {
  it('has five-language labels, a source and a severity for each code', () => {
    const { reasons, counterNoticeFilingWindowDays } = noticeReasons();
    expect(counterNoticeFilingWindowDays).toBe(14);
    for (const r of reasons.values()) {
      expect(Object.keys(r.labels).sort()).toEqual([...LOCALES].sort());
      expect(r.source.length).toBeGreaterThan(20);
    }
    const serious = (code: string) => reasons.get(code)?.serious;
    expect(serious('counterfeit')).toBe(true);
    expect(serious('trademark_misuse')).toBe(true);
    expect(serious('copyright_image')).toBe(false);
    expect(serious('patent')).toBe(false);
    expect(serious('unauthorized_seller')).toBe(false);
  });

  it('refuses a file with a label missing', () => {
    const raw = {
      about: 'x',
      counterNoticeFilingWindowDays: { days: 14, source: 'x' },
      reasons: { patent: { labels: { en: 'Patent' }, rightsKinds: ['patent'], serious: false, source: 'x' } },
    };
    expect(() => parseNoticeReasons(raw)).toThrow();
  });
});
