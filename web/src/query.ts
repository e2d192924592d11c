import { QueryClient, queryOptions } from '@tanstack/react-query';
import { getJson } from './api.ts';

/**
 * The app's one cache of server state. A failed read shows its error at once (a 404 or 403 will
 * not change by asking again, and pages tell the shopper what to do); reads are not refetched on
 * window focus, so a form being filled in does not jump.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

type Params = Record<string, string | undefined>;

/**
 * A GET of the API as a query: keyed by its path and parameters, fetched by the one JSON client
 * (a problem+json answer becomes an ApiError with its stable code).
 */
export function apiQuery<T>(path: string, params: Params = {}) {
  return queryOptions({
    queryKey: [path, params] as const,
    queryFn: () => getJson<T>(path, params),
  });
}

/** Marks every cached read whose path starts with one of `prefixes` stale (active ones refetch). */
export function invalidateApi(...prefixes: string[]): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (q) => {
      const path = q.queryKey[0];
      return typeof path === 'string' && prefixes.some((p) => path.startsWith(p));
    },
  });
}

/** After signing in or out every answer may differ (they depend on who asks): ask again. */
export function afterSignInOrOut(): Promise<void> {
  return queryClient.invalidateQueries();
}
