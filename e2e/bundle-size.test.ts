import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_DIST } from '../src/http/web-app.ts';
import { pageJavaScriptBytes } from './support/bundle.ts';

/** Issue 5: the home page and a product page each ship under 200 KB of JavaScript (gzip). */
describe('the storefront’s JavaScript weight', () => {
  it('stays under 200 KB gzip for the home page and a product page (npm test builds first)', () => {
    if (!existsSync(path.join(WEB_DIST, '.vite/manifest.json'))) {
      throw new Error('dist/web is not built: run npm run build (npm test does)');
    }
    const { home, product } = pageJavaScriptBytes();
    expect(home).toBeLessThan(200 * 1024);
    expect(product).toBeLessThan(200 * 1024);
    expect(product).toBeGreaterThan(home); // the product page's own chunk loads on top
  });
});
