import '../buyer/buyer.css';
import { Link } from 'wouter';
import { AttributeValues } from '../attribute-values.tsx';
import type { CartItem } from '../buyer/cart-products.ts';
import { useCartProducts } from '../buyer/cart-products.ts';
import { cart, useCart } from '../cart-store.ts';
import { formatMoney } from '../format.ts';
import { useShopper } from '../i18n/context.tsx';

function CartRow({ item }: { item: CartItem }) {
  const { t, locale } = useShopper();
  const { line, product, variant } = item;
  const qtyId = `qty-${line.variantId}`;
  return (
    <li className="cart-line">
      {product && variant ? (
        <>
          <p className="title" lang={product.titleLocale}>
            <Link href={`/p/${product.id}`}>{product.title}</Link>
            {product.variants.length > 1 && (
              <>
                {' · '}
                <AttributeValues variant={variant} />
              </>
            )}
          </p>
          <p className="price">
            {formatMoney({ ...variant.price, amount: variant.price.amount * line.quantity }, locale)}
          </p>
        </>
      ) : (
        <p className="title">{t('lineUnavailable')}</p>
      )}
      <div className="line-actions">
        <label htmlFor={qtyId}>{t('quantity')}</label>
        <input
          id={qtyId}
          type="number"
          inputMode="numeric"
          min={1}
          max={999}
          value={line.quantity}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1) cart.setQuantity(line.variantId, n);
          }}
        />
        <button type="button" className="link-button" onClick={() => cart.remove(line.variantId)}>
          {t('remove')}
        </button>
      </div>
    </li>
  );
}

/** The cart across sellers: one group per seller (each becomes its own parcel and order). */
export default function Cart() {
  const { t, locale, market } = useShopper();
  const lines = useCart();
  const groups = useCartProducts(lines, market, locale);
  if (lines.length === 0) {
    return (
      <section className="buyer-page">
        <h1>{t('cart')}</h1>
        <p>{t('cartEmpty')}</p>
        <p>
          <Link href="/orders">{t('ordersTitle')}</Link>
        </p>
      </section>
    );
  }
  if (groups.isPending) return <p className="status">{t('loading')}</p>;
  const sellable = groups.data.every((g) => g.items.every((i) => i.variant));
  return (
    <section className="buyer-page">
      <h1>{t('cart')}</h1>
      <p>
        <Link href="/orders">{t('ordersTitle')}</Link>
      </p>
      {groups.data.map((g) => (
        <section key={g.sellerId} className="seller-group" aria-label={g.sellerName || t('lineUnavailable')}>
          {g.sellerName && <h2>{t('soldBy', { seller: g.sellerName })}</h2>}
          <ul className="cart-lines">
            {g.items.map((item) => (
              <CartRow key={item.line.variantId} item={item} />
            ))}
          </ul>
        </section>
      ))}
      {sellable && (
        <Link href="/checkout" className="button">
          {t('checkout')}
        </Link>
      )}
    </section>
  );
}
