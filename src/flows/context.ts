import type { Config } from '../config.ts';
import type { Ctx } from '../kernel/context.ts';
import type { PaymentProvider } from '../modules/payments/index.ts';

/** What the cross-module flows need: the database and clock, configuration, and the payment provider. */
export interface FlowCtx extends Ctx {
  config: Config;
  provider: PaymentProvider;
}
