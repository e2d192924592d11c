import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { invalid } from '../../kernel/errors.ts';
import type { Locale } from '../../kernel/locales.ts';
import { HS_CODE_PATTERN, SLUG_PATTERN } from './product-input.ts';

export interface CategoryInput {
  slug: string;
  parent: string | null;
  names: Record<Locale, string>;
  hsCode: string | null;
}

export interface CategoryView extends CategoryInput {
  /** Slugs from the root down to this category. */
  path: string[];
}

const Name = z.string().trim().min(1).max(100);
const CategorySchema = z
  .object({
    slug: z.string().max(64).regex(SLUG_PATTERN),
    parent: z.string().max(64).regex(SLUG_PATTERN).nullable(),
    names: z.object({ en: Name, 'zh-Hans': Name, 'zh-Hant': Name, ja: Name, ko: Name }).strict(),
    hsCode: z.string().regex(HS_CODE_PATTERN).nullable(),
  })
  .strict();
const CategoriesSchema = z.array(CategorySchema).max(10_000);

/** Root-to-leaf slug paths; throws when a parent is missing or the parents form a cycle. */
function pathsOf(categories: readonly CategoryInput[]): Map<string, string[]> {
  const bySlug = new Map(categories.map((c) => [c.slug, c]));
  const paths = new Map<string, string[]>();
  for (const c of categories) {
    const path: string[] = [];
    const seen = new Set<string>();
    for (let cur: CategoryInput | undefined = c; cur; ) {
      if (seen.has(cur.slug)) {
        throw invalid('catalog.category_cycle', `The category parents loop through ${cur.slug}.`, {
          slug: cur.slug,
        });
      }
      seen.add(cur.slug);
      path.unshift(cur.slug);
      if (cur.parent === null) break;
      const parent = bySlug.get(cur.parent);
      if (!parent) {
        throw invalid(
          'catalog.unknown_parent_category',
          `No category ${cur.parent} (parent of ${cur.slug}).`,
          {
            slug: cur.slug,
            parent: cur.parent,
          },
        );
      }
      cur = parent;
    }
    paths.set(c.slug, path);
  }
  return paths;
}

interface CategoryRow extends Record<string, unknown> {
  slug: string;
  parent_slug: string | null;
  names: Record<Locale, string>;
  hs_code: string | null;
}

async function readCategories(db: Db): Promise<CategoryInput[]> {
  const { rows } = await db.execute<CategoryRow>(
    sql`SELECT slug, parent_slug, names, hs_code FROM categories ORDER BY slug`,
  );
  return rows.map((r) => ({ slug: r.slug, parent: r.parent_slug, names: r.names, hsCode: r.hs_code }));
}

/** Inserts or updates categories by slug (idempotent). The whole tree is checked before commit. */
export async function loadCategories(db: Db, categories: CategoryInput[]): Promise<void> {
  const parsed = CategoriesSchema.safeParse(categories);
  if (!parsed.success) {
    throw invalid('catalog.invalid_categories', 'The category list is invalid.', {
      errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const slugs = new Set<string>();
  for (const c of parsed.data) {
    if (slugs.has(c.slug)) throw invalid('catalog.duplicate_category', `Category ${c.slug} is listed twice.`);
    slugs.add(c.slug);
  }
  await inTransaction(db, async (tx) => {
    // One loader at a time: the tree check below must see every concurrent change.
    await tx.execute(sql`LOCK TABLE categories IN SHARE ROW EXCLUSIVE MODE`);
    for (const c of parsed.data) {
      await tx.execute(sql`
        INSERT INTO categories (slug, parent_slug, names, hs_code, updated_at)
        VALUES (${c.slug}, ${c.parent}, ${JSON.stringify(c.names)}::jsonb, ${c.hsCode}, now())
        ON CONFLICT (slug) DO UPDATE
          SET parent_slug = EXCLUDED.parent_slug, names = EXCLUDED.names, hs_code = EXCLUDED.hs_code,
              updated_at = now()
          WHERE (categories.parent_slug, categories.names, categories.hs_code)
                IS DISTINCT FROM (EXCLUDED.parent_slug, EXCLUDED.names, EXCLUDED.hs_code)`);
    }
    pathsOf(await readCategories(tx));
  });
}

export async function listCategories(db: Db): Promise<CategoryView[]> {
  const all = await readCategories(db);
  const paths = pathsOf(all);
  return all.map((c) => ({ ...c, path: paths.get(c.slug)! }));
}

export async function categoryExists(db: Db, slug: string): Promise<boolean> {
  const { rows } = await db.execute(sql`SELECT 1 FROM categories WHERE slug = ${slug}`);
  return rows.length > 0;
}
