import { invalid } from '../../kernel/errors.ts';
import type { MarketCode } from '../../kernel/locales.ts';
import { applied, requireRules, rule } from './rules-data.ts';
import type { AppliedRule, ClearanceRoute, Customs } from './types.ts';

/** Which clearance routes a market accepts, and how Heartland picks China's route for an order. */

requireRules(['CN.route.cbec_9610', 'CN.route.cbec_1210', 'CN.route.postal_articles']);

export type CnCbecRoute = 'CN_CBEC_9610' | 'CN_CBEC_1210';

const CN_ROUTES: readonly ClearanceRoute[] = ['CN_CBEC_9610', 'CN_CBEC_1210', 'CN_POSTAL'];
const OTHER_ROUTES: readonly ClearanceRoute[] = ['STANDARD'];

/** The routes a market accepts: China's three; one consumer route, 'STANDARD', everywhere else. */
export const routesFor = (market: MarketCode): readonly ClearanceRoute[] =>
  market === 'CN' ? CN_ROUTES : OTHER_ROUTES;

export const isCnCbecRoute = (route: ClearanceRoute): route is CnCbecRoute =>
  route === 'CN_CBEC_9610' || route === 'CN_CBEC_1210';

/** The route an order takes when none is named: direct purchase (9610) into China, 'STANDARD' elsewhere. */
export const defaultRoute = (market: MarketCode): ClearanceRoute =>
  market === 'CN' ? 'CN_CBEC_9610' : 'STANDARD';

/** The route to use: the default if none is given; one the market refuses → `compliance.invalid_route`. */
export function resolveRoute(market: MarketCode, route: unknown): ClearanceRoute {
  if (route === undefined) return defaultRoute(market);
  const allowed = routesFor(market);
  if (typeof route !== 'string' || !allowed.includes(route as ClearanceRoute)) {
    throw invalid(
      'compliance.invalid_route',
      `${String(route).slice(0, 20)} is not a clearance route into ${market}; use ${allowed.join(', ')}.`,
      { route: String(route).slice(0, 20), allowed: [...allowed] },
    );
  }
  return route as ClearanceRoute;
}

const ROUTE_RULE: Record<'CN_CBEC_9610' | 'CN_CBEC_1210' | 'CN_POSTAL', string> = {
  CN_CBEC_9610: 'CN.route.cbec_9610',
  CN_CBEC_1210: 'CN.route.cbec_1210',
  CN_POSTAL: 'CN.route.postal_articles',
};

/**
 * China's regimes and the customs each stands for. The engine names its China regime from this
 * table, and reads a stored regime back through it: no caller takes a regime's name apart.
 */
const CN_REGIMES = {
  CN_CBEC_9610: { route: 'CN_CBEC_9610', fullRate: false },
  CN_CBEC_9610_FULL_RATE: { route: 'CN_CBEC_9610', fullRate: true },
  CN_CBEC_1210: { route: 'CN_CBEC_1210', fullRate: false },
  CN_CBEC_1210_FULL_RATE: { route: 'CN_CBEC_1210', fullRate: true },
  CN_POSTAL: { route: 'CN_POSTAL', fullRate: false },
  CN_POSTAL_WAIVED: { route: 'CN_POSTAL', fullRate: false },
} as const satisfies Record<string, Customs>;
type CnRegime = keyof typeof CN_REGIMES;

/** The regime of a CBEC parcel: its route, taxed at 70% or in full. */
export const cnCbecRegime = (route: CnCbecRoute, fullRate: boolean): CnRegime =>
  route === 'CN_CBEC_9610'
    ? fullRate
      ? 'CN_CBEC_9610_FULL_RATE'
      : 'CN_CBEC_9610'
    : fullRate
      ? 'CN_CBEC_1210_FULL_RATE'
      : 'CN_CBEC_1210';

/** The regime of a personal postal parcel: taxed, or its small tax waived. */
export const cnPostalRegime = (waived: boolean): CnRegime => (waived ? 'CN_POSTAL_WAIVED' : 'CN_POSTAL');

/** The regime of a parcel with nothing to import (services only). */
export const NO_IMPORT = 'NO_IMPORT';

/**
 * The customs a regime the engine produced stands for: China's from the table above, none for
 * `NO_IMPORT`, and every other market's one route, 'STANDARD'.
 */
export function regimeCustoms(regime: string): Customs | null {
  if (regime === NO_IMPORT) return null;
  if (Object.hasOwn(CN_REGIMES, regime)) return { ...CN_REGIMES[regime as CnRegime] };
  return { route: 'STANDARD', fullRate: false };
}

/**
 * How a stored parcel (a quote's, or an order's) clears customs: the customs stored with it;
 * parcels stored before quotes kept it (and orders, which keep only the regime) read it from the
 * regime through the engine's table.
 */
export function parcelCustoms(parcel: { regime: string; customs?: Customs | null }): Customs | null {
  return parcel.customs !== undefined ? parcel.customs : regimeCustoms(parcel.regime);
}

/** The parcel clears as cross-border e-commerce (9610 or 1210): identity, allowance and CEB records apply. */
export function isCbecParcel(parcel: { regime: string; customs?: Customs | null }): boolean {
  const customs = parcelCustoms(parcel);
  return customs !== null && isCnCbecRoute(customs.route);
}

/** The rule id that describes a China route. */
export const cnRouteRuleId = (route: 'CN_CBEC_9610' | 'CN_CBEC_1210' | 'CN_POSTAL'): string =>
  ROUTE_RULE[route];

/**
 * The China route for a parcel, with the rule it rests on: stock held in a Chinese bonded zone
 * clears as bonded online purchase (1210); a parcel sent by international mail as personal postal
 * articles; any other parcel sent from the US (express, surface) as direct purchase (9610) (C11).
 *
 * @example chooseCnRoute({ shippingMethod: 'express', fulfilledFrom: 'US' }).route // 'CN_CBEC_9610'
 */
export function chooseCnRoute(input: {
  shippingMethod: 'express' | 'surface' | 'postal';
  fulfilledFrom: 'US' | 'CN_BONDED';
  /** The date whose rules apply; now when omitted. */
  at?: Date;
}): { route: 'CN_CBEC_9610' | 'CN_CBEC_1210' | 'CN_POSTAL'; rule: AppliedRule } {
  const { shippingMethod, fulfilledFrom } = input;
  if (!['express', 'surface', 'postal'].includes(shippingMethod)) {
    throw invalid('compliance.invalid_shipping_method', 'shippingMethod must be express, surface or postal.');
  }
  if (fulfilledFrom !== 'US' && fulfilledFrom !== 'CN_BONDED') {
    throw invalid('compliance.invalid_fulfilment', 'fulfilledFrom must be US or CN_BONDED.');
  }
  const route =
    fulfilledFrom === 'CN_BONDED'
      ? 'CN_CBEC_1210'
      : shippingMethod === 'postal'
        ? 'CN_POSTAL'
        : 'CN_CBEC_9610';
  return { route, rule: applied(rule(ROUTE_RULE[route], input.at ?? new Date())) };
}
