import './buyer.css';
import { useState } from 'react';
import { cart } from '../cart-store.ts';
import { useShopper } from '../i18n/context.tsx';

/** Puts one of the chosen variant in the cart and says so (a polite live region). */
export function AddToCart({
  productId,
  variantId,
  inStock,
}: {
  productId: string;
  variantId: string;
  inStock: boolean;
}) {
  const { t } = useShopper();
  const [added, setAdded] = useState(false);
  return (
    <div className="add-to-cart">
      <button
        type="button"
        className="primary"
        disabled={!inStock}
        onClick={() => {
          cart.add(productId, variantId, 1);
          setAdded(true);
        }}
      >
        {t('addToCart')}
      </button>
      <p role="status">{added ? t('addedToCart') : ''}</p>
    </div>
  );
}
