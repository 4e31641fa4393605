// The public surface of the discrete-event kernel. It knows nothing of trading.
export * from './time.ts';
export * from './duration.ts';
export * from './invariant.ts';
export * from './kernel.ts';
export * from './random.ts';
export * from './distributions.ts';
export * from './trace.ts';
export * from './stats/index.ts';
