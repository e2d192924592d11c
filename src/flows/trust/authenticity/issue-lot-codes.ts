import { inTransaction } from '../../../db/transaction.ts';
import type { Principal } from '../../../kernel/access.ts';
import * as catalog from '../../../modules/catalog/index.ts';
import * as trust from '../../../modules/trust/index.ts';
import { cjkFace } from '../../../render/pdf/pdf-fonts.ts';
import type { FlowCtx } from '../../context.ts';
import { titleOf } from './product-title.ts';
import { assertManagesLots, sellersLot } from './seller-lot.ts';

export interface IssuedLotCodes {
  batchId: string;
  lotId: string;
  codes: string[];
  replayed: boolean;
  /** The QR label sheet, when asked for. */
  labels?: { pdf: Buffer; fileName: string };
}

/**
 * Issues signed codes for one of the seller's lots (the same reference returns the same codes)
 * and, when asked, lays them out as a QR label sheet whose codes link to the verify page.
 */
export async function issueLotCodes(
  ctx: FlowCtx,
  principal: Principal | null,
  input: {
    sellerId: string;
    lotId: string;
    count: number;
    reference: string;
    paper?: trust.PaperSize;
    labels: boolean;
  },
): Promise<IssuedLotCodes> {
  assertManagesLots(principal, input.sellerId);
  const lot = await sellersLot(ctx.db, input.sellerId, input.lotId);
  const batch = await inTransaction(ctx.db, (tx) =>
    trust.issueCodes(tx, ctx.config.authenticityCodeKey, {
      lotId: lot.id,
      count: input.count,
      reference: input.reference,
      at: ctx.clock.now(),
    }),
  );
  const issued = {
    batchId: batch.batchId,
    lotId: batch.lotId,
    codes: batch.codes.map(trust.formatCode),
    replayed: batch.replayed,
  };
  if (!input.labels) return issued;
  const product = await catalog.getProduct(ctx.db, lot.productId, { includeHidden: true });
  const pdf = await trust.labelSheetPdf(batch.codes, {
    productTitle: titleOf(product, 'en'),
    lotNumber: lot.lotNumber,
    verifyUrlBase: `${ctx.config.publicUrl}/api/v1/authenticity/`,
    ...(input.paper ? { paper: input.paper } : {}),
    font: cjkFace('sc').data,
  });
  return {
    ...issued,
    labels: { pdf, fileName: `labels-${lot.lotNumber.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf` },
  };
}
