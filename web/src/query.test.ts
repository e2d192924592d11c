import { afterEach, describe, expect, it } from 'vitest';
import { apiQuery, invalidateApi, queryClient } from './query.ts';

const stale = (path: string, params: Record<string, string> = {}) =>
  queryClient.getQueryState(apiQuery(path, params).queryKey)?.isInvalidated;

describe('the query cache', () => {
  afterEach(() => queryClient.clear());

  it('keys a read by its path and parameters', () => {
    expect(apiQuery('/search', { q: 'rice', market: 'JP' }).queryKey).toEqual([
      '/search',
      { q: 'rice', market: 'JP' },
    ]);
  });

  it('marks stale only the reads under the paths a change touches', async () => {
    for (const path of [
      '/trust/queues',
      '/trust/queues/brand_verifications',
      '/trust/figures',
      '/sellers/s1/orders',
    ])
      queryClient.setQueryData(apiQuery(path).queryKey, {});
    queryClient.setQueryData(apiQuery('/sellers/s1/orders', { status: 'paid' }).queryKey, {});
    await invalidateApi('/trust/queues', '/sellers/s1/');
    expect(stale('/trust/queues')).toBe(true);
    expect(stale('/trust/queues/brand_verifications')).toBe(true);
    expect(stale('/sellers/s1/orders')).toBe(true);
    expect(stale('/sellers/s1/orders', { status: 'paid' })).toBe(true);
    expect(stale('/trust/figures')).toBe(false);
  });
});
