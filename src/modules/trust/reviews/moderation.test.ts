import { describe, expect, it } from 'vitest';
import { moderate } from './moderation.ts';

/** Each rule both ways, in the languages buyers write in. */
describe('review moderation rules', () => {
  it.each([
    // link
    ['en', 'Cheaper at https://example.com/ginseng', 'link'],
    ['zh-Hans', '更便宜的在 www.example.cn 买', 'link'],
    ['ja', '詳しくは shop-ginseng.jp へ', 'link'],
    ['en', 'Great roots. Mr. Smith said so, and so did I.', null],
    ['zh-Hans', '质量很好，3.5 两，包装完整。', null],
    // email
    ['en', 'Write to me: kim.minjun@example.co.kr', 'email'],
    ['ko', '문의는 kim (at) example (dot) com 으로', 'email'],
    ['ja', 'メールは ｔａｎａｋａ＠ｅｘａｍｐｌｅ．ｊｐ まで', 'email'],
    ['en', 'Arrived at 9am, very fresh.', null],
    // phone numbers
    ['zh-Hans', '需要的话打我电话 138 0013 8000', 'phone_number'],
    ['ja', '電話 090-1234-5678 まで', 'phone_number'],
    ['ko', '연락처 010.1234.5678', 'phone_number'],
    ['en', 'Call (715) 555-0142 for a better price', 'phone_number'],
    ['zh-Hant', '電話：＋８８６ ９１２ ３４５ ６７８', 'phone_number'],
    ['en', 'Ordered 2026-11-24, arrived 2026-12-01, 4 oz for $89.99.', null],
    ['zh-Hans', '11月24日下单，12月1日收到，共 2 盒。', null],
    // off-platform contact
    ['zh-Hans', '想要更便宜的加我微信 ginseng_wi88', 'off_platform_contact'],
    ['zh-Hant', '加微信私聊', 'off_platform_contact'],
    ['en', 'Add me on WeChat for wholesale', 'off_platform_contact'],
    ['ja', 'LINE ID: tanaka_farm までどうぞ', 'off_platform_contact'],
    ['ja', 'ラインで連絡ください', 'off_platform_contact'],
    ['ko', '카톡 아이디: ginsengkim 으로 연락', 'off_platform_contact'],
    ['ko', '카카오톡으로 연락 주세요', 'off_platform_contact'],
    ['en', 'The line at the post office was long, but worth it.', null],
    ['zh-Hans', '用微信支付很方便，参的品质很好', null],
    ['ko', '카카오 선물하기로 샀어요', null],
    // abusive language
    ['en', 'This seller is a fucking liar', 'abusive_language'],
    ['zh-Hans', '卖家傻逼', 'abusive_language'],
    ['zh-Hant', '幹你娘 什麼爛貨', 'abusive_language'],
    ['ja', '死ね、最悪の店', 'abusive_language'],
    ['ko', '병신 같은 포장', 'abusive_language'],
    ['en', 'Best shiitake I have had; the Scunthorpe of mushrooms.', null],
    ['ja', 'しいたけがとても美味しい。', null],
    ['ko', '포장이 정말 좋아요. 다시 살게요.', null],
  ])('%s: %s → %s', (_locale, text, rule) => {
    expect(moderate([text])).toEqual(rule === null ? [] : [rule]);
  });

  it('checks the title as well as the body, and names every rule broken', () => {
    expect(moderate(['see www.example.com', 'call 138 0013 8000'])).toEqual(['link', 'phone_number']);
  });
});
