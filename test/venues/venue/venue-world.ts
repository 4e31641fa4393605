// A venue with a random order flow from a few owners, an outside observer, and a feed receiver
// whose L2 book is rebuilt from level updates and snapshots: for venue tests.
import { Kernel, RandomStreams, type Ns } from '../../../sim/index.ts';
import type { BookEvent, BookLevel, Side } from '../../../venues/book/index.ts';
import {
  FeedPath,
  FeedReceiver,
  NoLoss,
  RetransmissionServer,
  RetransmitOrSnapshot,
  SnapshotChannel,
  type FeedConsumer,
  type LossModel,
} from '../../../venues/feed/index.ts';
import { ConstantLatency } from '../../../venues/gateway/latency-model.ts';
import {
  
  QueueDuringTransition,
  SequencerObserver,
  type SequencedOutput,
  type SequencerFault,
  type TransitionInbound,
} from '../../../venues/sequencer/index.ts';
import { Venue, type L2Book, type OwnerSink, type VenueFeedMessage, type VenueRequest } from '../../../venues/venue/index.ts';
import { testVenueConfig } from './test-venue-config.ts';

export const US = 1_000;
export const MS = 1_000_000;
export const S = 1_000_000_000;

export class RecordingOwner implements OwnerSink {
  readonly outputs: SequencedOutput<BookEvent>[] = [];
  readonly unavailable: { request: VenueRequest; atNs: Ns }[] = [];
  onOutput(output: SequencedOutput<BookEvent>): void {
    this.outputs.push(output);
  }
  onUnavailable(request: VenueRequest, atNs: Ns): void {
    this.unavailable.push({ request, atNs });
  }
}

export class L2Consumer implements FeedConsumer<VenueFeedMessage, L2Book> {
  readonly bids = new Map<number, number>();
  readonly asks = new Map<number, number>();
  onMessage(message: VenueFeedMessage): void {
    if (message.type !== 'level') return;
    const side = message.side === 'buy' ? this.bids : this.asks;
    if (message.qtyShares === 0) side.delete(message.priceTicks);
    else side.set(message.priceTicks, message.qtyShares);
  }
  onSnapshot(state: L2Book): void {
    this.bids.clear();
    this.asks.clear();
    for (const level of state.bids) this.bids.set(level.priceTicks, level.qtyShares);
    for (const level of state.asks) this.asks.set(level.priceTicks, level.qtyShares);
  }
  levels(side: Side): [number, number][] {
    return [...(side === 'buy' ? this.bids : this.asks).entries()].sort((a, b) => (side === 'buy' ? b[0] - a[0] : a[0] - b[0]));
  }
}

export const asPairs = (levels: readonly BookLevel[]): [number, number][] => levels.map((l) => [l.priceTicks, l.qtyShares]);

export interface VenueWorldOptions {
  seed?: number;
  faults?: SequencerFault[];
  transitionInbound?: TransitionInbound;
  loss?: LossModel;
  /** Orders per second from each of the owners 1..owners. */
  ratePerOwnerPerSec?: number;
  owners?: number;
  flowUntilNs: Ns;
}

export function buildVenueWorld(options: VenueWorldOptions) {
  const kernel = new Kernel();
  const streams = new RandomStreams(options.seed ?? 1);
  const observer = new SequencerObserver<VenueRequest, BookEvent>(10 * MS);
  const venue = new Venue(
    kernel,
    testVenueConfig(streams, {
      sequencer: { transitionInbound: options.transitionInbound ?? QueueDuringTransition, faults: options.faults ?? [] },
      observers: [observer],
    }),
  );
  const consumer = new L2Consumer();
  const receiver = new FeedReceiver<VenueFeedMessage, L2Book>(kernel, consumer, new RetransmitOrSnapshot(50));
  const latency = new ConstantLatency(150 * US);
  venue.feed.addPath(
    new FeedPath(kernel, { name: 'a', latency, loss: options.loss ?? NoLoss, latencyRng: streams.get('feed.a.latency'), lossRng: streams.get('feed.a.loss') }, receiver),
  );
  const replyPath = new FeedPath<VenueFeedMessage>(kernel, { name: 'reply', latency, loss: NoLoss, latencyRng: streams.get('feed.reply.latency'), lossRng: streams.get('feed.reply.loss') }, receiver);
  receiver.attachRetransmission({
    server: new RetransmissionServer(kernel, venue.feed, { maxMessagesPerRequest: 100, requestsPerSec: 5000 }),
    requestLatency: latency,
    requestRng: streams.get('feed.request.latency'),
    replyPath,
    maxMessagesPerRequest: 100,
    requestTimeoutNs: 5 * MS,
  });
  receiver.attachSnapshots(new SnapshotChannel(kernel, venue, latency, latency, streams.get('feed.snapshot.latency')));

  const owners = new Map<number, RecordingOwner>();
  const ownerCount = options.owners ?? 3;
  for (let ownerId = 1; ownerId <= ownerCount; ownerId++) {
    const owner = new RecordingOwner();
    owners.set(ownerId, owner);
    venue.connect(ownerId, owner);
  }
  const rng = streams.get('test.flow');
  const live = new Map<number, number>(); // orderId -> ownerId, as submitted
  const rate = (options.ratePerOwnerPerSec ?? 500) * ownerCount;
  const next = (): void => {
    const ownerId = 1 + rng.nextInt(ownerCount);
    const choice = rng.next();
    const liveIds = [...live.keys()];
    if (choice < 0.15 && liveIds.length > 0) {
      const orderId = liveIds[rng.nextInt(liveIds.length)];
      venue.cancel(orderId, live.get(orderId) as number);
      live.delete(orderId);
    } else if (choice < 0.25 && liveIds.length > 0) {
      const orderId = liveIds[rng.nextInt(liveIds.length)];
      venue.replace(orderId, live.get(orderId) as number, 95 + rng.nextInt(11), 1 + rng.nextInt(20));
    } else {
      const orderId = venue.nextOrderId();
      const side: Side = rng.next() < 0.5 ? 'buy' : 'sell';
      const marketable = rng.next() < 0.1;
      if (marketable) venue.submitMarket(orderId, ownerId, side, 1 + rng.nextInt(10));
      else {
        venue.submitLimit(orderId, ownerId, side, side === 'buy' ? 90 + rng.nextInt(11) : 100 + rng.nextInt(11), 1 + rng.nextInt(10));
        live.set(orderId, ownerId);
      }
    }
    const at = kernel.now + Math.max(1, Math.round((-Math.log(1 - rng.next()) / rate) * S));
    if (at < options.flowUntilNs) kernel.schedule(at, next);
  };
  kernel.schedule(1, next);
  venue.start();
  return { kernel, venue, observer, receiver, consumer, owners };
}
