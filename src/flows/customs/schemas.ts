import { z } from 'zod';

/** China's CBEC "three documents" of one order, their cross-check, and what the ship gate declared. */
export const CustomsRecordsJson = z.object({
  orderNo: z.string(),
  records: z.object({ ceb311: z.string(), ceb411: z.string(), ceb511: z.string().nullable() }),
  crossCheck: z.object({
    ok: z.boolean(),
    problems: z.array(z.object({ code: z.string(), message: z.string() })),
  }),
  missing: z.array(z.string()),
  declared: z.array(
    z.object({
      kind: z.string(),
      body: z.string(),
      digest: z.string(),
      declaredAt: z.string(),
      matchesCurrent: z.boolean().nullable(),
    }),
  ),
});

/*
 * A shipping paper as the response schema checks it: its kind, order and status, every other field
 * passed through. The document's full shape is CommercialInvoiceJson / PackingListJson in the
 * compliance module.
 */
const ShippingPaperJson = <K extends string>(kind: K) =>
  z.looseObject({ kind: z.literal(kind), orderId: z.string(), status: z.string() });

export const CommercialInvoiceJson = ShippingPaperJson('commercial_invoice');
export const PackingListJson = ShippingPaperJson('packing_list');
