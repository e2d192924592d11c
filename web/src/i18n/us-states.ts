import type { Locale } from './messages.ts';

/** The twelve Midwest states in the five languages (others are shown by their USPS code). */
const NAMES: Record<string, Record<Locale, string>> = {
  IL: { en: 'Illinois', 'zh-Hans': '伊利诺伊州', 'zh-Hant': '伊利諾州', ja: 'イリノイ州', ko: '일리노이주' },
  IN: {
    en: 'Indiana',
    'zh-Hans': '印第安纳州',
    'zh-Hant': '印第安納州',
    ja: 'インディアナ州',
    ko: '인디애나주',
  },
  IA: { en: 'Iowa', 'zh-Hans': '艾奥瓦州', 'zh-Hant': '愛荷華州', ja: 'アイオワ州', ko: '아이오와주' },
  KS: { en: 'Kansas', 'zh-Hans': '堪萨斯州', 'zh-Hant': '堪薩斯州', ja: 'カンザス州', ko: '캔자스주' },
  MI: { en: 'Michigan', 'zh-Hans': '密歇根州', 'zh-Hant': '密西根州', ja: 'ミシガン州', ko: '미시간주' },
  MN: {
    en: 'Minnesota',
    'zh-Hans': '明尼苏达州',
    'zh-Hant': '明尼蘇達州',
    ja: 'ミネソタ州',
    ko: '미네소타주',
  },
  MO: { en: 'Missouri', 'zh-Hans': '密苏里州', 'zh-Hant': '密蘇里州', ja: 'ミズーリ州', ko: '미주리주' },
  NE: {
    en: 'Nebraska',
    'zh-Hans': '内布拉斯加州',
    'zh-Hant': '內布拉斯加州',
    ja: 'ネブラスカ州',
    ko: '네브래스카주',
  },
  ND: {
    en: 'North Dakota',
    'zh-Hans': '北达科他州',
    'zh-Hant': '北達科他州',
    ja: 'ノースダコタ州',
    ko: '노스다코타주',
  },
  OH: { en: 'Ohio', 'zh-Hans': '俄亥俄州', 'zh-Hant': '俄亥俄州', ja: 'オハイオ州', ko: '오하이오주' },
  SD: {
    en: 'South Dakota',
    'zh-Hans': '南达科他州',
    'zh-Hant': '南達科他州',
    ja: 'サウスダコタ州',
    ko: '사우스다코타주',
  },
  WI: {
    en: 'Wisconsin',
    'zh-Hans': '威斯康星州',
    'zh-Hant': '威斯康辛州',
    ja: 'ウィスコンシン州',
    ko: '위스콘신주',
  },
};

export const stateName = (code: string, locale: Locale): string => NAMES[code]?.[locale] ?? code;
