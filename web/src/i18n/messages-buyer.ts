import { defineMessages } from './define.ts';

/** The buyer pages' strings, in the five languages. */
export const buyerMessages = defineMessages({
  en: {},
  'zh-Hans': {},
  'zh-Hant': {},
  ja: {},
  ko: {},
});
