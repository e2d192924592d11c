import { existsSync, readdirSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WEB_DIST } from './http/web-app.ts';

const WEB_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web');

/** The newest modification time among the web app's sources (web/, without node_modules). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Whether dist/web is missing or older than a file of web/ (what `npm start` rebuilds). */
export function webBuildIsStale(): boolean {
  const page = path.join(WEB_DIST, 'index.html');
  if (!existsSync(page)) return true;
  return newestSource(WEB_SRC) > statSync(page).mtimeMs;
}

/** Builds the web app with Vite (what `npm run build` does) when it is missing or stale. */
export async function ensureWebBuild(log: (line: string) => void): Promise<void> {
  if (!webBuildIsStale()) return;
  log('Building the web app (web/ → dist/web)…');
  const started = performance.now();
  const { build } = await import('vite');
  // Built aside and moved into place, so two servers starting at once never serve a half-built app.
  const aside = `${WEB_DIST}.${process.pid}`;
  // The JSX transform follows NODE_ENV, which a test runner sets to 'test': build for shoppers.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  await build({
    configFile: path.join(WEB_SRC, 'vite.config.ts'),
    mode: 'production',
    logLevel: 'warn',
    build: { outDir: aside, emptyOutDir: true },
  }).finally(() => {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  });
  await rm(WEB_DIST, { recursive: true, force: true });
  await rename(aside, WEB_DIST);
  log(`Web app built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
