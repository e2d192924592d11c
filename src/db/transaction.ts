import type { Db } from './database.ts';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

function sqlState(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Runs `work` in one transaction. Serialization failures and deadlocks are retried a bounded
 * number of times with jittered backoff; everything else fails loudly.
 */
export async function inTransaction<T>(
  db: Db,
  work: (tx: Db) => Promise<T>,
  opts: { isolation?: 'read committed' | 'repeatable read' | 'serializable'; attempts?: number } = {},
): Promise<T> {
  const attempts = opts.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => work(tx as unknown as Db), {
        isolationLevel: opts.isolation ?? 'read committed',
      });
    } catch (e) {
      const state = sqlState(e);
      if (attempt >= attempts || !state || !RETRYABLE.has(state)) throw e;
      const backoff = Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random());
      await new Promise((r) => setTimeout(r, backoff));
    }
  }
}

export { sqlState };
