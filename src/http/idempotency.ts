import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { DomainError } from '../kernel/errors.ts';

/**
 * Idempotency-Key for POSTs that create or move money (Stripe's model): the first request with
 * a key runs and its response is stored; a retry with the same key and body replays it; the
 * same key with another body is refused; a retry while the first still runs gets 409.
 * The operations behind these routes are idempotent themselves too (a quote places once),
 * so a crash between the business commit and storing the response cannot double-spend.
 */
const KEY_RE = /^[A-Za-z0-9._:-]{8,128}$/;
const STALE_MS = 60_000;

interface Pending {
  principal: string;
  key: string;
}

const pendingByRequest = new WeakMap<FastifyRequest, Pending>();

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(
      `${request.method} ${request.routeOptions.url}\n${JSON.stringify(request.params ?? {})}\n${JSON.stringify(request.body ?? null)}`,
    )
    .digest('hex');
}

export async function beginIdempotent(
  pool: Pool,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !KEY_RE.test(key)) {
    throw new DomainError(
      'invalid',
      'idempotency.key_required',
      'This request moves money: send an Idempotency-Key header of 8 to 128 characters [A-Za-z0-9._:-].',
    );
  }
  const principal = request.principal?.userId ?? `anon:${request.ip}`;
  const hash = requestHash(request);
  const inserted = await pool.query(
    `INSERT INTO idempotency_keys (principal, key, route, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (principal, key) DO UPDATE SET created_at = now(), request_hash = EXCLUDED.request_hash
       WHERE idempotency_keys.response IS NULL AND idempotency_keys.created_at < now() - make_interval(secs => $5)
         AND idempotency_keys.request_hash = EXCLUDED.request_hash
     RETURNING 1`,
    [principal, key, request.routeOptions.url, hash, STALE_MS / 1000],
  );
  if (inserted.rowCount) {
    pendingByRequest.set(request, { principal, key });
    return true;
  }
  const { rows } = await pool.query<{ request_hash: string; status_code: number | null; response: unknown }>(
    'SELECT request_hash, status_code, response FROM idempotency_keys WHERE principal = $1 AND key = $2',
    [principal, key],
  );
  const row = rows[0];
  if (!row)
    throw new DomainError(
      'conflict',
      'idempotency.in_progress',
      'A request with this Idempotency-Key is in progress.',
    );
  if (row.request_hash !== hash) {
    throw new DomainError(
      'unprocessable',
      'idempotency.key_reused',
      'This Idempotency-Key was used with a different request. Use a new key for a new request.',
    );
  }
  if (row.status_code === null) {
    throw new DomainError(
      'conflict',
      'idempotency.in_progress',
      'A request with this Idempotency-Key is in progress.',
    );
  }
  reply.header('idempotent-replayed', 'true');
  const type = row.status_code >= 400 ? 'application/problem+json' : 'application/json';
  await reply.code(row.status_code).type(type).send(row.response);
  return false;
}

export async function finishIdempotent(
  pool: Pool,
  request: FastifyRequest,
  statusCode: number,
  payload: unknown,
) {
  const pending = pendingByRequest.get(request);
  if (!pending) return;
  pendingByRequest.delete(request);
  if (statusCode >= 500 || statusCode === 409) {
    // Not a result: let the client retry with the same key.
    await pool.query('DELETE FROM idempotency_keys WHERE principal = $1 AND key = $2', [
      pending.principal,
      pending.key,
    ]);
    return;
  }
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload ?? null);
  await pool.query(
    'UPDATE idempotency_keys SET status_code = $3, response = $4::jsonb WHERE principal = $1 AND key = $2',
    [pending.principal, pending.key, statusCode, body],
  );
}
