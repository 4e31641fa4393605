/**
 * Times as a new engineer reads them: seconds from the parent order's start, and from the fault's
 * onset (the first fault that fired), rather than raw nanoseconds from the episode's start.
 */
import { NS_PER_S, type Ns } from '../../sim/index.ts';
import type { TimedEvent } from './narrative.ts';

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

export class EpisodeClock {
  constructor(
    readonly parentStartNs: Ns,
    readonly faultOnsetNs: Ns | null,
  ) {}

  sinceParentS(atNs: Ns): number {
    return round((atNs - this.parentStartNs) / NS_PER_S, 3);
  }

  sinceFaultS(atNs: Ns): number | null {
    return this.faultOnsetNs === null ? null : round((atNs - this.faultOnsetNs) / NS_PER_S, 3);
  }

  /** "46.25 s (fault +1.41 s)": the parent's clock first, the fault's second. */
  at(atNs: Ns): string {
    const since = this.sinceFaultS(atNs);
    const parent = `${this.sinceParentS(atNs).toFixed(2)} s`;
    if (since === null) return parent;
    return `${parent} (fault ${since < 0 ? '-' : '+'}${Math.abs(since).toFixed(2)} s)`;
  }

  event(atNs: Ns, text: string): TimedEvent {
    return { atNs, sinceParentS: this.sinceParentS(atNs), sinceFaultS: this.sinceFaultS(atNs), text };
  }
}

export const seconds = (ns: Ns): string => `${(ns / NS_PER_S).toFixed(2)} s`;
/** Bps to two places; a value that rounds to zero prints as 0.00, never -0.00. */
export const bps = (value: number | null | undefined): string =>
  value === null || value === undefined ? 'n/a' : `${(Math.abs(value) < 0.005 ? 0 : value).toFixed(2)} bps`;
