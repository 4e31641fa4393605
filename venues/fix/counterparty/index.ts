// The public surface of the venue's order-entry counterparty.
export * from './config.ts';
export * from './tick-scale.ts';
export * from './dialect.ts';
export * from './order-record.ts';
export * from './order-terms.ts';
export * from './reports.ts';
export * from './cancel-on-disconnect.ts';
export * from './counterparty.ts';
