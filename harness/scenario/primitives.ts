/**
 * Building blocks of the scenario schema: durations and clock times with units, latency models by
 * name, times that may be drawn per seed. Durations are written with units (`250ms`, `40us`, `2s`) and
 * resolve to integer nanoseconds; a bare number is rejected so a unit is never guessed.
 */
import { z } from 'zod';
import { NS_PER_HOUR, parseClockTime, parseDuration } from '../../sim/index.ts';

const DURATION_PATTERN = /^\d+(?:\.\d+)?(?:ns|us|ms|s|min|m|h)$/;
const DURATION_HINT = 'a duration with a unit, such as 250ms, 40us, 2s, 1.5m or 1h';

/** No duration in a scenario is longer than this; beyond it a number of nanoseconds stops being exact. */
const DURATION_MAX_NS = 7 * 24 * NS_PER_HOUR;

/** Nanoseconds of a duration or offset the pattern admitted, or an issue: one too long overflows parseDuration. */
function withinAWeek(text: string, ctx: z.RefinementCtx, expected: string): number {
  let ns: number;
  try {
    ns = parseDuration(text);
  } catch {
    ns = Number.POSITIVE_INFINITY;
  }
  if (ns <= DURATION_MAX_NS) return ns;
  ctx.addIssue({ code: 'custom', message: `${text} is longer than a week: expected ${expected}, at most 168h` });
  return z.NEVER;
}

export const duration = z
  .string({ error: `expected ${DURATION_HINT}` })
  .regex(DURATION_PATTERN, { error: `expected ${DURATION_HINT}` })
  .transform((text, ctx) => withinAWeek(text, ctx, DURATION_HINT))
  .meta({ examples: ['250ms', '2s', '1.5m'] });

const TIME_POINT_PATTERN = /^(?:\d+(?:\.\d+)?(?:ns|us|ms|s|min|m|h)|\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)$/;
const TIME_POINT_HINT = "a time: an offset from the scenario's time zero with a unit (40s, 1.5m) or a clock time of the trading day (12:00:40)";

/**
 * A point in time: an offset from scenario time 0, or a clock time of the day. Loading turns clock times
 * into offsets first (clock-times.ts), so the transform only ever sees an offset from a scenario file.
 */
export const timePoint = z
  .string({ error: `expected ${TIME_POINT_HINT}` })
  .regex(TIME_POINT_PATTERN, { error: `expected ${TIME_POINT_HINT}` })
  .transform((text, ctx) => {
    if (text.includes(':')) {
      ctx.addIssue({ code: 'custom', message: `${text}: a clock time is read against the scenario's timeZero, which only a whole scenario has` });
      return z.NEVER;
    }
    return withinAWeek(text, ctx, TIME_POINT_HINT);
  })
  .meta({ description: TIME_POINT_HINT });

export const clockTime = z
  .string({ error: 'expected a clock time HH:MM:SS' })
  .regex(/^\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?$/, { error: 'expected a clock time HH:MM:SS such as 09:30:00' })
  .transform((text, ctx) => {
    try {
      return parseClockTime(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

export const probability = z.number({ error: 'expected a probability between 0 and 1' }).min(0).max(1);
export const positiveInt = z.number({ error: 'expected a whole number >= 1' }).int().positive();
export const nonNegativeInt = z.number({ error: 'expected a whole number >= 0' }).int().nonnegative();
export const positive = z.number({ error: 'expected a number > 0' }).positive();

/** A duration a distribution divides by or takes the logarithm of: 0s would stop the run, so validate refuses it. */
const durationAboveZero = duration.refine((ns) => ns > 0, { error: 'expected a duration above 0' });

/** A latency or service-time model, chosen by name (STYLE.md 6). */
export const latencyModel = z.discriminatedUnion('model', [
  z.strictObject({ model: z.literal('constant').describe('Always the same time.'), value: duration.describe('The time.') }),
  z.strictObject({ model: z.literal('exponential').describe('Exponentially distributed (memoryless).'), mean: durationAboveZero.describe('The mean time.') }),
  z.strictObject({
    model: z.literal('lognormal').describe('Lognormally distributed, given by its median and its 99th percentile.'),
    median: durationAboveZero.describe('The median time.'),
    p99: duration.describe('The 99th percentile: one draw in a hundred is slower.'),
  })
    // Below the median, the fit's spread would be negative: the run would stop on it, so validate does.
    .refine((model) => model.p99 >= model.median, { path: ['p99'], error: 'the 99th percentile must not be below the median' }),
]);
export type LatencyModelSpec = z.output<typeof latencyModel>;

/**
 * A time within the episode: fixed, or drawn per seed uniformly between two bounds (swarm testing:
 * each seed draws its own fault timing from stream `fault.<index>.at`).
 */
export const timeSpec = z.union(
  [timePoint, z.strictObject({ between: z.tuple([timePoint, timePoint]).describe('The earliest and the latest time; each seed draws its own between them.') })],
  { error: `expected ${TIME_POINT_HINT}, or { between: [30s, 90s] } to draw it per seed` },
);
export type TimeSpec = z.output<typeof timeSpec>;
