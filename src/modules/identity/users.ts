import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../kernel/access.ts';
import type { UserId } from '../../kernel/ids.ts';
import { pgTime } from './pg-time.ts';

export interface UserView {
  id: UserId;
  email: string;
  displayName: string;
  roles: { role: Role; scopeId: string | null }[];
  createdAt: string;
}

export const EMAIL_MAX = 254; // RFC 5321 path limit
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export const isPlausibleEmail = (email: string) => email.length <= EMAIL_MAX && EMAIL_RE.test(email);

/** The key emails are unique and looked up by: case-insensitive. */
export const emailKey = (email: string) => email.trim().toLowerCase();

interface UserRow extends Record<string, unknown> {
  id: string;
  email: string;
  display_name: string;
  created_at: string | Date;
}

async function rolesOf(db: Db, userId: string): Promise<UserView['roles']> {
  const { rows } = await db.execute<{ role: Role; scope_id: string | null }>(
    sql`SELECT role, scope_id FROM user_roles WHERE user_id = ${userId} ORDER BY role, scope_id NULLS FIRST`,
  );
  return rows.map((r) => ({ role: r.role, scopeId: r.scope_id }));
}

async function toView(db: Db, row: UserRow | undefined): Promise<UserView | null> {
  if (!row) return null;
  return {
    id: row.id as UserId,
    email: row.email,
    displayName: row.display_name,
    roles: await rolesOf(db, row.id),
    createdAt: pgTime(row.created_at).toISOString(),
  };
}

export async function getUser(db: Db, id: UserId): Promise<UserView | null> {
  const { rows } = await db.execute<UserRow>(
    sql`SELECT id, email, display_name, created_at FROM users WHERE id = ${id}`,
  );
  return toView(db, rows[0]);
}

export async function findUserByEmail(db: Db, email: string): Promise<UserView | null> {
  const { rows } = await db.execute<UserRow>(
    sql`SELECT id, email, display_name, created_at FROM users WHERE email_key = ${emailKey(email)}`,
  );
  return toView(db, rows[0]);
}
