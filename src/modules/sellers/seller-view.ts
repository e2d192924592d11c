import { sql } from 'drizzle-orm';
import type { SellerId } from '../../kernel/ids.ts';
import type { Locale } from '../../kernel/locales.ts';
import type { TransitionTable } from '../../kernel/state-machine.ts';
import type { UsState } from '../../kernel/us-states.ts';
import { maskEin } from './ein.ts';

export type SellerState = 'pending' | 'verified' | 'suspended';
export const SELLER_STATES = ['pending', 'verified', 'suspended'] as const satisfies readonly SellerState[];

/** pending → verified → suspended, and a suspended seller may be reinstated. */
export const SELLER_TRANSITIONS: TransitionTable<SellerState> = {
  pending: ['verified'],
  verified: ['suspended'],
  suspended: ['verified'],
};

export interface SellerView {
  id: SellerId;
  legalName: string;
  dba: string | null;
  state: SellerState;
  usState: UsState;
  city: string;
  employees: number;
  isFarm: boolean;
  founded: number | null;
  description: Partial<Record<Locale, string>>;
  /** Email and phone only in staff and admin views: buyers reach sellers through Heartland. */
  contact: { name: string; email?: string; phone?: string };
  /** The full EIN in staff and admin views; `**-***4567` in the public view. */
  ein: string;
  createdAt: string;
  verifiedAt: string | null;
}

/**
 * Drizzle's node-postgres driver hands timestamptz back as PostgreSQL text; formatting it in SQL
 * gives the API's ISO 8601 UTC form exactly, whatever the session's time zone.
 */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The columns every read selects, in the shape `toSellerView` maps. */
export const SELLER_COLUMNS = sql.raw(
  'id, legal_name, dba, ein, state, us_state, city, employees, is_farm, founded, description, contact_name, ' +
    `contact_email, contact_phone, ${iso('created_at')} AS created_at, ${iso('verified_at')} AS verified_at`,
);

export interface SellerRow extends Record<string, unknown> {
  id: string;
  legal_name: string;
  dba: string | null;
  ein: string;
  state: SellerState;
  us_state: string;
  city: string;
  employees: number;
  is_farm: boolean;
  founded: number | null;
  description: Partial<Record<Locale, string>>;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
  created_at: string;
  verified_at: string | null;
}

export function toSellerView(r: SellerRow): SellerView {
  return {
    id: r.id as SellerId,
    legalName: r.legal_name,
    dba: r.dba,
    state: r.state,
    usState: r.us_state as UsState,
    city: r.city,
    employees: r.employees,
    isFarm: r.is_farm,
    founded: r.founded,
    description: r.description,
    contact: { name: r.contact_name, email: r.contact_email, phone: r.contact_phone },
    ein: r.ein,
    createdAt: r.created_at,
    verifiedAt: r.verified_at,
  };
}

/**
 * What anyone may see of a seller: the EIN masked to its last four digits, and the contact's
 * name without email or phone (orders, questions and disputes go through the platform, where
 * they are recorded and the buyer is protected).
 */
export function publicSellerView(v: SellerView): SellerView {
  return { ...v, ein: maskEin(v.ein), contact: { name: v.contact.name } };
}
