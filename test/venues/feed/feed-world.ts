// A small feed world for tests: a publisher of integer messages, one path to one receiver, the
// re-request server on the receiver's own reply path, and a snapshot channel whose state is the
// list of messages published so far. The consumer's "book" is the list it has been given.
import { Constant, Exponential, Kernel, RandomStreams, type Ns } from '../../../sim/index.ts';
import {
  FeedPath,
  FeedPublisher,
  FeedReceiver,
  NoLoss,
  RetransmissionServer,
  RetransmitRecovery,
  SnapshotChannel,
  type FeedConsumer,
  type FeedSnapshot,
  type GapRecovery,
  type LossModel,
} from '../../../venues/feed/index.ts';
import { ConstantLatency, type LatencyModel } from '../../../venues/gateway/latency-model.ts';

export const US = 1_000;
export const MS = 1_000_000;
export const S = 1_000_000_000;

export interface Delivered {
  payload: number;
  seq: number;
  venueNs: Ns;
  localNs: Ns;
}

export class BookConsumer implements FeedConsumer<number, readonly number[]> {
  book: number[] = [];
  readonly delivered: Delivered[] = [];
  readonly snapshots: { lastSeq: number; venueNs: Ns; localNs: Ns }[] = [];
  onMessage(payload: number, seq: number, venueNs: Ns, localNs: Ns): void {
    this.book.push(payload);
    this.delivered.push({ payload, seq, venueNs, localNs });
  }
  onSnapshot(state: readonly number[], lastSeq: number, venueNs: Ns, localNs: Ns): void {
    this.book = [...state];
    this.snapshots.push({ lastSeq, venueNs, localNs });
  }
}

export interface FeedWorldOptions {
  seed?: number;
  latency?: LatencyModel;
  /** Each way of the snapshot channel; defaults to `latency`. */
  snapshotLatency?: LatencyModel;
  loss?: LossModel;
  replyLoss?: LossModel;
  recovery?: GapRecovery;
  maxMessagesPerPacket?: number;
  maxMessagesPerRequest?: number;
  requestsPerSec?: number;
  requestTimeoutNs?: Ns;
  heartbeatIntervalNs?: Ns;
  /** Poisson publishing instants at this rate, each publishing 1..3 messages; or fixed spacing. */
  publishRatePerSec?: number;
  publishEveryNs?: Ns;
  publishUntilNs: Ns;
  /** The main path hands packets over with their delivery times (receiver.ts deferred delivery). */
  deferred?: boolean;
}

export function buildFeedWorld(options: FeedWorldOptions) {
  const kernel = new Kernel();
  const streams = new RandomStreams(options.seed ?? 1);
  const latency = options.latency ?? new ConstantLatency(100 * US);
  const publisher = new FeedPublisher<number>(kernel, {
    maxMessagesPerPacket: options.maxMessagesPerPacket ?? 4,
    heartbeatIntervalNs: options.heartbeatIntervalNs ?? 10 * MS,
  });
  const consumer = new BookConsumer();
  const receiver = new FeedReceiver<number, readonly number[]>(kernel, consumer, options.recovery ?? RetransmitRecovery);
  const path = new FeedPath<number>(
    kernel,
    { name: 'a', latency, loss: options.loss ?? NoLoss, latencyRng: streams.get('feed.a.latency'), lossRng: streams.get('feed.a.loss'), deferred: options.deferred },
    receiver,
  );
  publisher.addPath(path);
  const replyPath = new FeedPath<number>(
    kernel,
    { name: 'reply', latency, loss: options.replyLoss ?? NoLoss, latencyRng: streams.get('feed.reply.latency'), lossRng: streams.get('feed.reply.loss') },
    receiver,
  );
  const server = new RetransmissionServer<number>(kernel, publisher, {
    maxMessagesPerRequest: options.maxMessagesPerRequest ?? 64,
    requestsPerSec: options.requestsPerSec ?? 10_000,
  });
  receiver.attachRetransmission({
    server,
    requestLatency: latency,
    requestRng: streams.get('feed.request.latency'),
    replyPath,
    maxMessagesPerRequest: options.maxMessagesPerRequest ?? 64,
    requestTimeoutNs: options.requestTimeoutNs ?? 5 * MS,
  });
  const published: number[] = [];
  const publishedAtNs: Ns[] = [];
  const source = {
    takeSnapshot: (): FeedSnapshot<readonly number[]> => ({
      state: [...published],
      session: publisher.session,
      lastSeq: publisher.nextSeq - 1,
      takenAtNs: kernel.now,
    }),
  };
  receiver.attachSnapshots(new SnapshotChannel(kernel, source, options.snapshotLatency ?? latency, options.snapshotLatency ?? latency, streams.get('feed.snapshot.latency')));
  publisher.start();

  const arrivals = streams.get('feed.test.publish');
  const gap = options.publishRatePerSec !== undefined ? new Exponential(options.publishRatePerSec / 1e9) : new Constant(options.publishEveryNs ?? 1 * MS);
  let nextPayload = 1;
  const publishNow = (): void => {
    const burst = options.publishRatePerSec !== undefined ? 1 + arrivals.nextInt(3) : 1;
    for (let i = 0; i < burst; i++) {
      published.push(nextPayload);
      publishedAtNs.push(kernel.now);
      publisher.publish(nextPayload++);
    }
    const at = kernel.now + Math.max(1, Math.round(gap.sample(arrivals)));
    if (at < options.publishUntilNs) kernel.schedule(at, publishNow);
  };
  kernel.schedule(Math.max(1, Math.round(gap.sample(arrivals))), publishNow);
  return { kernel, publisher, receiver, consumer, path, replyPath, server, published, publishedAtNs };
}
