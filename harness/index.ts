// The public surface of the harness.
export { main } from './cli.ts';
export * from './errors.ts';
export * from './sweep/index.ts';
export * from './compare/index.ts';
export * from './drill/index.ts';
export * from './facts/index.ts';
