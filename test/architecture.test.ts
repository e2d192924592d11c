import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Dependency direction (docs/conventions.md), checked on every test run:
 * modules never import flows, http, cli or the runtime; outside a module only its index.ts is
 * imported; src/money, src/db and src/kernel import no module.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2]!;
    if (!spec.startsWith('.')) continue;
    out.push(path.relative(ROOT, path.resolve(path.dirname(file), spec)).replace(/\.js$/, '.ts'));
  }
  return out;
}

const edges = files(SRC).flatMap((f) => imports(f).map((to) => ({ from: path.relative(ROOT, f), to })));
const moduleOf = (p: string) => /^src\/modules\/([^/]+)\//.exec(p)?.[1];

describe('architecture', () => {
  it('finds the source tree', () => {
    expect(edges.length).toBeGreaterThan(50);
  });

  it('modules never import flows, http, cli or the runtime', () => {
    const bad = edges.filter(
      (e) => moduleOf(e.from) && /^src\/(flows|http|cli)\/|^src\/runtime\.ts$/.test(e.to),
    );
    expect(bad).toEqual([]);
  });

  it("code outside a module imports only the module's index.ts", () => {
    const bad = edges.filter((e) => {
      const target = moduleOf(e.to);
      return target && moduleOf(e.from) !== target && e.to !== `src/modules/${target}/index.ts`;
    });
    expect(bad).toEqual([]);
  });

  it('a module uses only the modules it may use (docs/architecture.md), through their index.ts', () => {
    // The module table of docs/architecture.md: which module may use which. Flows combine the rest.
    const MAY_USE: Record<string, readonly string[]> = {
      identity: [],
      markets: [],
      sellers: ['identity'],
      catalog: ['sellers'],
      search: ['catalog', 'markets'],
      compliance: ['catalog', 'markets'],
      ledger: [],
      payments: ['ledger', 'markets'],
      orders: ['catalog', 'compliance', 'payments', 'shipping'],
      shipping: [],
      trust: ['catalog', 'sellers'],
      impact: ['ledger', 'sellers'],
    };
    const modules = readdirSync(path.join(SRC, 'modules')).filter((m) =>
      statSync(path.join(SRC, 'modules', m)).isDirectory(),
    );
    expect(modules.sort()).toEqual(Object.keys(MAY_USE).sort());
    const bad = edges.filter((e) => {
      const from = moduleOf(e.from);
      const to = moduleOf(e.to);
      if (!from || !to || from === to) return false;
      return !MAY_USE[from]!.includes(to) || e.to !== `src/modules/${to}/index.ts`;
    });
    expect(bad).toEqual([]);
  });

  it('flows, modules and primitives never import the demo seeding or the CLI, which sit above them', () => {
    // Nothing below the flows imports the rooms that sit above them.
    const bad = edges.filter(
      (e) => /^src\/(flows|modules|kernel|money|db)\//.test(e.from) && /^src\/(demo|cli)\//.test(e.to),
    );
    expect(bad).toEqual([]);
  });

  it('money, db and kernel import no module, flow or HTTP code', () => {
    const bad = edges.filter(
      (e) => /^src\/(money|db|kernel)\//.test(e.from) && /^src\/(modules|flows|http|cli)\//.test(e.to),
    );
    expect(bad).toEqual([]);
  });

  it("web/ imports server code only as types of the server's schemas (schemas.ts or a module's index.ts)", () => {
    const WEB = path.join(ROOT, 'web', 'src');
    const webFiles = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) return webFiles(full);
        return /\.tsx?$/.test(name) ? [full] : [];
      });
    // Every static import or re-export (with `type` when type-only), dynamic import and bare import.
    const STATEMENT_RE =
      /(?:import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
    const SCHEMAS = /^src\/(?:.+\/)?schemas\.ts$|^src\/modules\/[^/]+\/index\.ts$/;
    const bad: string[] = [];
    for (const file of webFiles(WEB)) {
      for (const m of readFileSync(file, 'utf8').matchAll(STATEMENT_RE)) {
        const spec = m[2] ?? m[3] ?? m[4]!;
        if (!spec.startsWith('.')) continue;
        const to = path.relative(ROOT, path.resolve(path.dirname(file), spec));
        if (to.startsWith('web/')) continue;
        // Reference data (the currency table) is shared as data, not as server code.
        if (/^data\/.+\.json$/.test(to)) continue;
        // common/ is the code that runs in both places (the file sniffer, picture sizes).
        if (/^common\/[^/]+\.ts$/.test(to)) continue;
        const typeOnly = m[1] !== undefined;
        if (!(typeOnly && SCHEMAS.test(to)))
          bad.push(`${path.relative(ROOT, file)} → ${to}${typeOnly ? '' : ' (not type-only)'}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('common/ (code the server and the browser both run) imports nothing but itself', () => {
    const COMMON = path.join(ROOT, 'common');
    const bad = readdirSync(COMMON)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) => {
        const file = path.join(COMMON, name);
        const specs = [...readFileSync(file, 'utf8').matchAll(IMPORT_RE)].map((m) => m[1] ?? m[2]!);
        return specs
          .filter((spec) => !spec.startsWith('./') || spec.includes('/', 2))
          .map((spec) => `common/${name} → ${spec}`);
      });
    expect(bad).toEqual([]);
  });
});
