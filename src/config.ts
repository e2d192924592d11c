import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Everything Heartland reads from the environment, parsed once. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  /** Platform commission on the seller's goods subtotal, as a decimal string ("0.08" = 8%). */
  commissionRate: string;
  /** AES-256-GCM key for buyer ID numbers at rest. */
  idEncryptionKey: Buffer;
  /** HMAC secret the sandbox payment provider signs its webhooks with. */
  sandboxWebhookSecret: string;
  /** How long a checkout quote (and its FX rate) stays valid. */
  quoteTtlSeconds: number;
  /** HMAC key that signs per-unit authenticity codes (a code without the right tag is forged). */
  authenticityCodeKey: Buffer;
  /** HMAC key for sellers' bank account numbers: only the keyed hash and the last 4 digits are stored. */
  bankAccountHashKey: Buffer;
  /** Where `heartland serve` answers Prometheus scrapes (GET /metrics); null: not served. */
  metrics: { host: string; port: number } | null;
}

function secretFile(dataDir: string): string {
  // A per-installation secret, made on first start, so a fresh clone needs no configuration.
  const file = path.join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

const derive = (secret: string, purpose: string) =>
  createHash('sha256').update(`${purpose}:${secret}`).digest();

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '127.0.0.1';
  const dataDir = path.resolve(env.HEARTLAND_DATA ?? './.heartland');
  const secret = env.HEARTLAND_SECRET ?? secretFile(dataDir);
  const commissionRate = env.HEARTLAND_COMMISSION_RATE ?? '0.08';
  if (!/^0(\.\d{1,6})?$/.test(commissionRate))
    throw new Error('HEARTLAND_COMMISSION_RATE must be a decimal below 1, e.g. 0.08');
  const metricsPort = env.HEARTLAND_METRICS_PORT ?? '9464';
  if (metricsPort !== 'off' && !/^\d{1,5}$/.test(metricsPort))
    throw new Error('HEARTLAND_METRICS_PORT must be a port number, or off');
  return {
    port,
    host,
    publicUrl: env.HEARTLAND_PUBLIC_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    dataDir,
    commissionRate,
    idEncryptionKey: derive(secret, 'buyer-id-encryption'),
    sandboxWebhookSecret: env.SANDBOX_WEBHOOK_SECRET ?? derive(secret, 'sandbox-webhook').toString('hex'),
    quoteTtlSeconds: Number(env.HEARTLAND_QUOTE_TTL_SECONDS ?? 900),
    authenticityCodeKey: derive(secret, 'authenticity-codes'),
    bankAccountHashKey: derive(secret, 'seller-bank-accounts'),
    // Loopback by default: the scrape endpoint is for the operator's Prometheus, not the public.
    metrics:
      metricsPort === 'off'
        ? null
        : { host: env.HEARTLAND_METRICS_HOST ?? '127.0.0.1', port: Number(metricsPort) },
  };
}

/** A fixed configuration for tests. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'http://127.0.0.1:0',
    dataDir: '/tmp/heartland-test',
    commissionRate: '0.08',
    idEncryptionKey: derive('test-secret', 'buyer-id-encryption'),
    sandboxWebhookSecret: 'whsec_test',
    quoteTtlSeconds: 900,
    authenticityCodeKey: derive('test-secret', 'authenticity-codes'),
    bankAccountHashKey: derive('test-secret', 'seller-bank-accounts'),
    metrics: null,
    ...overrides,
  };
}
