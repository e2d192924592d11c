import { useRef } from 'react';
import { type Loaded, useApi } from '../use-api.ts';

/**
 * useApi that keeps showing the last answer for the same `subject` while it reloads (after a
 * decision), so a case view does not blank out and lose the agent's place. Another subject, or
 * the first load, shows 'loading'.
 */
export function useKeptApi<T>(load: () => Promise<T>, subject: string, version: number): Loaded<T> {
  const result = useApi(load, [subject, version]);
  const last = useRef<{ subject: string; ready: Loaded<T> } | null>(null);
  if (result.state === 'ready') last.current = { subject, ready: result };
  return result.state === 'loading' && last.current?.subject === subject ? last.current.ready : result;
}
