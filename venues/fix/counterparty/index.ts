// The public surface of the venue's order-entry counterparty.
export * from './config.ts';
export * from './tick-scale.ts';
export * from './dialect.ts';
export type { OrderRecord, PendingRequest } from './order-record.ts';
export { BusinessRejectReason, CxlRejReason, MassCancelRejectReason } from './reports.ts';
export { DEFAULT_STATUS_ANSWERS_PER_SEC, PacedAnswers } from './paced-answers.ts';
export type { StatusAnswers } from './status-answers.ts';
export * from './cancel-on-disconnect.ts';
export * from './counterparty.ts';
