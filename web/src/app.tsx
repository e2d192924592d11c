import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { Header } from './header.tsx';
import { useShopper } from './i18n/context.tsx';
import { Home } from './pages/home.tsx';

// The product page and search load as their own chunks: the home page ships only what it shows.
const Product = lazy(() => import('./pages/product.tsx'));
const Search = lazy(() => import('./pages/search.tsx'));

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
            <Route>
              <p className="status">{t('error')}</p>
            </Route>
          </Switch>
        </Suspense>
      </main>
    </>
  );
}
