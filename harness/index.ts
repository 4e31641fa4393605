// The public surface of the harness.
export { main } from './cli.ts';
export * from './errors.ts';
