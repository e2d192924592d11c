import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { CategoryJson } from '../api.ts';
import {
  centsToDollars,
  dollarsToCents,
  type ProductInput,
  type SellerProductJson,
  sendJson,
} from '../api-seller.ts';
import { apiQuery, invalidateApi, queryClient } from '../query.ts';
import { useSeller } from './center.tsx';
import { EDITOR_LOCALES, LOCALE_NAMES, type VariantAttributes } from './completeness.ts';
import { MarketEligibility, TrustStatus } from './editor-status.tsx';
import { Problem } from './problem.tsx';
import { emptyTranslations, type TranslationsDraft, TranslationsEditor } from './translations.tsx';
import {
  attributesOf,
  emptyVariant,
  optionsText,
  parseOptions,
  type VariantDraft,
  VariantsEditor,
} from './variants.tsx';

type Draft = {
  kind: 'goods' | 'service';
  categorySlug: string;
  brand: string;
  originState: string;
  hsCode: string;
  status: 'draft' | 'active' | 'archived';
  translations: TranslationsDraft;
  variants: VariantDraft[];
};

const newDraft = (): Draft => ({
  kind: 'goods',
  categorySlug: '',
  brand: '',
  originState: 'WI',
  hsCode: '',
  status: 'active',
  translations: emptyTranslations(),
  variants: [emptyVariant()],
});

function draftOf(p: SellerProductJson): Draft {
  const translations = emptyTranslations();
  for (const l of EDITOR_LOCALES) {
    const t = p.translations[l];
    if (t)
      translations[l] = {
        title: t.title,
        description: t.description,
        variantAttributes: structuredClone(t.variantAttributes ?? {}),
      };
  }
  return {
    kind: p.kind,
    categorySlug: p.categorySlug,
    brand: p.brand ?? '',
    originState: p.originState,
    hsCode: p.hsCode ?? '',
    status: p.status,
    translations,
    variants: p.variants.map((v) => ({
      sku: v.sku,
      price: centsToDollars(v.priceUsd.amount),
      stock: String(v.stock),
      weight: v.weightGrams === null ? '' : String(v.weightGrams),
      options: optionsText(v.attributes),
    })),
  };
}

type TranslationInput = { title: string; description: string; variantAttributes?: VariantAttributes };

/** The translated values typed for current SKUs and keys, trimmed; empty ones are left untranslated. */
function translatedValues(
  typed: VariantAttributes,
  attributesBySku: ReadonlyMap<string, Record<string, string>>,
): VariantAttributes {
  const out: VariantAttributes = {};
  for (const [sku, attributes] of attributesBySku) {
    const values = Object.keys(attributes).flatMap((key) => {
      const text = typed[sku]?.[key]?.trim();
      return text ? [[key, text] as const] : [];
    });
    if (values.length > 0) out[sku] = Object.fromEntries(values);
  }
  return out;
}

/** The draft as the API takes it, or the first thing a farmer must fix. */
function toInput(
  d: Draft,
): { input: Omit<ProductInput, 'status'> & { status: Draft['status'] } } | { error: string } {
  const variants = [];
  const attributesBySku = new Map<string, Record<string, string>>();
  for (const [i, v] of d.variants.entries()) {
    const attributes = parseOptions(v.options);
    if (attributes === null)
      return { error: `Variant ${i + 1}: write options as key: value, split by semicolons.` };
    attributesBySku.set(v.sku.trim(), attributes);
    const priceUsd = dollarsToCents(v.price);
    if (priceUsd === null || priceUsd < 1)
      return { error: `Variant ${i + 1}: the price is dollars and cents, e.g. 24.95.` };
    if (!/^\d+$/.test(v.stock)) return { error: `Variant ${i + 1}: stock is a whole number.` };
    const weight = v.weight.trim();
    if (d.kind === 'goods' && !/^\d+$/.test(weight))
      return { error: `Variant ${i + 1}: the weight is whole grams.` };
    variants.push({
      sku: v.sku.trim(),
      priceUsd,
      stock: Number(v.stock),
      weightGrams: d.kind === 'goods' ? Number(weight) : null,
      ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    });
  }
  const translations: Record<string, TranslationInput> = {};
  for (const l of EDITOR_LOCALES) {
    const t = d.translations[l];
    const title = t.title.trim();
    const description = t.description.trim();
    const variantAttributes = l === 'en' ? {} : translatedValues(t.variantAttributes, attributesBySku);
    const hasValues = Object.keys(variantAttributes).length > 0;
    if (!title && !description && !hasValues) continue;
    if (!title || !description)
      return {
        error: hasValues
          ? `${LOCALE_NAMES[l]}: the variant options need a title and a description in that language too.`
          : `${LOCALE_NAMES[l]}: fill in both the title and the description, or neither.`,
      };
    translations[l] = { title, description, ...(hasValues ? { variantAttributes } : {}) };
  }
  if (!translations.en) return { error: 'English title and description are required.' };
  return {
    input: {
      kind: d.kind,
      categorySlug: d.categorySlug,
      brand: d.brand.trim() || null,
      originState: d.originState.trim().toUpperCase() as ProductInput['originState'],
      hsCode: d.kind === 'goods' ? d.hsCode.trim() : null,
      status: d.status,
      translations: translations as ProductInput['translations'],
      images: [],
      variants,
    },
  };
}

export default function Editor({ productId }: { productId: string | null }) {
  const { sellerId } = useSeller();
  const [, navigate] = useLocation();
  const categories = useQuery(apiQuery<CategoryJson[]>('/categories'));
  const [product, setProduct] = useState<SellerProductJson | null>(null);
  const [draft, setDraft] = useState<Draft>(newDraft);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setMessage(null);
    if (!productId) {
      setProduct(null);
      setDraft(newDraft());
      return;
    }
    // The form is seeded once from the listing (then it is the seller's draft), not kept in sync.
    queryClient
      .fetchQuery(apiQuery<SellerProductJson[]>(`/sellers/${sellerId}/products`, { limit: '100' }))
      .then(
        (all) => {
          const p = all.find((x) => x.id === productId);
          if (!p) return setMessage({ ok: false, text: 'No such listing of yours.' });
          setProduct(p);
          setDraft(draftOf(p));
        },
        (e: Error) => setMessage({ ok: false, text: e.message }),
      );
  }, [productId, sellerId]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const built = toInput(draft);
    if ('error' in built) return setMessage({ ok: false, text: built.error });
    setBusy(true);
    setMessage(null);
    try {
      if (product) {
        // Images are not edited here: leaving them out of the patch keeps the listing's own.
        const { images: _images, ...patch } = built.input;
        const saved = await sendJson<SellerProductJson>(
          'PATCH',
          `/sellers/${sellerId}/products/${product.id}`,
          patch,
        );
        setProduct(saved);
        setDraft(draftOf(saved));
        setMessage({ ok: true, text: 'Listing saved.' });
        void invalidateApi(`/sellers/${sellerId}/products`, `/trust/listings/${saved.id}/`);
      } else {
        const { status, ...rest } = built.input;
        const created = await sendJson<SellerProductJson>('POST', `/sellers/${sellerId}/products`, {
          ...rest,
          status: status === 'archived' ? 'draft' : status,
        });
        void invalidateApi(`/sellers/${sellerId}/products`);
        navigate(`/listings/${created.id}`);
      }
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <p>
        <Link href="/listings">← All listings</Link>
      </p>
      <h1>{product ? `Edit: ${product.translations.en?.title ?? product.id}` : 'New listing'}</h1>
      <form onSubmit={save} className="editor">
        <fieldset className="basics">
          <legend>Product</legend>
          <label>
            Kind
            <select value={draft.kind} onChange={(e) => set('kind', e.target.value as Draft['kind'])}>
              <option value="goods">Goods (shipped)</option>
              <option value="service">Service</option>
            </select>
          </label>
          <label>
            Category
            <select value={draft.categorySlug} required onChange={(e) => set('categorySlug', e.target.value)}>
              <option value="">Choose a category</option>
              {categories.isSuccess &&
                categories.data.map((c) => (
                  <option key={c.slug} value={c.slug}>
                    {c.path.length > 1 ? `${'— '.repeat(c.path.length - 1)}` : ''}
                    {c.names.en}
                  </option>
                ))}
            </select>
          </label>
          <label>
            HS code (customs)
            <input
              value={draft.hsCode}
              inputMode="numeric"
              pattern="[0-9]{6,10}"
              disabled={draft.kind === 'service'}
              onChange={(e) => set('hsCode', e.target.value)}
            />
          </label>
          <label>
            Brand
            <input value={draft.brand} onChange={(e) => set('brand', e.target.value)} />
          </label>
          <label>
            State of origin
            <input
              value={draft.originState}
              maxLength={2}
              pattern="[A-Za-z]{2}"
              required
              onChange={(e) => set('originState', e.target.value)}
            />
          </label>
          <label>
            Status
            <select value={draft.status} onChange={(e) => set('status', e.target.value as Draft['status'])}>
              <option value="active">Active (shown when allowed)</option>
              <option value="draft">Draft</option>
              {product && <option value="archived">Archived</option>}
            </select>
          </label>
        </fieldset>
        <TranslationsEditor
          value={draft.translations}
          variants={draft.variants.map((v) => ({ sku: v.sku.trim(), attributes: attributesOf(v) }))}
          onChange={(t) => set('translations', t)}
        />
        <VariantsEditor kind={draft.kind} value={draft.variants} onChange={(v) => set('variants', v)} />
        {message && (
          <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'seller-error'}>
            {message.text}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {product ? 'Save changes' : 'Create listing'}
        </button>
      </form>
      {categories.isError && <Problem error={categories.error} />}
      {product && (
        <div className="status-panels">
          <TrustStatus product={product} />
          <MarketEligibility product={product} />
        </div>
      )}
    </section>
  );
}
