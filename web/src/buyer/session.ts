import { useQuery } from '@tanstack/react-query';
import type { UserJson } from '../api-buyer.ts';
import { afterSignInOrOut, apiQuery } from '../query.ts';

export type Session = { state: 'loading' } | { state: 'signed-out' } | { state: 'signed-in'; user: UserJson };

/** Who is signed in (GET /me); a 401 means nobody. `reload` asks again after sign-in or sign-out. */
export function useSession(): [Session, () => void] {
  const me = useQuery(apiQuery<UserJson>('/me'));
  const reload = () => void afterSignInOrOut();
  if (me.isPending) return [{ state: 'loading' }, reload];
  // Any failure leaves the buyer able to sign in; a 401 is the usual one.
  return [me.isSuccess ? { state: 'signed-in', user: me.data } : { state: 'signed-out' }, reload];
}

/** Where to go after signing in, kept in the sign-in link: only a path on this site. */
export function signInHref(next: string): string {
  return `/sign-in?next=${encodeURIComponent(next)}`;
}
