// The public surface of the FIX session engine.
export * from './config.ts';
export * from './store.ts';
export * from './outputs.ts';
export * from './resend.ts';
export * from './inbound-gap.ts';
export * from './outbound-queue.ts';
export * from './session.ts';
export * from './output-applier.ts';
