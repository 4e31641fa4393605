// The public surface of the harness.
export { main } from './cli.ts';
// Units for users' policies and runners: time is an integer count of nanoseconds.
export { NS_PER_US, NS_PER_MS, NS_PER_S, formatDuration, parseDuration, formatClockTime } from '../sim/index.ts';
export * from './errors.ts';
export * from './sweep/index.ts';
export * from './compare/index.ts';
export * from './drill/index.ts';
export * from './facts/index.ts';
