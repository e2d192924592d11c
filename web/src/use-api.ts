import { useEffect, useState } from 'react';
import type { ApiError } from './api.ts';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError | Error }
  | { state: 'ready'; data: T };

/** Loads with `load` whenever `deps` change; a late answer for old deps is dropped. */
export function useApi<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const key = JSON.stringify(deps);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is new each render; `deps` (as `key`) names what it reads
  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    load().then(
      (data) => current && setResult({ state: 'ready', data }),
      (error: Error) => current && setResult({ state: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return result;
}
