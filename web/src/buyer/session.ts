import { useEffect, useState } from 'react';
import { ApiError, getJson } from '../api.ts';
import type { UserJson } from '../api-buyer.ts';

export type Session = { state: 'loading' } | { state: 'signed-out' } | { state: 'signed-in'; user: UserJson };

/** Who is signed in (GET /me); a 401 means nobody. `reload` asks again after sign-in or sign-out. */
export function useSession(): [Session, () => void] {
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` changes to ask again
  useEffect(() => {
    let current = true;
    getJson<UserJson>('/me').then(
      (user) => current && setSession({ state: 'signed-in', user }),
      (e: unknown) => {
        if (!current) return;
        // Any failure leaves the buyer able to sign in; a 401 is the usual one.
        if (e instanceof ApiError || e instanceof Error) setSession({ state: 'signed-out' });
      },
    );
    return () => {
      current = false;
    };
  }, [round]);
  return [session, () => setRound((r) => r + 1)];
}

/** Where to go after signing in, kept in the sign-in link: only a path on this site. */
export function signInHref(next: string): string {
  return `/sign-in?next=${encodeURIComponent(next)}`;
}
