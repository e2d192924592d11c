import { lazy, Suspense } from 'react';
import { Link, Route, Switch } from 'wouter';
import { Header } from './header.tsx';
import { useShopper } from './i18n/context.tsx';
import { Home } from './pages/home.tsx';

// The product page and search load as their own chunks: the home page ships only what it shows.
const Product = lazy(() => import('./pages/product.tsx'));
const Search = lazy(() => import('./pages/search.tsx'));
const Verify = lazy(() => import('./pages/verify.tsx'));
const TrustConsole = lazy(() => import('./ops/trust.tsx'));
const Finance = lazy(() => import('./ops/finance.tsx'));
const SellerCenter = lazy(() => import('./seller/center.tsx'));
const SignIn = lazy(() => import('./pages/sign-in.tsx'));
const Cart = lazy(() => import('./pages/cart.tsx'));
const Checkout = lazy(() => import('./pages/checkout.tsx'));
const Orders = lazy(() => import('./pages/orders.tsx'));
const Order = lazy(() => import('./pages/order.tsx'));
const Impact = lazy(() => import('./impact/impact-page.tsx'));
const NotFound = lazy(() => import('./pages/not-found.tsx').then((m) => ({ default: m.NotFound })));

export function App() {
  const { t } = useShopper();
  return (
    <>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <Header />
      <main id="main">
        <Suspense fallback={<p className="status">{t('loading')}</p>}>
          <Switch>
            <Route path="/" component={Home} />
            <Route path="/search" component={Search} />
            <Route path="/p/:id">{(params) => <Product id={params.id} />}</Route>
            <Route path="/verify/:code?">{(params) => <Verify code={params.code} />}</Route>
            <Route path="/trust" nest component={TrustConsole} />
            <Route path="/finance" component={Finance} />
            <Route path="/impact" component={Impact} />
            <Route path="/seller" nest component={SellerCenter} />
            <Route path="/sign-in" component={SignIn} />
            <Route path="/cart" component={Cart} />
            <Route path="/checkout" component={Checkout} />
            <Route path="/orders" component={Orders} />
            <Route path="/orders/:id">{(params) => <Order id={params.id} />}</Route>
            <Route>
              <NotFound />
            </Route>
          </Switch>
        </Suspense>
      </main>
      <footer className="site-footer">
        <Link href="/impact">{t('impactLink')}</Link>
      </footer>
    </>
  );
}
