import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const IMPACT_FILE = fileURLToPath(new URL('../../../data/impact/impact.json', import.meta.url));
const SOURCES_FILE = fileURLToPath(
  new URL('../../../data/trade-rules/sources/sources.json', import.meta.url),
);

const Cited = z.object({ sourceId: z.string().regex(/^[A-Z]\d+$/), text: z.string().min(1) });

const ImpactFile = z.object({
  goal: z.object({ businesses: z.number().int().positive(), text: z.string().min(1) }),
  jobsPerBillionUsd: Cited.extend({
    value: z.number().int().positive(),
    dataYear: z.number().int().min(1990).max(2100),
    caveat: z.string().min(1),
  }),
  midwest: Cited,
  smallBusiness: Cited.extend({ maxEmployees: z.number().int().positive() }),
});

export interface Source {
  id: string;
  title: string;
  urls: string[];
}

export type ImpactData = z.infer<typeof ImpactFile> & { sources: Record<string, Source> };

let cached: ImpactData | null = null;

/** data/impact/impact.json with the cited sources resolved; a source ID the reference lacks fails at load. */
export function impactData(): ImpactData {
  if (cached) return cached;
  const file = ImpactFile.parse(JSON.parse(readFileSync(IMPACT_FILE, 'utf8')));
  const all = z
    .object({ sources: z.array(z.object({ id: z.string(), title: z.string(), urls: z.array(z.string()) })) })
    .parse(JSON.parse(readFileSync(SOURCES_FILE, 'utf8'))).sources;
  const sources: Record<string, Source> = {};
  for (const id of [file.jobsPerBillionUsd.sourceId, file.midwest.sourceId, file.smallBusiness.sourceId]) {
    const s = all.find((x) => x.id === id);
    if (!s) throw new Error(`data/impact/impact.json cites ${id}, which is not in sources.json`);
    sources[id] = { id: s.id, title: s.title, urls: s.urls };
  }
  cached = { ...file, sources };
  return cached;
}
