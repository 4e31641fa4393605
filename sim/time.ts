/**
 * Simulated time: an integer count of nanoseconds since the run's time zero.
 *
 * A plain `number` holds integers exactly up to 2^53 ns (about 104 days), far beyond any episode,
 * and is an order of magnitude cheaper than `bigint` on the hot path. Conversions round to the
 * nearest nanosecond so that a float from a distribution never leaks into the clock.
 */
export type Ns = number;

export const NS_PER_US = 1_000;
export const NS_PER_MS = 1_000_000;
export const NS_PER_S = 1_000_000_000;
export const NS_PER_MIN = 60 * NS_PER_S;
export const NS_PER_HOUR = 60 * NS_PER_MIN;

export const nsFromSeconds = (seconds: number): Ns => Math.round(seconds * NS_PER_S);
export const nsFromMillis = (millis: number): Ns => Math.round(millis * NS_PER_MS);
export const nsFromMicros = (micros: number): Ns => Math.round(micros * NS_PER_US);
export const secondsFromNs = (ns: Ns): number => ns / NS_PER_S;
export const millisFromNs = (ns: Ns): number => ns / NS_PER_MS;
