/**
 * Parsing of durations (`250ms`, `40us`, `2s`, `1.5m`, `1h`, `500ns`) and clock times (`09:30:00`,
 * `09:30:00.250`) into integer nanoseconds. Scenario files use these; anything else is a clear error,
 * returned as a message the caller attaches to a file and a path.
 */
import { NS_PER_HOUR, NS_PER_MIN, NS_PER_MS, NS_PER_S, NS_PER_US, type Ns } from './time.ts';

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: NS_PER_US,
  µs: NS_PER_US,
  ms: NS_PER_MS,
  s: NS_PER_S,
  m: NS_PER_MIN,
  min: NS_PER_MIN,
  h: NS_PER_HOUR,
};

const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*(ns|us|µs|ms|s|min|m|h)$/;
const CLOCK_PATTERN = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

export class DurationSyntaxError extends Error {
  constructor(readonly input: string, expected: string) {
    super(`expected ${expected}, got ${JSON.stringify(input)}`);
    this.name = 'DurationSyntaxError';
  }
}

const DURATION_EXPECTED = 'a duration such as 250ms, 40us, 2s, 1.5m or 1h';

/** A non-negative duration in nanoseconds. A bare number is rejected: a unit is always required. */
export function parseDuration(input: string): Ns {
  const match = DURATION_PATTERN.exec(input.trim());
  if (!match) throw new DurationSyntaxError(input, DURATION_EXPECTED);
  const ns = Number(match[1]) * UNIT_NS[match[2]];
  if (!Number.isFinite(ns) || ns > Number.MAX_SAFE_INTEGER) throw new DurationSyntaxError(input, DURATION_EXPECTED);
  return Math.round(ns);
}

/** A time of day, `HH:MM:SS[.fraction]`, as nanoseconds since midnight. */
export function parseClockTime(input: string): Ns {
  const match = CLOCK_PATTERN.exec(input.trim());
  const expected = 'a clock time HH:MM:SS[.fff] such as 09:30:00';
  if (!match) throw new DurationSyntaxError(input, expected);
  const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (hours > 23 || minutes > 59 || seconds > 59) throw new DurationSyntaxError(input, expected);
  const fractionNs = match[4] ? Number(match[4].padEnd(9, '0')) : 0;
  return hours * NS_PER_HOUR + minutes * NS_PER_MIN + seconds * NS_PER_S + fractionNs;
}

/**
 * A time of day for people, `HH:MM:SS` with the fraction to `decimals` places (default: milliseconds when
 * there are any); the inverse of parseClockTime. Times past midnight wrap, as a clock does.
 */
export function formatClockTime(nsSinceMidnight: Ns, decimals?: number): string {
  const day = 24 * NS_PER_HOUR;
  const ns = ((Math.round(nsSinceMidnight) % day) + day) % day;
  const places = decimals ?? (ns % NS_PER_S === 0 ? 0 : 3);
  const scale = 10 ** places;
  // Round once, at the finest digit shown, so 09:59:59.9996 reads 10:00:00.000 rather than 09:59:59.1000.
  const units = Math.round((ns / NS_PER_S) * scale);
  const seconds = Math.floor(units / scale);
  const hh = Math.floor(seconds / 3600) % 24;
  const mm = Math.floor(seconds / 60) % 60;
  const ss = seconds % 60;
  const fraction = places > 0 ? `.${String(units % scale).padStart(places, '0')}` : '';
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}${fraction}`;
}

/** Formats nanoseconds for people: the largest unit that keeps the number readable. */
export function formatDuration(ns: Ns): string {
  const abs = Math.abs(ns);
  if (abs >= NS_PER_S) return `${+(ns / NS_PER_S).toFixed(3)}s`;
  if (abs >= NS_PER_MS) return `${+(ns / NS_PER_MS).toFixed(3)}ms`;
  if (abs >= NS_PER_US) return `${+(ns / NS_PER_US).toFixed(3)}us`;
  return `${ns}ns`;
}
