// The public surface of the FIX session layer: codec, session engine, simulator glue, TCP adapter.
export * from './codec/index.ts';
export * from './session/index.ts';
export * from './sim/index.ts';
export * from './tcp/index.ts';
export * from './counterparty/index.ts';
export * from './drop-copy/index.ts';
