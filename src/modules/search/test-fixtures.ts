import type { Locale } from '../../kernel/locales.ts';
import type { UsState } from '../../kernel/us-states.ts';
import type { IndexableProduct } from './types.ts';

/** Test data only: a small Midwest catalog with real Chinese, Japanese and Korean titles. */

type T = Partial<Record<Locale, string>>;

const hex = (n: number) => n.toString(16).padStart(32, '0');
export const pid = (n: number) => `prd_${hex(n)}`;
export const sid = (n: number) => `sel_${hex(n)}`;

const CATEGORIES: Record<string, { path: string[]; names: T }> = {
  ginseng: {
    path: ['herbs', 'ginseng'],
    names: { en: 'Ginseng', 'zh-Hans': '参类', ja: '高麗人参・薬用人参' },
  },
  'herbal-tea': {
    path: ['herbs', 'herbal-tea'],
    names: { en: 'Herbal tea', 'zh-Hans': '草本茶', ko: '허브차' },
  },
  'wild-rice': { path: ['grains', 'wild-rice'], names: { en: 'Wild rice', 'zh-Hans': '谷物', ja: '穀物' } },
  soybeans: { path: ['grains', 'soybeans'], names: { en: 'Soybeans', 'zh-Hans': '豆类', ko: '콩류' } },
  'maple-syrup': { path: ['sweeteners', 'maple-syrup'], names: { en: 'Maple syrup', 'zh-Hans': '糖浆' } },
  honey: { path: ['sweeteners', 'honey'], names: { en: 'Honey', 'zh-Hans': '蜂产品' } },
  cheese: { path: ['dairy', 'cheese'], names: { en: 'Cheese', 'zh-Hans': '乳制品' } },
  'dried-fruit': {
    path: ['fruit', 'dried-fruit'],
    names: { en: 'Dried fruit', 'zh-Hans': '果干', ja: 'ドライフルーツ' },
  },
  popcorn: { path: ['snacks', 'popcorn'], names: { en: 'Popcorn', 'zh-Hans': '零食' } },
  jerky: { path: ['snacks', 'jerky'], names: { en: 'Meat snacks', 'zh-Hans': '肉类零食' } },
  cookware: { path: ['kitchen', 'cookware'], names: { en: 'Cookware', 'zh-Hans': '厨具', ja: '調理器具' } },
  juice: { path: ['beverages', 'juice'], names: { en: 'Juice', 'zh-Hans': '果蔬汁', ja: 'ジュース' } },
};

interface Spec {
  n: number;
  category: keyof typeof CATEGORIES;
  state: UsState;
  cents: number;
  titles: T;
  description?: string;
  brand?: string;
  visible?: boolean;
  inStock?: boolean;
  day: number;
}

const SPECS: Spec[] = [
  {
    n: 1,
    category: 'ginseng',
    state: 'WI',
    cents: 8_900,
    brand: 'Wausau Root Farm',
    day: 1,
    titles: {
      en: 'Wisconsin American Ginseng Roots, 4 oz',
      'zh-Hans': '威斯康星花旗参 整根 4盎司',
      'zh-Hant': '威斯康星花旗蔘 原枝 4盎司',
      ja: 'ウィスコンシン産アメリカ人参 ルート 113g',
      ko: '위스콘신 미국 인삼 뿌리 113g',
    },
    description: 'Field-grown Panax quinquefolius from Marathon County, dried slowly for four years.',
  },
  {
    n: 2,
    category: 'herbal-tea',
    state: 'WI',
    cents: 2_450,
    day: 2,
    inStock: false,
    titles: {
      en: 'Wisconsin Ginseng Tea, 20 tea bags',
      'zh-Hans': '威斯康星花旗参茶 20袋',
      ja: 'ウィスコンシン人参茶 20包',
      ko: '위스콘신 인삼차 20티백',
    },
  },
  {
    n: 3,
    category: 'wild-rice',
    state: 'MN',
    cents: 1_499,
    day: 3,
    titles: {
      en: 'Minnesota Hand-Harvested Wild Rice, 1 lb',
      'zh-Hans': '明尼苏达手工采收菰米 454克',
      'zh-Hant': '明尼蘇達手工採收野米 454克',
      ja: 'ミネソタ産ワイルドライス 454g',
      ko: '미네소타 와일드 라이스 454g',
    },
  },
  {
    n: 4,
    category: 'maple-syrup',
    state: 'WI',
    cents: 1_995,
    day: 4,
    titles: {
      en: 'Pure Wisconsin Maple Syrup, Grade A Amber, 500 ml',
      'zh-Hans': '威斯康星纯枫糖浆 A级琥珀色 500毫升',
      'zh-Hant': '威斯康星純楓糖漿 A級琥珀色 500毫升',
      ja: 'ウィスコンシン産 純粋メープルシロップ 500ml',
      ko: '위스콘신 퓨어 메이플 시럽 500ml',
    },
  },
  {
    n: 5,
    category: 'maple-syrup',
    state: 'MI',
    cents: 2_900,
    day: 5,
    titles: {
      en: 'Michigan Vermont-Style Dark Maple Syrup, 1 L',
      'zh-Hans': '密歇根深色枫糖浆 1升',
      ja: 'ミシガン産メープルシロップ ダーク 1L',
      ko: '미시간 다크 메이플 시럽 1L',
    },
  },
  {
    n: 6,
    category: 'cheese',
    state: 'WI',
    cents: 1_250,
    day: 6,
    titles: {
      en: 'Aged Wisconsin Cheddar, 2 Year, 8 oz',
      'zh-Hans': '威斯康星州陈年切达 2年 227克',
      'zh-Hant': '威斯康星州陳年車打 2年 227克',
      ja: 'ウィスコンシン州産 熟成チェダー 227g',
      ko: '위스콘신 숙성 체다 227g',
    },
    description: 'Sharp white cheese from a Green County creamery.',
  },
  {
    n: 7,
    category: 'dried-fruit',
    state: 'MI',
    cents: 1_100,
    day: 7,
    titles: {
      en: 'Dried Montmorency Tart Cherries, Michigan, 12 oz',
      'zh-Hans': '密歇根蒙莫朗西酸樱桃干 340克',
      ja: 'ミシガン産ドライタルトチェリー 340g',
      ko: '미시간 건조 타트체리 340g',
    },
  },
  {
    n: 8,
    category: 'dried-fruit',
    state: 'WI',
    cents: 850,
    day: 8,
    titles: { en: 'Sweetened Dried Cranberries, Wisconsin, 1 lb' },
  },
  {
    n: 9,
    category: 'honey',
    state: 'MN',
    cents: 1_600,
    day: 9,
    titles: {
      en: 'Raw Minnesota Clover Honey, 16 oz',
      'zh-Hans': '明尼苏达生三叶草蜂蜜 454克',
      ja: 'ミネソタ産 生クローバーはちみつ 454g',
      ko: '미네소타 생 클로버 꿀 454g',
    },
    description: 'Lovely stirred into ginseng tea.',
  },
  {
    n: 10,
    category: 'popcorn',
    state: 'NE',
    cents: 699,
    day: 10,
    titles: {
      en: 'Nebraska Popcorn Kernels, 2 lb',
      'zh-Hans': '内布拉斯加爆米花玉米粒 907克',
      ja: 'ネブラスカ産ポップコーン豆 907g',
      ko: '네브래스카 팝콘 옥수수 907g',
    },
  },
  {
    n: 11,
    category: 'jerky',
    state: 'IA',
    cents: 999,
    day: 11,
    titles: {
      en: 'Iowa Hickory Smoked Beef Jerky, 3.25 oz',
      'zh-Hans': '爱荷华山核桃烟熏牛肉干 92克',
      'zh-Hant': '愛荷華山核桃煙燻牛肉乾 92克',
      ja: 'アイオワ産 ヒッコリースモーク ビーフジャーキー 92g',
      ko: '아이오와 히코리 훈제 육포 92g',
    },
  },
  {
    n: 12,
    category: 'soybeans',
    state: 'IL',
    cents: 2_100,
    day: 12,
    titles: {
      en: 'Non-GMO Illinois Soybeans for Tofu, 5 lb',
      'zh-Hans': '伊利诺伊非转基因大豆 豆腐用 2.27公斤',
      ja: 'イリノイ産 非遺伝子組換え大豆 2.27kg',
      ko: '일리노이 유기농대두 2.27kg',
    },
  },
  {
    n: 13,
    category: 'cookware',
    state: 'OH',
    cents: 4_500,
    day: 13,
    titles: {
      en: 'Ohio Cast Iron Skillet, 10 inch',
      'zh-Hans': '俄亥俄铸铁煎锅 10英寸',
      ja: 'オハイオ製 鋳鉄スキレット 10インチ',
      ko: '오하이오 무쇠 스킬릿 10인치',
    },
  },
  {
    n: 14,
    category: 'ginseng',
    state: 'WI',
    cents: 12_000,
    day: 14,
    visible: false,
    titles: {
      en: 'Wisconsin American Ginseng Slices, 8 oz',
      'zh-Hans': '威斯康星花旗参切片 227克',
      ja: 'ウィスコンシン産アメリカ人参スライス',
      ko: '위스콘신 미국 인삼 슬라이스',
    },
  },
  {
    n: 15,
    category: 'juice',
    state: 'MI',
    cents: 550,
    day: 15,
    titles: {
      en: 'Michigan Carrot Juice, 1 L',
      'zh-Hans': '密歇根胡萝卜汁 1升',
      ja: 'ミシガン産人参ジュース 1L',
      ko: '미시간 당근 주스 1L',
    },
  },
];

function build(s: Spec): IndexableProduct {
  const category = CATEGORIES[s.category]!;
  const translations: IndexableProduct['translations'] = {};
  for (const [locale, title] of Object.entries(s.titles) as [Locale, string][]) {
    translations[locale] = { title, description: locale === 'en' ? (s.description ?? '') : '' };
  }
  return {
    productId: pid(s.n),
    sellerId: sid(100 + s.n),
    categorySlug: s.category,
    categoryPath: category.path,
    categoryNames: category.names,
    brand: s.brand ?? null,
    originState: s.state,
    visible: s.visible ?? true,
    minPriceUsd: { amount: BigInt(s.cents), currency: 'USD' },
    maxPriceUsd: { amount: BigInt(s.cents * 2), currency: 'USD' },
    inStock: s.inStock ?? true,
    translations,
    // Every fifth listing has no picture: cards must cope with none.
    pictureUrl: s.n % 5 === 0 ? null : `/media/fixture-${s.n}.jpg`,
    updatedAt: new Date(Date.UTC(2026, 9, s.day)).toISOString(),
  };
}

export const FIXTURES: IndexableProduct[] = SPECS.map(build);
export const HIDDEN_ID = pid(14);

/** Product ids of a result, sorted, for set comparisons. */
export const ids = (hits: { productId: string }[]) => hits.map((h) => h.productId).sort();

/**
 * `count` more products for timing: the fixtures' titles recombined with other states, sizes
 * and prices, so the index has realistic vocabulary and overlap.
 */
export function manyProducts(count: number): IndexableProduct[] {
  const states: UsState[] = ['WI', 'MN', 'MI', 'IA', 'IL', 'OH', 'IN', 'NE', 'KS', 'MO', 'ND', 'SD'];
  const out: IndexableProduct[] = [];
  for (let i = 0; i < count; i++) {
    const base = FIXTURES[i % FIXTURES.length]!;
    const size = `${(i % 9) + 1}${['oz', 'lb', 'kg'][i % 3]}`;
    const translations: IndexableProduct['translations'] = {};
    for (const [locale, t] of Object.entries(base.translations) as [
      Locale,
      { title: string; description: string },
    ][]) {
      translations[locale] = { title: `${t.title} ${size} #${i}`, description: t.description };
    }
    out.push({
      ...base,
      productId: pid(10_000 + i),
      sellerId: sid(1_000 + (i % 40)),
      originState: states[i % states.length]!,
      visible: i % 11 !== 0,
      minPriceUsd: { amount: BigInt(300 + ((i * 7919) % 30_000)), currency: 'USD' },
      maxPriceUsd: { amount: BigInt(300 + ((i * 7919) % 30_000) + 500), currency: 'USD' },
      translations,
      updatedAt: new Date(Date.UTC(2026, 8, 1) + i * 60_000).toISOString(),
    });
  }
  return out;
}
