import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_DIST } from '../../src/http/web-app.ts';

type Manifest = Record<string, { file: string; imports?: string[]; isEntry?: boolean }>;

/**
 * The JavaScript (gzip, level 9) the home page and a product page load from the built app: the
 * entry and, for the product page, its chunk, each with everything they import statically.
 */
export function pageJavaScriptBytes(dist = WEB_DIST): { home: number; product: number } {
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
  const bytes = (keys: string[]) => {
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      for (const k of manifest[key]?.imports ?? []) visit(k);
    };
    for (const k of keys) visit(k);
    return [...seen].reduce(
      (sum, k) => sum + gzipSync(readFileSync(path.join(dist, manifest[k]!.file)), { level: 9 }).length,
      0,
    );
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const product = Object.keys(manifest).find((k) => k.endsWith('pages/product.tsx'))!;
  return { home: bytes([entry]), product: bytes([entry, product]) };
}
