import { defineMessages } from './define.ts';

/** The trust pages' strings, in the five languages. */
export const trustMessages = defineMessages({
  en: {},
  'zh-Hans': {},
  'zh-Hant': {},
  ja: {},
  ko: {},
});
