import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError } from '../api.ts';
import { type Me, postJson } from '../api-trust.ts';
import { afterSignInOrOut, apiQuery } from '../query.ts';

type Session = { state: 'loading' } | { state: 'signed-out' } | { state: 'signed-in'; me: Me };

/** Who is signed in (GET /me); `refresh` after signing in or out. */
function useSession(): [Session, () => void] {
  const me = useQuery(apiQuery<Me>('/me'));
  const refresh = () => void afterSignInOrOut();
  if (me.isPending) return [{ state: 'loading' }, refresh];
  // Any failure leaves the agent able to sign in; a 401 is the usual one.
  return [me.isSuccess ? { state: 'signed-in', me: me.data } : { state: 'signed-out' }, refresh];
}

function SignInForm({ onSignedIn, title }: { onSignedIn: () => void; title: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await postJson('/auth/login', { email, password });
      onSignedIn();
    } catch (err) {
      setError(
        err instanceof ApiError && err.status < 500
          ? 'Wrong email or password.'
          : 'Sign-in failed; try again.',
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="ops-form" onSubmit={submit} aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{title}</h2>
      <p>
        <label htmlFor="ops-email">Email</label>
        <br />
        <input
          id="ops-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </p>
      <p>
        <label htmlFor="ops-password">Password</label>
        <br />
        <input
          id="ops-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </p>
      {error && (
        <p role="alert" className="problem">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Sign in
      </button>
    </form>
  );
}

/**
 * The operations pages' gate: a sign-in form until someone with one of `roles` is signed in,
 * then the page, with who is signed in and a way out.
 */
export function StaffOnly({
  roles,
  what,
  children,
}: {
  roles: readonly string[];
  what: string;
  children: (me: Me) => ReactNode;
}) {
  const [session, refresh] = useSession();
  if (session.state === 'loading') return <p className="status">Loading…</p>;
  if (session.state === 'signed-out') return <SignInForm onSignedIn={refresh} title={`Sign in to ${what}`} />;
  const { me } = session;
  const signOut = () => postJson('/auth/logout', {}).finally(refresh);
  const allowed = me.roles.some((r) => roles.includes(r.role));
  return (
    <>
      <p className="signed-in">
        Signed in as {me.displayName} ({me.email}){' '}
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </p>
      {allowed ? (
        children(me)
      ) : (
        <p role="alert" className="problem">
          {what} needs the role {roles.join(' or ')}. Sign out and sign in with such an account.
        </p>
      )}
    </>
  );
}
