/**
 * Snapshot recovery's venue side: the venue provides a `SnapshotSource` (its book's state and the
 * feed position that state includes); a `SnapshotChannel` carries a receiver's request there and
 * the snapshot back, each way with a latency model and no loss (a TCP-like channel). The snapshot
 * is taken when the request arrives, so it is as old as the reply latency when it lands.
 *
 * Seed 001: "BSR, share of decisions made on stale book snapshots" starts with how old a snapshot is.
 * Leaves out: snapshot size and its transfer time beyond the reply latency. Units: ns.
 */
import type { EventHandler, Kernel, Ns, UniformSource } from '../../sim/index.ts';
import type { LatencyModel } from '../gateway/latency-model.ts';

export interface FeedSnapshot<S> {
  readonly state: S;
  readonly session: number;
  /** The state includes every feed message up to and including this sequence number. */
  readonly lastSeq: number;
  readonly takenAtNs: Ns;
}

export interface SnapshotSource<S> {
  takeSnapshot(): FeedSnapshot<S>;
}

export interface SnapshotConsumer<S> {
  onSnapshotResponse(snapshot: FeedSnapshot<S>): void;
}

const TAKE = 1;
const DELIVER = 2;

export class SnapshotChannel<S> implements EventHandler {
  constructor(
    private readonly kernel: Kernel,
    private readonly source: SnapshotSource<S>,
    private readonly requestLatency: LatencyModel,
    private readonly replyLatency: LatencyModel,
    private readonly rng: UniformSource,
  ) {}

  request(consumer: SnapshotConsumer<S>): void {
    this.kernel.scheduleAfter(this.requestLatency.sampleNs(this.rng), this, TAKE, consumer);
  }

  handleEvent(kind: number, data: unknown): void {
    if (kind === TAKE) {
      const snapshot = this.source.takeSnapshot();
      this.kernel.scheduleAfter(this.replyLatency.sampleNs(this.rng), this, DELIVER, [data, snapshot]);
      return;
    }
    const [consumer, snapshot] = data as [SnapshotConsumer<S>, FeedSnapshot<S>];
    consumer.onSnapshotResponse(snapshot);
  }
}
