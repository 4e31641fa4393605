// The public surface of venues/; modules add their exports here.
export {};
export * from './sequencer/index.ts';
export * from './feed/index.ts';
export * from './venue/index.ts';
export * from './book/index.ts';
export * from './flow/index.ts';
export * from './gateway/index.ts';
export * from './market/index.ts';
