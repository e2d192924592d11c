import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';
import { file, formData } from './support/multipart.ts';

/** The files a seller uploads as verification evidence (the onboarding wizard's uploads). */
describe('seller verification documents', () => {
  let h: Heartland;
  let agent: Actor;
  let farm: { staff: Actor; sellerId: string };

  const PDF = Buffer.from('%PDF-1.4\n% articles of organization\n%%EOF\n');
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const JPEG = Buffer.from('ffd8ffe000104a464946', 'hex');

  beforeAll(async () => {
    h = await startHeartland();
    const admin = await h.actor('admin@docs.test', [{ role: 'platform_admin' }]);
    agent = await h.actor('agent@docs.test', [{ role: 'trust_agent' }]);
    farm = await onboardVerifiedSeller(h, admin, {
      key: 'docs-farm',
      legalName: 'Ridge Farm',
      documents: false,
    });
  });
  afterAll(() => h.close());

  /** Sent as the onboarding wizard sends it: multipart/form-data, the scan in `document.content`. */
  const submit = (evidence: Record<string, unknown>) =>
    farm.staff.post(`/api/v1/sellers/${farm.sellerId}/verification/items`, formData(evidence));
  const items = async () =>
    (await farm.staff.get(`/api/v1/sellers/${farm.sellerId}/verification`)).json().items as {
      id: string;
      kind: string;
      status: string;
      document: { name: string; sha256: string; uploadedBytes: number | null } | null;
      decisionReason: string | null;
    }[];
  const registration = (name: string, content: Buffer) => ({
    kind: 'business_registration',
    stateOfRegistration: 'WI',
    entityNumber: 'R054321',
    document: { content: file(content, name, 'application/pdf') },
  });

  it('refuses a file that is not a PDF, PNG or JPEG, or is empty, next to the document field', async () => {
    const text = await submit(registration('articles.pdf', Buffer.from('just some text, named .pdf')));
    expect([text.statusCode, text.json().code]).toEqual([415, 'upload.unsupported_type']);
    expect(text.headers['content-type']).toContain('application/problem+json');
    expect(text.json().errors).toEqual([
      {
        path: 'body.document.content',
        message: 'The file must be a PDF, PNG or JPEG (by its content, not its name).',
      },
    ]);
    const gif = await submit(registration('scan.gif', Buffer.from('GIF89a\x01\x00\x01\x00')));
    expect([gif.statusCode, gif.json().code]).toEqual([415, 'upload.unsupported_type']);
    const empty = await submit(registration('empty.pdf', Buffer.alloc(0)));
    expect([empty.statusCode, empty.json().code]).toEqual([400, 'upload.empty']);
    expect(await items()).toEqual([]); // nothing refused is kept
  });

  it('reports a missing field by its path, as the wizard shows it', async () => {
    const { entityNumber: _, ...noNumber } = registration('articles.pdf', PDF);
    const res = await submit(noNumber);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body.entityNumber');
  });

  it('keeps an uploaded PDF for review, then takes a replacement for a rejected one', async () => {
    const first = await submit(registration('articles.pdf', PDF));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      status: 'pending',
      document: {
        name: 'articles.pdf',
        sha256: createHash('sha256').update(PDF).digest('hex'),
        uploadedBytes: PDF.length,
      },
    });
    const rejected = await agent.post(`/api/v1/trust/seller-verification/${first.json().id}/decision`, {
      decision: 'reject',
      reason: 'The scan is cut off; send every page.',
    });
    expect(rejected.statusCode).toBe(200);

    const again = await submit(registration('articles-all-pages.png', PNG));
    expect(again.statusCode, again.body).toBe(201);
    const listed = await items();
    expect(listed.map((i) => [i.status, i.document?.name, i.decisionReason])).toEqual([
      ['pending', 'articles-all-pages.png', null],
      ['rejected', 'articles.pdf', 'The scan is cut off; send every page.'],
    ]);
  });

  it('takes a farm document with a JPEG photo, or with its number alone', async () => {
    const organic = await submit({
      kind: 'farm_document',
      documentKind: 'usda_organic_certificate',
      number: 'MOSA-2026-7',
      certifier: 'MOSA',
      expiresOn: '2027-06-30',
      document: { content: file(JPEG, 'organic.jpg', 'image/jpeg') },
    });
    expect(organic.statusCode, organic.body).toBe(201);
    expect(organic.json().document).toMatchObject({ name: 'organic.jpg', uploadedBytes: JPEG.length });
    const fsa = await submit({ kind: 'farm_document', documentKind: 'usda_fsa_farm_number', number: '4417' });
    expect([fsa.statusCode, fsa.json().document]).toEqual([201, null]);
  });
});
