/**
 * Times as a person reads them: the session clock (scenario time 0 is the scenario's `timeZero`, a time of
 * the trading day), with the time from the fault's onset (the first fault that fired) beside it; lengths in
 * seconds or milliseconds, never raw nanoseconds. `sinceParentS` stays in the structured events for machines.
 */
import { formatClockTime, formatDuration, NS_PER_S, type Ns } from '../../sim/index.ts';
import type { TimedEvent } from './narrative.ts';

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

export class EpisodeClock {
  constructor(
    /** ns since midnight of scenario time 0. */
    readonly timeZeroNs: Ns,
    readonly parentStartNs: Ns,
    readonly faultOnsetNs: Ns | null,
  ) {}

  sinceParentS(atNs: Ns): number {
    return round((atNs - this.parentStartNs) / NS_PER_S, 3);
  }

  sinceFaultS(atNs: Ns): number | null {
    return this.faultOnsetNs === null ? null : round((atNs - this.faultOnsetNs) / NS_PER_S, 3);
  }

  /** The session clock time, to the millisecond: `12:00:46.250`. */
  clockTime(atNs: Ns): string {
    return formatClockTime(this.timeZeroNs + atNs, 3);
  }

  /** "12:00:46.250 (fault +1.41 s)": the session clock first, the time from the fault's onset second. */
  at(atNs: Ns): string {
    const since = this.sinceFaultS(atNs);
    return since === null ? this.clockTime(atNs) : `${this.clockTime(atNs)} (fault ${since < 0 ? '-' : '+'}${Math.abs(since).toFixed(2)} s)`;
  }

  event(atNs: Ns, text: string): TimedEvent {
    return { atNs, clock: this.clockTime(atNs), sinceParentS: this.sinceParentS(atNs), sinceFaultS: this.sinceFaultS(atNs), text };
  }
}

/** A length for people: `2.50 s`, `250 ms`. */
export const seconds = (ns: Ns): string => (Math.abs(ns) >= NS_PER_S ? `${(ns / NS_PER_S).toFixed(2)} s` : formatDuration(ns).replace(/(ms|us|ns)$/, ' $1'));
/** Bps to two places; a value that rounds to zero prints as 0.00, never -0.00. */
export const bps = (value: number | null | undefined): string =>
  value === null || value === undefined ? 'n/a' : `${(Math.abs(value) < 0.005 ? 0 : value).toFixed(2)} bps`;
