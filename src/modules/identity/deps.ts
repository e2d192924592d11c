import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';

/** What identity's operations need: the database, the clock, and the buyer-ID encryption key (32 bytes). */
export interface IdentityDeps {
  db: Db;
  clock: Clock;
  idEncryptionKey: Buffer;
}
