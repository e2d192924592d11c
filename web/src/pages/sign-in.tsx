import '../buyer/buyer.css';
import { type FormEvent, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { sendJson } from '../api-buyer.ts';
import { useSession } from '../buyer/session.ts';
import { useShopper } from '../i18n/context.tsx';

/** Sign in with email and password (an HTTP-only session cookie), or sign out. */
export default function SignIn() {
  const { t } = useShopper();
  const [, navigate] = useLocation();
  const next = new URLSearchParams(useSearch()).get('next') ?? '/orders';
  const safeNext = next.startsWith('/') && !next.startsWith('//') ? next : '/orders';
  const [session, reload] = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailed(false);
    try {
      await sendJson('POST', '/auth/login', { email, password });
      navigate(safeNext);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  const signOut = async () => {
    await sendJson('POST', '/auth/logout').catch(() => null);
    reload();
  };

  if (session.state === 'loading') return <p className="status">{t('loading')}</p>;
  if (session.state === 'signed-in') {
    return (
      <section className="buyer-page">
        <h1>{t('signIn')}</h1>
        <p>{t('signedInAs', { name: session.user.displayName })}</p>
        <button type="button" onClick={signOut}>
          {t('signOut')}
        </button>
      </section>
    );
  }
  return (
    <section className="buyer-page">
      <h1>{t('signIn')}</h1>
      <form className="stack" onSubmit={submit} noValidate>
        <label>
          {t('email')}
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={failed || undefined}
            aria-describedby={failed ? 'sign-in-error' : undefined}
          />
        </label>
        <label>
          {t('password')}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={failed || undefined}
            aria-describedby={failed ? 'sign-in-error' : undefined}
          />
        </label>
        {failed && (
          <p id="sign-in-error" role="alert" className="error">
            {t('signInFailed')}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('signIn')}
        </button>
      </form>
    </section>
  );
}
