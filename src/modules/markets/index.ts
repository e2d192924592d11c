/** Markets: destination markets, their currencies and locales, and USD→currency FX rates. */
export { latestRate, rateById, USD_IDENTITY_RATE } from './fx-rates.js';
export { getMarket, listMarkets } from './list-markets.js';
export { loadMarketData } from './load-market-data.js';
export { marketsRoutes } from './routes.js';
export { setRate } from './set-rate.js';
export type { FxRate, Market } from './types.js';
