import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UploadedFile } from '../../kernel/uploaded-file.ts';
import {
  isValidAbaRoutingNumber,
  isValidZip,
  prepareEvidence,
  VerificationItemInput,
} from './verification-evidence.ts';

const KEY = Buffer.alloc(32, 7);

describe('ABA routing number checksum', () => {
  it.each([
    ['011000015', true], // Federal Reserve Bank of Boston
    ['021000021', true], // JPMorgan Chase, New York
    ['011000016', false], // last digit off by one
    ['021000012', false], // two digits swapped
    ['123456789', false],
    ['000000000', true], // all zeros passes the checksum and the 00 (US government) prefix
    ['130000006', false], // checksum holds but 13 is no Federal Reserve district
    ['02100002', false], // eight digits
    ['0210000211', false], // ten digits
    ['02100002a', false],
    ['', false],
  ])('%s → %s', (routing, ok) => {
    expect(isValidAbaRoutingNumber(routing)).toBe(ok);
  });
});

describe('ZIP codes', () => {
  it.each([
    ['53703', true],
    ['53703-1234', true],
    ['5370', false],
    ['537031234', false],
    ['53703-12', false],
    ['00000', false],
    ['ABCDE', false],
  ])('%s → %s', (zip, ok) => {
    expect(isValidZip(zip)).toBe(ok);
  });
});

describe('evidence input', () => {
  const bank = {
    kind: 'bank_account',
    holderName: 'Hilltop Ginseng LLC',
    routingNumber: '021000021',
    accountNumber: '000123456789',
    accountType: 'checking',
  };

  it('keeps only the last four digits and a keyed hash of a bank account number', () => {
    const prepared = prepareEvidence(VerificationItemInput.parse(bank), KEY);
    if (typeof prepared === 'string') throw new Error(prepared);
    expect(prepared.details).toEqual({
      holderName: 'Hilltop Ginseng LLC',
      routingNumber: '021000021',
      accountType: 'checking',
      accountLast4: '6789',
    });
    expect(JSON.stringify(prepared)).not.toContain('000123456789');
    expect(prepared.accountHmac).toMatch(/^[0-9a-f]{64}$/);
    const other = prepareEvidence(VerificationItemInput.parse(bank), Buffer.alloc(32, 8));
    expect(typeof other !== 'string' && other.accountHmac).not.toBe(prepared.accountHmac);
  });

  it('refuses a routing number that fails the checksum and account numbers of the wrong length', () => {
    expect(VerificationItemInput.safeParse({ ...bank, routingNumber: '021000012' }).success).toBe(false);
    expect(VerificationItemInput.safeParse({ ...bank, accountNumber: '123' }).success).toBe(false);
    expect(VerificationItemInput.safeParse({ ...bank, accountNumber: '1'.repeat(18) }).success).toBe(false);
  });

  it('refuses an unknown state code and a bad ZIP in an address', () => {
    const address = {
      kind: 'business_address',
      street: '1 Main St',
      city: 'Wausau',
      state: 'WI',
      zip: '54401',
    };
    expect(VerificationItemInput.safeParse(address).success).toBe(true);
    expect(VerificationItemInput.safeParse({ ...address, state: 'XX' }).success).toBe(false);
    expect(VerificationItemInput.safeParse({ ...address, zip: '5440' }).success).toBe(false);
  });

  it('hashes an upload and refuses one whose given sha256 differs', () => {
    const content = Buffer.from('%PDF-1.4 articles of organization');
    const sha256 = createHash('sha256').update(content).digest('hex');
    const reg = {
      kind: 'business_registration',
      stateOfRegistration: 'WI',
      entityNumber: 'H012345',
      document: { content: new UploadedFile('articles.pdf', content) },
    };
    const prepared = prepareEvidence(VerificationItemInput.parse(reg), KEY);
    expect(typeof prepared !== 'string' && prepared.document?.sha256).toBe(sha256);
    const wrong = { ...reg, document: { ...reg.document, sha256: 'a'.repeat(64) } };
    expect(prepareEvidence(VerificationItemInput.parse(wrong), KEY)).toBe('document_hash_mismatch');
    expect(VerificationItemInput.safeParse({ ...reg, document: { name: 'x.pdf' } }).success).toBe(false);
    // The name defaults to the uploaded file's; a file must come from the upload pipeline.
    expect(typeof prepared !== 'string' && prepared.document?.name).toBe('articles.pdf');
    const forged = { ...reg, document: { name: 'x.pdf', content: { bytes: content } } };
    expect(VerificationItemInput.safeParse(forged).success).toBe(false);
  });

  it('asks an organic certificate for its certifier and expiry, a state registration for its state', () => {
    const organic = { kind: 'farm_document', documentKind: 'usda_organic_certificate', number: 'OC-1' };
    expect(VerificationItemInput.safeParse(organic).success).toBe(false);
    expect(
      VerificationItemInput.safeParse({ ...organic, certifier: 'MOSA', expiresOn: '2027-06-30' }).success,
    ).toBe(true);
    const state = { kind: 'farm_document', documentKind: 'state_farm_registration', number: 'F-9' };
    expect(VerificationItemInput.safeParse(state).success).toBe(false);
    expect(VerificationItemInput.safeParse({ ...state, state: 'WI' }).success).toBe(true);
  });
});
