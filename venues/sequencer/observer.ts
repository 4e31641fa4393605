/**
 * What an outside observer of the sequencer can see, kept apart from the internal truth (truth.ts):
 * heartbeats and their silences, sequence numbers that do not follow (jumps forward, rewinds),
 * epoch changes, and the venue's announcements (failover announced, takeover = session reset).
 * Seed 001 section 2A: "gap events", "failover markers (session reset, channel switch, heartbeat
 * anomalies)". The observer sees the messages at the venue's instant; transport latency to a real
 * participant is added by whoever carries them (sessions, feed).
 *
 * Leaves out: inference (classifying the regime is a policy's job); this only records signals.
 * Parameter: `heartbeatIntervalNs` is the announced interval; a silence longer than
 * `gapFactor` intervals (default 1.5) is an anomaly.
 */
import type { Ns } from '../../sim/index.ts';
import type { NodeName, SequencedOutput, SequencerHeartbeat, SequencerListener, SessionMarker } from './types.ts';

export type ObservedSignal =
  | { readonly kind: 'heartbeat-gap'; readonly fromNs: Ns; readonly toNs: Ns }
  | { readonly kind: 'node-change'; readonly atNs: Ns; readonly from: NodeName; readonly to: NodeName }
  | { readonly kind: 'sequence-jump'; readonly atNs: Ns; readonly expectedSeq: number; readonly seenSeq: number; readonly epoch: number }
  | { readonly kind: 'epoch-change'; readonly atNs: Ns; readonly from: number; readonly to: number }
  | { readonly kind: 'failover-announced'; readonly atNs: Ns; readonly node: NodeName }
  | { readonly kind: 'session-reset'; readonly atNs: Ns; readonly node: NodeName; readonly resumeSeq: number };

export class SequencerObserver<I, O> implements SequencerListener<I, O> {
  readonly signals: ObservedSignal[] = [];
  private lastHeartbeatNs: Ns | undefined;
  private lastNode: NodeName | undefined;
  private lastEpoch: number | undefined;
  private expectedSeq: number | undefined;
  private rejects = 0;
  private outputs = 0;

  constructor(readonly heartbeatIntervalNs: Ns, readonly gapFactor = 1.5) {}

  get outputCount(): number {
    return this.outputs;
  }
  get rejectCount(): number {
    return this.rejects;
  }

  /** Time since the last heartbeat: the point-in-time signal a participant would alarm on. */
  heartbeatSilenceNs(nowNs: Ns): Ns {
    return this.lastHeartbeatNs === undefined ? nowNs : nowNs - this.lastHeartbeatNs;
  }

  onSequenced(output: SequencedOutput<O>): void {
    this.outputs++;
    this.noteEpoch(output.epoch, output.producedAtNs);
    if (this.expectedSeq !== undefined && output.seq !== this.expectedSeq) {
      this.signals.push({ kind: 'sequence-jump', atNs: output.producedAtNs, expectedSeq: this.expectedSeq, seenSeq: output.seq, epoch: output.epoch });
    }
    this.expectedSeq = output.seq + 1;
  }

  onRejected(_input: I, _atNs: Ns): void {
    this.rejects++;
  }

  onHeartbeat(heartbeat: SequencerHeartbeat): void {
    if (this.lastHeartbeatNs !== undefined && heartbeat.atNs - this.lastHeartbeatNs > this.gapFactor * this.heartbeatIntervalNs) {
      this.signals.push({ kind: 'heartbeat-gap', fromNs: this.lastHeartbeatNs, toNs: heartbeat.atNs });
    }
    if (this.lastNode !== undefined && heartbeat.node !== this.lastNode) {
      this.signals.push({ kind: 'node-change', atNs: heartbeat.atNs, from: this.lastNode, to: heartbeat.node });
    }
    this.noteEpoch(heartbeat.epoch, heartbeat.atNs);
    this.lastHeartbeatNs = heartbeat.atNs;
    this.lastNode = heartbeat.node;
  }

  onMarker(marker: SessionMarker): void {
    this.noteEpoch(marker.epoch, marker.atNs);
    if (marker.kind === 'failover-announced') {
      this.signals.push({ kind: 'failover-announced', atNs: marker.atNs, node: marker.node });
    } else {
      this.signals.push({ kind: 'session-reset', atNs: marker.atNs, node: marker.node, resumeSeq: marker.resumeSeq });
    }
  }

  /** Signals of one kind, in the order seen. */
  ofKind<K extends ObservedSignal['kind']>(kind: K): Extract<ObservedSignal, { kind: K }>[] {
    return this.signals.filter((signal): signal is Extract<ObservedSignal, { kind: K }> => signal.kind === kind);
  }

  private noteEpoch(epoch: number, atNs: Ns): void {
    if (this.lastEpoch !== undefined && epoch !== this.lastEpoch) this.signals.push({ kind: 'epoch-change', atNs, from: this.lastEpoch, to: epoch });
    this.lastEpoch = epoch;
  }
}

/** Passes every sequencer notice to several listeners in order (the venue and an observer, say). */
export class FanOutListener<I, O> implements SequencerListener<I, O> {
  constructor(private readonly listeners: readonly SequencerListener<I, O>[]) {}
  onSequenced(output: SequencedOutput<O>): void {
    for (const listener of this.listeners) listener.onSequenced(output);
  }
  onBatchSequenced(atNs: Ns): void {
    for (const listener of this.listeners) listener.onBatchSequenced?.(atNs);
  }
  onRejected(input: I, atNs: Ns): void {
    for (const listener of this.listeners) listener.onRejected(input, atNs);
  }
  onHeartbeat(heartbeat: SequencerHeartbeat): void {
    for (const listener of this.listeners) listener.onHeartbeat(heartbeat);
  }
  onMarker(marker: SessionMarker): void {
    for (const listener of this.listeners) listener.onMarker(marker);
  }
}
