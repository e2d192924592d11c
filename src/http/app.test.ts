import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../test/support/db.ts';
import type { Database } from '../db/database.ts';
import type { Principal } from '../kernel/access.ts';
import { conflict } from '../kernel/errors.ts';
import type { UserId } from '../kernel/ids.ts';
import { type App, createApp, type RoutePlugin } from './app.ts';

const buyer: Principal = { userId: 'usr_1' as UserId, roles: ['buyer'], sellerIds: [] };

let calls = 0;
const routes: RoutePlugin = async (app) => {
  app.post(
    '/echo',
    {
      config: { access: ['buyer'], idempotent: true },
      schema: { body: z.object({ n: z.number().int().positive(), s: z.string().max(10) }).strict() },
    },
    async (req, reply) => {
      calls++;
      return reply.code(201).send({ n: req.body.n, call: calls });
    },
  );
  app.get('/boom', { config: { access: 'public' } }, async () => {
    throw conflict('test.refused', 'Refused.');
  });
};

describe('the HTTP edge', () => {
  let db: Database;
  let app: App;
  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApp({
      pool: db.pool,
      routes: [routes],
      authenticate: async ({ bearerToken }) => (bearerToken === 'good' ? buyer : null),
    });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/echo',
      payload: body as object,
      headers: { authorization: 'Bearer good', ...headers },
    });

  it('answers bad input with a 400 problem+json naming the field', async () => {
    const r = await post({ n: -1, s: 'x'.repeat(11) }, { 'idempotency-key': 'k-bad-input-1' });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const body = r.json();
    expect(body.code).toBe('request.invalid');
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.n', 'body.s']);
  });

  it('answers malformed JSON and unknown routes with problems, not 500', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/echo',
      payload: '{"n":',
      headers: {
        authorization: 'Bearer good',
        'content-type': 'application/json',
        'idempotency-key': 'k-malformed',
      },
    });
    expect(bad.statusCode).toBe(400);
    const missing = await app.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('route.not_found');
  });

  it('maps domain errors through one table', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/boom' });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'test.refused', status: 409 });
  });

  it('refuses anonymous callers with 401 and a bad token with 401', async () => {
    const anon = await app.inject({ method: 'POST', url: '/api/v1/echo', payload: { n: 1, s: 'a' } });
    expect(anon.statusCode).toBe(401);
    const bad = await post(
      { n: 1, s: 'a' },
      { authorization: 'Bearer nope', 'idempotency-key': 'k-bad-token' },
    );
    expect(bad.statusCode).toBe(401);
  });

  it('replays the first response for a retried Idempotency-Key and refuses the key with another body', async () => {
    const first = await post({ n: 7, s: 'a' }, { 'idempotency-key': 'retry-key-0001' });
    const second = await post({ n: 7, s: 'a' }, { 'idempotency-key': 'retry-key-0001' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    const other = await post({ n: 8, s: 'a' }, { 'idempotency-key': 'retry-key-0001' });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency.key_reused');
    const missing = await post({ n: 9, s: 'a' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('idempotency.key_required');
  });

  it('serves an OpenAPI 3.1 document', async () => {
    const r = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(r.json().openapi).toBe('3.1.0');
    expect(Object.keys(r.json().paths)).toContain('/api/v1/echo');
  });
});
