import { describe, expect, it } from 'vitest';
import { maskDisplayName, ratingSummary } from './review-view.ts';

describe('rating summary', () => {
  it.each([
    [[], 0, null],
    [[[5, 1]], 1, '5.0'],
    [
      [
        [4, 1],
        [5, 1],
      ],
      2,
      '4.5',
    ],
    [
      [
        [5, 2],
        [4, 1],
      ],
      3,
      '4.7',
    ], // 14/3 = 4.666…
    [
      [
        [1, 1],
        [2, 2],
      ],
      3,
      '1.7',
    ], // 5/3 = 1.666…
    [
      [
        [4, 1],
        [5, 3],
        [1, 4],
      ],
      8,
      '2.9',
    ], // 23/8 = 2.875
    [
      [
        [4, 3],
        [5, 1],
      ],
      4,
      '4.3',
    ], // 17/4 = 4.25: half up
    [
      [
        [3, 7],
        [4, 1],
      ],
      8,
      '3.1',
    ], // 25/8 = 3.125
  ] as [[number, number][], number, string | null][])(
    '%j → %i reviews, average %s',
    (counts, count, average) => {
      const s = ratingSummary(new Map(counts));
      expect([s.count, s.average]).toEqual([count, average]);
      expect(Object.values(s.histogram).reduce((a, b) => a + b, 0)).toBe(count);
    },
  );
});

describe('masked buyer names', () => {
  it.each([
    ['Kim Min-jun', 'K***n'],
    ['kim@reviews.test', 'k***m'],
    ['李伟', '李*'],
    ['佐藤美咲', '佐***咲'],
    ['J', 'J*'],
    ['   ', '***'],
  ])('%s → %s', (name, masked) => {
    expect(maskDisplayName(name)).toBe(masked);
  });
});
