/**
 * The values a venue's sequencer works with, generic over the inbound message type `I` and the
 * output payload type `O` so that the sequencer knows nothing of orders or books.
 *
 * Models: a replicated state machine (the matching engine) fed a single total order of inbound
 * messages; every output it emits gets a venue sequence number. Seed 001 ("venue sequence number
 * stream", "failover markers") and seed 000 (order truth vs belief).
 * Leaves out: per-session sequence numbers (the FIX layer owns those) and wire formats.
 * Units: every time is integer nanoseconds of simulated time (`Ns`).
 */
import type { Ns } from '../../sim/index.ts';

/** The deterministic engine the sequencer drives (the book in a venue). Determinism matters: a
 * backup rebuilt by replaying the journal must reach the same state, and re-derived outputs must
 * equal the originals. */
export interface StateMachine<I, O> {
  apply(input: I, atNs: Ns, out: OutputCollector<O>): void;
}

export interface OutputCollector<O> {
  emit(payload: O): void;
}

/** A sequenced venue output, as published. `epoch` changes only when a takeover discards journal
 * entries (the venue's truth rewinds), so (epoch, seq) names a message uniquely. */
export interface SequencedOutput<O> {
  readonly seq: number;
  readonly epoch: number;
  readonly producedAtNs: Ns;
  readonly payload: O;
}

export type NodeName = 'A' | 'B';

/** What a sequencer node announces periodically while it is alive and sequencing. */
export interface SequencerHeartbeat {
  readonly atNs: Ns;
  readonly node: NodeName;
  readonly epoch: number;
  /** The sequence number the next output will carry. */
  readonly nextSeq: number;
}

/** Announcements visible to participants: a planned failover, a takeover by the other node
 * (participants see it as a session reset on that venue), and the epoch change of a lossy one. */
export interface SessionMarker {
  readonly atNs: Ns;
  readonly kind: 'failover-announced' | 'takeover';
  readonly node: NodeName;
  readonly epoch: number;
  /** The sequence number the next output will carry: lower than before when entries were lost. */
  readonly resumeSeq: number;
}

/** Everything the sequencer sends outward. The venue routes outputs to owners and the feed. */
export interface SequencerListener<I, O> {
  onSequenced(output: SequencedOutput<O>): void;
  /** The outputs of one input have all been handed on (after its last `onSequenced`, if any). */
  onBatchSequenced?(atNs: Ns): void;
  /** An inbound message refused during a failover transition; it was never sequenced. */
  onRejected(input: I, atNs: Ns): void;
  onHeartbeat(heartbeat: SequencerHeartbeat): void;
  onMarker(marker: SessionMarker): void;
}

/** The sequencer's condition, in seed 001's regime vocabulary (as internal truth, not a guess). */
export type SequencerPhase = 'normal' | 'stalled' | 'down' | 'transition' | 'replay';
