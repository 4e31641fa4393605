/**
 * The sequencer's internal truth, for the harness and tests only (participants never see it):
 * a timeline of what happened and when, the journal entries lost at lossy takeovers, and a sampled
 * series of replay backlog length (RBL, messages) and replay lag (RLD, ns behind the live clock).
 *
 * RBL is the number of inbound messages waiting for the sequencer, whatever the phase; RLD is the
 * age of the oldest of them (0 when none waits): how far behind the live clock the venue's output
 * is. METRICS.md "Replay and sequencing"; seed 001 "replay throughput, drain slope, residual backlog".
 * Samples go into growable typed arrays at a fixed interval, so sampling allocates nothing per event.
 */
import type { Ns } from '../../sim/index.ts';
import type { JournalEntry } from './journal.ts';
import type { NodeName, SequencerPhase } from './types.ts';

export type TimelineEventKind =
  | 'stall-begin'
  | 'stall-end'
  | 'crash'
  | 'detected'
  | 'failover-announced'
  | 'takeover'
  | 'entries-lost'
  | 'entries-rederived'
  | 'replay-drained';

export interface TimelineEvent {
  readonly atNs: Ns;
  readonly kind: TimelineEventKind;
  /** The node active after the event. */
  readonly node: NodeName;
  /** Inbound messages waiting at the event (RBL). */
  readonly backlog: number;
  /** Entries lost or re-derived, for those kinds; 0 otherwise. */
  readonly entries: number;
}

const PHASE_CODES: Record<SequencerPhase, number> = { normal: 0, stalled: 1, down: 2, transition: 3, replay: 4 };
export const PHASE_BY_CODE: readonly SequencerPhase[] = ['normal', 'stalled', 'down', 'transition', 'replay'];

export class BacklogSeries {
  private times = new Float64Array(256);
  private lengths = new Float64Array(256);
  private lags = new Float64Array(256);
  private phases = new Uint8Array(256);
  private size = 0;

  get length(): number {
    return this.size;
  }

  record(atNs: Ns, backlog: number, lagNs: Ns, phase: SequencerPhase): void {
    if (this.size === this.times.length) this.grow();
    this.times[this.size] = atNs;
    this.lengths[this.size] = backlog;
    this.lags[this.size] = lagNs;
    this.phases[this.size] = PHASE_CODES[phase];
    this.size++;
  }

  timeNs(i: number): Ns {
    return this.times[i];
  }
  backlog(i: number): number {
    return this.lengths[i];
  }
  lagNs(i: number): Ns {
    return this.lags[i];
  }
  phase(i: number): SequencerPhase {
    return PHASE_BY_CODE[this.phases[i]];
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const lengths = new Float64Array(capacity);
    const lags = new Float64Array(capacity);
    const phases = new Uint8Array(capacity);
    times.set(this.times);
    lengths.set(this.lengths);
    lags.set(this.lags);
    phases.set(this.phases);
    this.times = times;
    this.lengths = lengths;
    this.lags = lags;
    this.phases = phases;
  }
}

export class SequencerTruth<I, O> {
  readonly timeline: TimelineEvent[] = [];
  /** Entries discarded by lossy takeovers, in order: their outputs were published, then forgotten. */
  readonly lostEntries: JournalEntry<I, O>[] = [];
  readonly series = new BacklogSeries();

  note(atNs: Ns, kind: TimelineEventKind, node: NodeName, backlog: number, entries = 0): void {
    this.timeline.push({ atNs, kind, node, backlog, entries });
  }

  /** Events of one kind, in time order. */
  events(kind: TimelineEventKind): TimelineEvent[] {
    return this.timeline.filter((event) => event.kind === kind);
  }
}
