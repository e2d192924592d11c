import type { Principal } from '../../kernel/access.ts';
import type { Clock } from '../../kernel/clock.ts';

/** The longest a revoked credential or a changed role may still be honoured by one process. */
export const CACHE_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  principal: Principal | null;
  until: number;
}

/**
 * Resolved credentials, keyed by the credential's hash, for at most CACHE_TTL_MS. Timing runs on
 * the injected clock. Sign-out and revocation in this process evict at once (see `forgetCredential`);
 * other processes learn of it when their entry expires.
 */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();

  private readonly clock: Clock;
  private readonly ttlMs: number;

  constructor(clock: Clock, ttlMs = CACHE_TTL_MS) {
    this.clock = clock;
    this.ttlMs = ttlMs;
    live.add(new WeakRef(this));
  }

  get(key: string): { principal: Principal | null } | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.until <= this.clock.now().getTime()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  set(key: string, principal: Principal | null): void {
    // Map keeps insertion order: dropping the first key drops the oldest entry.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { principal, until: this.clock.now().getTime() + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

const live = new Set<WeakRef<CredentialCache>>();

/** Evicts a credential from every cache in this process (after sign-out or token revocation). */
export function forgetCredential(key: string): void {
  for (const ref of live) {
    const cache = ref.deref();
    if (cache) cache.delete(key);
    else live.delete(ref);
  }
}
