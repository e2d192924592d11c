import { useQuery } from '@tanstack/react-query';
import { createContext, type FormEvent, lazy, Suspense, useContext, useState } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { ApiError } from '../api.ts';
import { type MeJson, sendJson } from '../api-seller.ts';
import { afterSignInOrOut, apiQuery, queryClient } from '../query.ts';
import './seller.css';

const Dashboard = lazy(() => import('./dashboard.tsx'));
const Listings = lazy(() => import('./listings.tsx'));
const Editor = lazy(() => import('./editor.tsx'));
const Orders = lazy(() => import('./orders.tsx'));
const Balance = lazy(() => import('./balance.tsx'));

export type SellerSession = { user: MeJson; sellerId: string };
const SessionContext = createContext<SellerSession | null>(null);

/** The signed-in seller staff member and the seller they act for (pages render only inside a session). */
export function useSeller(): SellerSession {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSeller outside the seller center');
  return s;
}

const sellerIdOf = (me: MeJson): string | null =>
  me.roles.find((r) => r.role === 'seller_staff' && r.scopeId)?.scopeId ?? null;

function SignIn({ onSignedIn }: { onSignedIn: (me: MeJson) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user } = await sendJson<{ user: MeJson }>('POST', '/auth/login', { email, password });
      onSignedIn(user);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'Wrong email or password.' : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="seller-signin">
      <h1>Seller center sign-in</h1>
      <form onSubmit={submit}>
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p role="alert" className="seller-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </section>
  );
}

function Nav() {
  const [location] = useLocation();
  const items: [string, string][] = [
    ['/', 'Dashboard'],
    ['/listings', 'Listings'],
    ['/orders', 'Orders to ship'],
    ['/balance', 'Balance'],
  ];
  return (
    <nav aria-label="Seller center" className="seller-nav">
      <ul>
        {items.map(([href, label]) => {
          const current = href === '/' ? location === '/' : location.startsWith(href);
          return (
            <li key={href}>
              <Link href={href} aria-current={current ? 'page' : undefined}>
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The seller center, nested under /seller: English only, for a farmer on a laptop. */
export default function SellerCenter() {
  const meQuery = useQuery(apiQuery<MeJson>('/me'));
  const me = meQuery.isPending ? 'loading' : (meQuery.data ?? null);
  const signedIn = (user: MeJson) => {
    queryClient.setQueryData(apiQuery<MeJson>('/me').queryKey, user);
    void afterSignInOrOut();
  };
  const sellerId = me && me !== 'loading' ? sellerIdOf(me) : null;
  return (
    <div className="seller" lang="en">
      {me === 'loading' ? (
        <p className="status">Loading…</p>
      ) : me === null ? (
        <SignIn onSignedIn={signedIn} />
      ) : sellerId === null ? (
        <p className="status" role="alert">
          You are signed in as {me.email}, who is no seller’s staff. Sign in with a seller account.
        </p>
      ) : (
        <SessionContext.Provider value={{ user: me, sellerId }}>
          <p className="seller-who">Signed in as {me.displayName}</p>
          <Nav />
          <Suspense fallback={<p className="status">Loading…</p>}>
            <Switch>
              <Route path="/" component={Dashboard} />
              <Route path="/listings" component={Listings} />
              <Route path="/listings/new">{() => <Editor productId={null} />}</Route>
              <Route path="/listings/:id">{(p) => <Editor productId={p.id} />}</Route>
              <Route path="/orders" component={Orders} />
              <Route path="/balance" component={Balance} />
              <Route>
                <p className="status">No such page in the seller center.</p>
              </Route>
            </Switch>
          </Suspense>
        </SessionContext.Provider>
      )}
    </div>
  );
}
