import { describe, expect, it } from 'vitest';
import { atLeastShare, shareString } from './ratio.ts';

describe('shares as decimal strings', () => {
  it('refuses a share that is not a plain decimal', () => {
    expect(() => atLeastShare(1, 1, '.9')).toThrow();
  });

  it('compares n/d with a share without floating point', () => {
    expect(atLeastShare(9, 10, '0.9')).toBe(true);
    expect(atLeastShare(10, 11, '0.9')).toBe(true); // 0.909…
    expect(atLeastShare(10, 12, '0.9')).toBe(false); // 0.833…
    expect(atLeastShare(0, 0, '0.9')).toBe(true);
  });

  it('rounds half to even', () => {
    expect(shareString(2, 3)).toBe('0.6667');
    expect(shareString(1, 8, 2)).toBe('0.12'); // 0.125 → even
    expect(shareString(3, 8, 2)).toBe('0.38'); // 0.375 → even
    expect(shareString(1, 1)).toBe('1.0000');
    expect(shareString(57, 2, 1)).toBe('28.5');
    expect(shareString(1, 0)).toBeNull();
  });
});
