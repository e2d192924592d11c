import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../kernel/locales.ts';
import type { VerificationKind } from './verification-evidence.ts';
import { badgeLabel, computeVerification, verificationDefinitions } from './verification-levels.ts';

const TODAY = '2026-12-01';
const approved = (...kinds: VerificationKind[]) => kinds.map((kind) => ({ kind, expiresOn: null }));

describe('verification levels', () => {
  it('labels every level and badge in every locale', () => {
    const defs = verificationDefinitions();
    expect(defs.levels.map((l) => l.code)).toEqual([
      'business_verified',
      'address_verified',
      'payout_verified',
    ]);
    for (const code of ['business_verified', 'address_verified', 'payout_verified', 'verified_farm'])
      for (const locale of LOCALES) expect(badgeLabel(code, locale)).not.toBe(code);
  });

  it('climbs level by level, each listing what it still lacks', () => {
    const steps: [VerificationKind[], number, string[]][] = [
      [[], 0, ['business_registration']],
      [['business_registration'], 1, ['business_address']],
      [['business_registration', 'business_address'], 2, ['bank_account']],
      [['business_registration', 'business_address', 'bank_account'], 3, []],
    ];
    for (const [kinds, level, missing] of steps) {
      const v = computeVerification({ einOnFile: true, isFarm: false, approved: approved(...kinds) }, TODAY);
      expect(v.level).toBe(level);
      expect(v.missing).toEqual(missing);
      expect(v.badges).toEqual(level === 0 ? [] : [v.levelCode]);
      expect(v.progress.find((p) => p.code === 'verified_farm')).toBeUndefined();
    }
  });

  it('reaches no level without an EIN, and never skips a level', () => {
    const noEin = computeVerification(
      { einOnFile: false, isFarm: false, approved: approved('business_registration') },
      TODAY,
    );
    expect(noEin.level).toBe(0);
    expect(noEin.missing).toEqual(['ein']);
    const skipped = computeVerification(
      { einOnFile: true, isFarm: false, approved: approved('business_address', 'bank_account') },
      TODAY,
    );
    expect(skipped.level).toBe(0);
    expect(skipped.progress.find((p) => p.level === 3)?.missing).toEqual(['business_registration']);
  });

  it('gives a farm the verified_farm badge for an unexpired farm document', () => {
    const farm = (expiresOn: string | null) =>
      computeVerification(
        {
          einOnFile: true,
          isFarm: true,
          approved: [...approved('business_registration'), { kind: 'farm_document', expiresOn }],
        },
        TODAY,
      );
    expect(farm(null).badges).toEqual(['business_verified', 'verified_farm']);
    expect(farm('2026-12-01').badges).toContain('verified_farm'); // valid through its last day
    const lapsed = farm('2026-11-30');
    expect(lapsed.badges).toEqual(['business_verified']);
    expect(lapsed.progress.find((p) => p.code === 'verified_farm')?.missing).toEqual(['farm_document']);
    const manufacturer = computeVerification(
      { einOnFile: true, isFarm: false, approved: approved('business_registration', 'farm_document') },
      TODAY,
    );
    expect(manufacturer.badges).toEqual(['business_verified']);
  });
});
