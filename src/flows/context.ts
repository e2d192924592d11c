import type { Config } from '../config.js';
import type { Ctx } from '../kernel/context.js';
import type { PaymentProvider } from '../modules/payments/index.js';

/** What the cross-module flows need: the database and clock, configuration, and the payment provider. */
export interface FlowCtx extends Ctx {
  config: Config;
  provider: PaymentProvider;
}
