import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../../kernel/locales.ts';

/** The kinds of right a notice can rest on. */
export const RIGHTS_KINDS = ['trademark', 'copyright', 'patent'] as const;
export type RightsKind = (typeof RIGHTS_KINDS)[number];

export interface NoticeReason {
  code: string;
  labels: Record<Locale, string>;
  rightsKinds: readonly RightsKind[];
  /** A removal that stands on this reason is a serious strike. */
  serious: boolean;
  source: string;
}

export interface NoticeReasons {
  reasons: ReadonlyMap<string, NoticeReason>;
  /** Days after a takedown during which the seller may counter-notify (Heartland's own period). */
  counterNoticeFilingWindowDays: number;
}

const DATA_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../data/trust/notice-reasons.json',
);

const Labels = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().min(1)]))).strict();
const ReasonsFile = z
  .object({
    about: z.string(),
    counterNoticeFilingWindowDays: z
      .object({ days: z.number().int().min(1).max(90), source: z.string().min(1) })
      .strict(),
    reasons: z.record(
      z.string().regex(/^[a-z][a-z_]{1,39}$/),
      z
        .object({
          labels: Labels,
          rightsKinds: z.array(z.enum(RIGHTS_KINDS)).min(1),
          serious: z.boolean(),
          source: z.string().min(1),
        })
        .strict(),
    ),
  })
  .strict();

/** Validates the reason-codes file (exported for its test). */
export function parseNoticeReasons(raw: unknown): NoticeReasons {
  const f = ReasonsFile.parse(raw);
  return {
    counterNoticeFilingWindowDays: f.counterNoticeFilingWindowDays.days,
    reasons: new Map(
      Object.entries(f.reasons).map(([code, r]) => [
        code,
        {
          code,
          labels: r.labels as Record<Locale, string>,
          rightsKinds: r.rightsKinds,
          serious: r.serious,
          source: r.source,
        },
      ]),
    ),
  };
}

let cached: NoticeReasons | undefined;

/** data/trust/notice-reasons.json, validated once. */
export function noticeReasons(): NoticeReasons {
  cached ??= parseNoticeReasons(JSON.parse(readFileSync(DATA_FILE, 'utf8')));
  return cached;
}

/** The reason codes, for request schemas. */
export function noticeReasonCodes(): [string, ...string[]] {
  return [...noticeReasons().reasons.keys()] as [string, ...string[]];
}
