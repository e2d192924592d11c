import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const POLICY_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../data/trust/policy.json',
);

/** The trust queues agents work; each has a service level in data/trust/policy.json. */
export const TRUST_QUEUES = [
  'held_listings',
  'notices',
  'counter_notices',
  'seller_verifications',
  'brand_verifications',
  'authenticity_alerts',
  'reviews',
] as const;
export type TrustQueue = (typeof TRUST_QUEUES)[number];

const Decimal = z.string().regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'a decimal share between 0 and 1');
const Sourced = { source: z.string().min(1) };
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const PolicyFile = z
  .object({
    about: z.string(),
    listingChecks: z
      .object({
        sameImageMaxDistance: z.number().int().min(0).max(64),
        reviewMaxDistance: z.number().int().min(0).max(64),
        minimumShareOfReferencePrice: Decimal,
        ...Sourced,
      })
      .strict(),
    counterNotice: z
      .object({ answerWindowBusinessDays: z.number().int().min(1).max(30), ...Sourced })
      .strict(),
    businessDays: z.object({ timeZone: z.string(), holidays: z.array(Day), ...Sourced }).strict(),
    strikes: z
      .object({
        windowDays: z.number().int().min(1).max(3650),
        seriousStrikesToSuspend: z.number().int().min(1).max(100),
        ...Sourced,
      })
      .strict(),
    trustedReporter: z
      .object({ minimumDecidedNotices: z.number().int().min(1), minimumAccuracy: Decimal, ...Sourced })
      .strict(),
    queueServiceLevelMinutes: z
      .object({
        ...Object.fromEntries(TRUST_QUEUES.map((q) => [q, z.number().int().min(1)])),
        ...Sourced,
      } as Record<TrustQueue | 'source', z.ZodNumber | z.ZodString>)
      .strict(),
  })
  .strict();

export interface TrustPolicy {
  listingChecks: {
    sameImageMaxDistance: number;
    reviewMaxDistance: number;
    minimumShareOfReferencePrice: string;
  };
  counterNotice: { answerWindowBusinessDays: number };
  businessDays: { timeZone: string; holidays: ReadonlySet<string> };
  strikes: { windowDays: number; seriousStrikesToSuspend: number };
  trustedReporter: { minimumDecidedNotices: number; minimumAccuracy: string };
  queueServiceLevelMinutes: Record<TrustQueue, number>;
  sources: Record<string, string>;
}

let cached: TrustPolicy | undefined;

/** data/trust/policy.json, validated once. */
export function trustPolicy(): TrustPolicy {
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(POLICY_FILE, 'utf8'));
  const f = PolicyFile.parse(raw);
  const sla = f.queueServiceLevelMinutes as Record<string, number | string>;
  cached = {
    listingChecks: f.listingChecks,
    counterNotice: f.counterNotice,
    businessDays: { timeZone: f.businessDays.timeZone, holidays: new Set(f.businessDays.holidays) },
    strikes: f.strikes,
    trustedReporter: f.trustedReporter,
    queueServiceLevelMinutes: Object.fromEntries(TRUST_QUEUES.map((q) => [q, sla[q] as number])) as Record<
      TrustQueue,
      number
    >,
    sources: {
      listingChecks: f.listingChecks.source,
      counterNotice: f.counterNotice.source,
      businessDays: f.businessDays.source,
      strikes: f.strikes.source,
      trustedReporter: f.trustedReporter.source,
      queueServiceLevelMinutes: String(sla.source),
    },
  };
  return cached;
}
