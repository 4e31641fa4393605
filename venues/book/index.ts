// The public surface of the matching engine.
export * from './types.ts';
export * from './output.ts';
export * from './snapshots.ts';
export * from './order-ids.ts';
export { OrderBook } from './order-book.ts';
