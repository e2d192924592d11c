export * from './currency.ts';
export * from './money.ts';
export * from './ratio.ts';
