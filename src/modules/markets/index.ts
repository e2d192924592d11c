/** Markets: destination markets, their currencies and locales, and USD→currency FX rates. */
export { latestRate, rateById, USD_IDENTITY_RATE } from './fx-rates.ts';
export { getMarket, listMarkets } from './list-markets.ts';
export { loadMarketData } from './load-market-data.ts';
export { MarketView, marketsRoutes } from './routes.ts';
export { setRate } from './set-rate.ts';
export type { FxRate, Market } from './types.ts';
