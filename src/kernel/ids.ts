import { uuidv7 } from 'uuidv7';
import { z } from 'zod';

/**
 * Branded ids with a type prefix (`ord_...`, `sel_...`). The body is a UUIDv7 in hex
 * without dashes: time-ordered, so B-tree inserts stay local (random ids fragment indexes).
 */
declare const brand: unique symbol;
export type Id<P extends string> = string & { readonly [brand]: P };

export type UserId = Id<'usr'>;
export type ApiTokenId = Id<'tok'>;
export type SellerId = Id<'sel'>;
export type ProductId = Id<'prd'>;
export type VariantId = Id<'var'>;
export type OrderId = Id<'ord'>;
export type PaymentIntentId = Id<'pi'>;
export type BuyerIdentityId = Id<'bid'>;
export type SellerDocumentId = Id<'doc'>;

export function newId<P extends string>(prefix: P): Id<P> {
  return `${prefix}_${uuidv7().replaceAll('-', '')}` as Id<P>;
}

/** Checks the prefix and shape of an id that came from outside. */
export function isId<P extends string>(prefix: P, value: string): value is Id<P> {
  return (
    value.length === prefix.length + 33 &&
    value.startsWith(`${prefix}_`) &&
    /^[0-9a-f]{32}$/.test(value.slice(prefix.length + 1))
  );
}

/** The names the API's messages give each kind of id ("a seller id (sel_…)"). */
const ID_NOUNS: Record<string, string> = {
  usr: 'user',
  tok: 'API token',
  sel: 'seller',
  prd: 'product',
  var: 'variant',
  quo: 'quote',
  ord: 'order',
  chk: 'checkout',
  pi: 'payment intent',
  re: 'refund',
  shp: 'shipment',
  doc: 'document',
};

/**
 * The one schema for an id that comes from outside: `zId('ord')` accepts `ord_` and 32 hex digits
 * and types the value as the branded `OrderId`, so no handler casts. At run time it is a plain
 * string schema, so OpenAPI shows its pattern.
 */
export function zId<P extends string>(
  prefix: P,
  noun = ID_NOUNS[prefix] ?? 'an id',
): z.ZodType<Id<P>, string> {
  const article = /^[aeiou]/i.test(noun) ? 'an' : 'a';
  const label = noun === 'an id' ? `an id (${prefix}_…)` : `${article} ${noun} id (${prefix}_…)`;
  return z.string().regex(new RegExp(`^${prefix}_[0-9a-f]{32}$`), label) as unknown as z.ZodType<
    Id<P>,
    string
  >;
}
