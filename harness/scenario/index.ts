// Scenario files: schema, loading and validation.
export * from './schema.ts';
export * from './faults.ts';
export * from './primitives.ts';
export * from './load.ts';
export * from './json-schema.ts';
export { timeZeroOf, defaultTimeZeroNs, SESSION_OPEN, SESSION_CLOSE } from './clock-times.ts';
