import pg from 'pg';
import { withDatabase } from './database.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { migrate } from './migrate.ts';

export interface DatabaseServer {
  url: string; // the application database
  embedded: boolean;
  stop(): Promise<void>;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/**
 * DATABASE_URL set: use that server, start nothing. Unset: start the embedded server with its
 * data under HEARTLAND_DATA. Either way, apply pending migrations.
 */
export async function openDatabaseServer(
  env: NodeJS.ProcessEnv,
  log: (l: string) => void,
  opts: { attachIfRunning?: boolean } = {},
): Promise<DatabaseServer> {
  if (env.DATABASE_URL) {
    await migrate(env.DATABASE_URL, log);
    return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({
    dataDir: env.HEARTLAND_DATA ?? './.heartland',
    port: Number(env.HEARTLAND_PG_PORT ?? 54329),
    log,
    pgLog: env.HEARTLAND_PG_LOG ? log : undefined,
    attachIfRunning: opts.attachIfRunning,
  });
  try {
    await ensureDatabase(server.url, 'heartland');
    const url = withDatabase(server.url, 'heartland');
    await migrate(url, log);
    return { url, embedded: true, stop: () => server.stop() };
  } catch (e) {
    await server.stop();
    throw e;
  }
}
