// The public surface of the sequencer: generic over inbound (I) and output (O) types.
export * from './types.ts';
export * from './journal.ts';
export * from './policies.ts';
export * from './faults.ts';
export * from './truth.ts';
export * from './observer.ts';
export * from './sequencer.ts';
