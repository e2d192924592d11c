import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Each module keeps its own SQL migrations in `src/modules/<module>/migrations/NNN_name.sql`;
 * platform tables (idempotency, outbox) live in `src/db/migrations`. Modules share no
 * foreign keys, so the order between modules only needs to be fixed, not meaningful.
 */
export const MIGRATION_SOURCES = [
  'db',
  'identity',
  'markets',
  'sellers',
  'catalog',
  'search',
  'compliance',
  'ledger',
  'payments',
  'shipping',
  'orders',
  'trust',
  'impact',
] as const;

export interface Migration {
  id: string; // "<source>/<file>"
  sql: string;
  checksum: string;
}

export function listMigrations(): Migration[] {
  const out: Migration[] = [];
  for (const source of MIGRATION_SOURCES) {
    const dir =
      source === 'db' ? path.join(SRC, 'db', 'migrations') : path.join(SRC, 'modules', source, 'migrations');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
      const sql = readFileSync(path.join(dir, file), 'utf8');
      out.push({ id: `${source}/${file}`, sql, checksum: createHash('sha256').update(sql).digest('hex') });
    }
  }
  return out;
}

/** Applies every pending migration, each in its own transaction, under an advisory lock so concurrent starts wait. */
export async function migrate(url: string, log: (l: string) => void = () => {}): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(727274)');
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ id: string; checksum: string }>(
      'SELECT id, checksum FROM schema_migrations',
    );
    const done = new Map(rows.map((r) => [r.id, r.checksum]));
    for (const m of listMigrations()) {
      const prior = done.get(m.id);
      if (prior) {
        if (prior !== m.checksum) throw new Error(`migration ${m.id} was changed after it was applied`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (id, checksum) VALUES ($1, $2)', [
          m.id,
          m.checksum,
        ]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.id} failed: ${(e as Error).message}`);
      }
      applied.push(m.id);
      log(`applied ${m.id}`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(727274)').catch(() => {});
    await client.end();
  }
  return applied;
}
