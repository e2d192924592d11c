import { Link } from 'wouter';
import { useCartCount } from '../cart-store.ts';
import { useShopper } from '../i18n/context.tsx';

/** The header's cart link with the number of items. */
export function CartLink() {
  const { t } = useShopper();
  const count = useCartCount();
  return (
    <Link href="/cart" className="cart-link">
      {t('cartLink', { count })}
    </Link>
  );
}
