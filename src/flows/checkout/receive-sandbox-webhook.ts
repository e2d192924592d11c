import * as payments from '../../modules/payments/index.ts';
import type { FlowCtx } from '../context.ts';
import { applyPaymentEvent } from './apply-payment-event.ts';

/**
 * A webhook from the sandbox payment provider: checks its signature over the exact bytes sent
 * (a bad or stale one is refused before anything changes), then applies the event.
 */
export async function receiveSandboxWebhook(
  ctx: FlowCtx,
  rawBody: string,
  signature: string | undefined,
): Promise<{ duplicate: boolean }> {
  const event = payments.verifySandboxWebhook(
    ctx.config.sandboxWebhookSecret,
    rawBody,
    signature,
    ctx.clock.now(),
  );
  return applyPaymentEvent(ctx, 'sandbox', event);
}
