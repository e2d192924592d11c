import { uuidv7 } from 'uuidv7';

/**
 * Branded ids with a type prefix (`ord_...`, `sel_...`). The body is a UUIDv7 in hex
 * without dashes: time-ordered, so B-tree inserts stay local (random ids fragment indexes).
 */
declare const brand: unique symbol;
export type Id<P extends string> = string & { readonly [brand]: P };

export type UserId = Id<'usr'>;
export type SessionId = Id<'ses'>;
export type ApiTokenId = Id<'tok'>;
export type SellerId = Id<'sel'>;
export type ProductId = Id<'prd'>;
export type VariantId = Id<'var'>;
export type CategoryId = Id<'cat'>;
export type QuoteId = Id<'quo'>;
export type OrderId = Id<'ord'>;
export type CheckoutId = Id<'chk'>;
export type PaymentIntentId = Id<'pi'>;
export type RefundId = Id<'re'>;
export type PayoutId = Id<'po'>;
export type ShipmentId = Id<'shp'>;
export type AccountId = Id<'acc'>;
export type EntryId = Id<'ent'>;
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
