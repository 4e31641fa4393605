/**
 * One clock for a scenario. Scenario time 0 is a time of the trading day, `timeZero` (HH:MM:SS), and a
 * point in time in the file is written either as an offset from it (`40s`, `1.5m`) or as a clock time of
 * the day (`10:00:30`). Records keep nanoseconds from time 0 and state the origin (`timeZeroNs`, since
 * midnight); every output a person reads shows the session clock.
 *
 * The default origin follows the scenario's phase, so that the phase's market profile sits where the clock
 * says it is. The session is assumed to be a US equity day, 09:30:00 to 16:00:00. `open`: 09:30:00 (the
 * open's burst starts at time 0); `midday` and `auction`: 12:00:00; `close`: 16:00:00 minus the episode's
 * length (parent start + horizon + settle: the close is at the episode's end). A close scenario that writes
 * clock times states its `timeZero`, as its default would depend on those very times.
 *
 * Clock times become offsets before validation (`resolveClockTimes`), at the fields that are points in time:
 * a fault's `at` (and its `between` bounds), `parent.start`, `market.intensityWindows[].from` and `.to`.
 * Lengths (`duration`, `horizon`, `settle`, ...) are offsets only.
 */
import { DurationSyntaxError, formatClockTime, NS_PER_S, parseClockTime, type Ns } from '../../sim/index.ts';
import type { Scenario } from './schema.ts';

export const SESSION_OPEN = '09:30:00';
export const SESSION_CLOSE = '16:00:00';
const MIDDAY = '12:00:00';
const CLOCK_TIME = /^\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?$/;

type Phase = Scenario['phase'];

/** The default time zero of a phase; `episodeEndNs` (from time 0) is needed for `close` only. */
export function defaultTimeZeroNs(phase: Phase, episodeEndNs: Ns): Ns {
  if (phase === 'open') return parseClockTime(SESSION_OPEN);
  if (phase === 'close') return parseClockTime(SESSION_CLOSE) - Math.round(episodeEndNs / NS_PER_S) * NS_PER_S;
  return parseClockTime(MIDDAY);
}

/** The session clock time (ns since midnight) of a validated scenario's time 0. */
export function timeZeroOf(scenario: Scenario): Ns {
  return scenario.timeZero ?? defaultTimeZeroNs(scenario.phase, scenario.parent.start + scenario.parent.horizon + scenario.settle);
}

export interface ClockIssue {
  path: string;
  message: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const isClock = (value: unknown): value is string => typeof value === 'string' && CLOCK_TIME.test(value.trim());

/** A clock time's nanoseconds since midnight, or what is wrong with it (25:61:00 has the shape of one, not the range). */
function clockTimeOf(text: string): Ns | string {
  try {
    return parseClockTime(text);
  } catch (error) {
    if (error instanceof DurationSyntaxError) return error.message;
    throw error;
  }
}

/** Every point-in-time field of a raw scenario, with its path and a setter. */
function timePoints(raw: Json): Array<{ path: string; value: unknown; set: (value: string) => void }> {
  const points: Array<{ path: string; value: unknown; set: (value: string) => void }> = [];
  const field = (owner: Json | unknown[], key: string | number, path: string) => {
    const value = (owner as Record<string | number, unknown>)[key];
    points.push({ path, value, set: (text) => ((owner as Record<string | number, unknown>)[key] = text) });
  };
  if (isObject(raw.parent)) field(raw.parent, 'start', 'parent.start');
  if (Array.isArray(raw.faults)) {
    raw.faults.forEach((fault, i) => {
      if (!isObject(fault)) return;
      const at = fault.at;
      const between = isObject(at) && Array.isArray(at.between) ? (at.between as unknown[]) : null;
      if (between !== null) between.forEach((_, j) => field(between, j, `faults[${i}].at.between[${j}]`));
      else field(fault, 'at', `faults[${i}].at`);
    });
  }
  const market = raw.market;
  if (isObject(market) && Array.isArray(market.intensityWindows)) {
    market.intensityWindows.forEach((window, i) => {
      if (!isObject(window)) return;
      field(window, 'from', `market.intensityWindows[${i}].from`);
      field(window, 'to', `market.intensityWindows[${i}].to`);
    });
  }
  return points;
}

/**
 * A raw scenario (parsed YAML) with its clock times turned into offsets from its time zero, and what
 * stood in the way (a clock time before time zero, a close scenario without `timeZero`). A scenario with
 * no clock time comes back as it was. Malformed values are left for the schema to report.
 */
export function resolveClockTimes(raw: unknown): { value: unknown; issues: ClockIssue[] } {
  if (!isObject(raw)) return { value: raw, issues: [] };
  if (!timePoints(raw).some((point) => isClock(point.value))) return { value: raw, issues: [] };
  const copy = structuredClone(raw);
  const points = timePoints(copy).filter((point) => isClock(point.value));
  const phase = (typeof copy.phase === 'string' ? copy.phase : 'midday') as Phase;
  let timeZero: Ns;
  let origin: string;
  const written = isClock(copy.timeZero) ? clockTimeOf(copy.timeZero) : undefined;
  if (typeof written === 'number') {
    timeZero = written;
    origin = `timeZero ${String(copy.timeZero).trim()}`;
  } else if (copy.timeZero !== undefined) {
    return { value: copy, issues: [] }; // the schema says what is wrong with timeZero itself
  } else if (phase === 'close') {
    return { value: copy, issues: [{ path: 'timeZero', message: `this close-phase scenario writes clock times (${points[0].path}), so it must state timeZero: its default, ${SESSION_CLOSE} minus the episode's length, would depend on them` }] };
  } else {
    timeZero = defaultTimeZeroNs(phase, 0);
    origin = `phase ${phase}'s default, ${formatClockTime(timeZero)}`;
  }
  const issues: ClockIssue[] = [];
  for (const point of points) {
    const clock = clockTimeOf(point.value as string);
    if (typeof clock === 'string') issues.push({ path: point.path, message: clock });
    const offset = typeof clock === 'string' ? 0 : clock - timeZero;
    if (offset < 0) issues.push({ path: point.path, message: `${String(point.value).trim()} is before the scenario's time zero (${origin}); write a later time or set timeZero` });
    // A refused time still stands in as 0, so the schema reports only what else is wrong.
    point.set(`${Math.max(0, offset)}ns`);
  }
  return { value: copy, issues };
}
