// The public surface of the venue's order-entry counterparty.
export * from './config.ts';
export * from './tick-scale.ts';
export * from './dialect.ts';
export type { OrderRecord, PendingRequest } from './order-record.ts';
export { CxlRejReason } from './reports.ts';
export * from './cancel-on-disconnect.ts';
export * from './counterparty.ts';
