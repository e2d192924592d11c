import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { prepareStatements } from './prepared-statements.ts';

// int8 and numeric come back as strings; Money code turns them into bigint where it reads them.
export type Db = PgDatabase<NodePgQueryResultHKT>;

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function openDatabase(url: string, opts: { max?: number; prepare?: boolean } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 20 });
  if (opts.prepare ?? process.env.HEARTLAND_PREPARED_STATEMENTS !== '0') prepareStatements(pool);
  pool.on('error', () => {
    // An idle client lost its server (e.g. during shutdown); the pool replaces it.
  });
  const db = drizzle(pool) as unknown as Db;
  return { db, pool, close: () => pool.end() };
}

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
