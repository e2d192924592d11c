import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signSandboxWebhook, verifySandboxWebhook } from './webhook.ts';

const SECRET = 'whsec_test';
const at = new Date('2026-11-24T10:00:00Z');
const body = JSON.stringify({
  id: 'evt_0192abcd',
  type: 'charge.succeeded',
  createdAt: at.toISOString(),
  data: { objectId: 'pi_1', providerRef: 'ch_1', amount: { amount: 12_345, currency: 'CNY' } },
});

describe('sandbox webhook signatures', () => {
  it('accepts a good signature and parses the event with bigint money', () => {
    const event = verifySandboxWebhook(SECRET, body, signSandboxWebhook(SECRET, body, at), at);
    expect(event).toEqual({
      id: 'evt_0192abcd',
      type: 'charge.succeeded',
      createdAt: at.toISOString(),
      objectId: 'pi_1',
      providerRef: 'ch_1',
      amount: { amount: 12_345n, currency: 'CNY' },
    });
  });

  it('signs t.body with HMAC-SHA256 in the documented header form', () => {
    // t = 1795514400 is 2026-11-24T10:00:00Z in Unix seconds.
    const expected = createHmac('sha256', SECRET).update('1795514400.x').digest('hex');
    expect(signSandboxWebhook(SECRET, 'x', at)).toBe(`t=1795514400,v1=${expected}`);
  });

  it.each([
    [
      'a tampered body',
      () => [SECRET, body.replace('12345', '12346'), signSandboxWebhook(SECRET, body, at), at],
    ],
    ['a wrong secret', () => [SECRET, body, signSandboxWebhook('whsec_other', body, at), at]],
    [
      'a stale timestamp',
      () => [SECRET, body, signSandboxWebhook(SECRET, body, at), new Date(at.getTime() + 301_000)],
    ],
    [
      'a timestamp from the future',
      () => [SECRET, body, signSandboxWebhook(SECRET, body, at), new Date(at.getTime() - 301_000)],
    ],
    ['no header', () => [SECRET, body, undefined, at]],
    ['a malformed header', () => [SECRET, body, 'v1=abc', at]],
  ] satisfies [string, () => [string, string, string | undefined, Date]][])(
    'refuses %s as payments.bad_signature',
    (_name, args) => {
      const [secret, raw, header, now] = args();
      expect(() => verifySandboxWebhook(secret, raw, header, now)).toThrow(
        expect.objectContaining({ code: 'payments.bad_signature', kind: 'unauthenticated' }),
      );
    },
  );

  it('accepts a timestamp just inside the five-minute tolerance', () => {
    const header = signSandboxWebhook(SECRET, body, at);
    expect(verifySandboxWebhook(SECRET, body, header, new Date(at.getTime() + 300_000)).id).toBe(
      'evt_0192abcd',
    );
  });

  it('refuses a correctly signed body that is not a payment event', () => {
    const bad = JSON.stringify({ id: 'evt_1', type: 'charge.exploded', data: {} });
    expect(() => verifySandboxWebhook(SECRET, bad, signSandboxWebhook(SECRET, bad, at), at)).toThrow(
      expect.objectContaining({ code: 'payments.bad_webhook_payload' }),
    );
  });
});
