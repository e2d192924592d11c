import type { Db } from '../db/database.ts';
import type { Clock } from './clock.ts';

/**
 * What a domain operation needs: the database handle (a pool-backed Db, or the caller's
 * transaction) and the clock. Operations take it as their first argument; no DI container.
 */
export interface Ctx {
  db: Db;
  clock: Clock;
}
