/**
 * The venue side of an episode's world: the book behind a sequencer with the scenario's failover
 * faults, the background flow (the seed's exogenous tape, the endogenous CST flow, or a LOBSTER replay), and the market-data feed to the router's
 * receiver, with its latency, loss faults and gap recovery. The router's market book hangs off the
 * receiver. Stream names: `venue.*`, `flow.*`, `feed.*`.
 */
import { dirname, resolve } from 'node:path';
import { NS_PER_S, type Kernel, type Ns, type RandomStreams } from '../../sim/index.ts';
import {
  AnyLoss,
  FeedPath,
  FeedReceiver,
  NoLoss,
  RandomLossWindow,
  RetransmissionServer,
  RetransmitOrSnapshot,
  RetransmitRecovery,
  SnapshotChannel,
  SnapshotRecovery,
  type GapRecovery,
} from '../../venues/feed/index.ts';
import { BACKGROUND_FLOW_OWNER_ID, CstFlow, initialDepthOrders, loadLobsterMessageFile, LobsterReplay, TapeReplay, type CstParameters } from '../../venues/flow/index.ts';
import {
  BacklogFirst,
  GracefulFailover,
  LaggedEntriesLost,
  LaggedEntriesRederived,
  LaggingBackupTakeover,
  LiveFirst,
  PrimaryCrash,
  PrimaryStall,
  QueueDuringTransition,
  RejectDuringTransition,
  WeightedInterleave,
  type SequencerFault,
  type SequencerListener,
} from '../../venues/sequencer/index.ts';
import type { BookEvent } from '../../venues/book/index.ts';
import { Venue, type L2Book, type VenueFeedMessage, type VenueRequest } from '../../venues/venue/index.ts';
import { MarketBook } from '../router/market-book.ts';
import type { Scenario } from '../scenario/index.ts';
import { buildIntensity } from './intensity.ts';
import { asDistribution, buildLatency } from './latency.ts';
import type { ExogenousMarket } from './market-path.ts';
import type { ResolvedFault } from './resolve-faults.ts';

/**
 * How long the market's participants take to notice a venue that has stopped answering and stop
 * sending to it (an assumption: about ten missed 100 ms heartbeats, or an order unacknowledged for a
 * second). Their orders in that second queue at the venue and make part of its backlog.
 */
const HALT_REACTION_NS = NS_PER_S;

export interface VenueSide {
  venue: Venue;
  receiver: FeedReceiver<VenueFeedMessage, L2Book>;
  marketBook: MarketBook;
}

function sequencerFaults(faults: readonly ResolvedFault[]): SequencerFault[] {
  const result: SequencerFault[] = [];
  for (const fault of faults) {
    switch (fault.kind) {
      case 'sequencer-stall':
        result.push(new PrimaryStall(fault.atNs, fault.duration));
        break;
      case 'sequencer-crash':
        result.push(new PrimaryCrash(fault.atNs, fault.detectionDelay, fault.promotion));
        break;
      case 'sequencer-lagging-backup':
        result.push(
          new LaggingBackupTakeover(fault.atNs, fault.detectionDelay, fault.promotion, fault.lagMessages, fault.missingEntries === 'lost' ? LaggedEntriesLost : LaggedEntriesRederived),
        );
        break;
      case 'sequencer-graceful-failover':
        result.push(new GracefulFailover(fault.atNs, fault.handover));
        break;
      default:
        break;
    }
  }
  return result;
}

function gapRecovery(scenario: Scenario): GapRecovery {
  const feed = scenario.venue.feed;
  if (feed.recovery === 'retransmit') return RetransmitRecovery;
  if (feed.recovery === 'snapshot') return SnapshotRecovery;
  return new RetransmitOrSnapshot(feed.snapshotAboveMessages);
}

function cstParameters(scenario: Scenario): CstParameters | undefined {
  const flow = scenario.market.flow;
  if (flow.model !== 'cst') return undefined;
  return { limitRateK: flow.k, limitRateAlpha: flow.alpha, marketRate: flow.mu, cancelHazards: flow.theta };
}

export function buildVenueSide(
  kernel: Kernel,
  streams: RandomStreams,
  scenario: Scenario,
  scenarioFile: string,
  faults: readonly ResolvedFault[],
  episodeEndNs: Ns,
  observers: readonly SequencerListener<VenueRequest, BookEvent>[] = [],
  exogenous?: ExogenousMarket,
): VenueSide {
  const sequencer = scenario.venue.sequencer;
  const interleave =
    sequencer.interleave === 'backlog-first' ? new BacklogFirst() : sequencer.interleave === 'live-first' ? new LiveFirst() : new WeightedInterleave(sequencer.interleaveWeight);
  const serviceTime = buildLatency(sequencer.serviceTime);
  const venue = new Venue(kernel, {
    sequencer: {
      serviceTimeNs: asDistribution(serviceTime),
      serviceRng: streams.get('venue.sequencer.service'),
      replayRateMsgsPerSec: sequencer.replayRateMsgsPerSec,
      interleave,
      transitionInbound: sequencer.duringTransition === 'queue' ? QueueDuringTransition : RejectDuringTransition,
      heartbeatIntervalNs: sequencer.heartbeatInterval,
      faults: sequencerFaults(faults),
      // Episodes read the backlog from the harness's own state samples (world.ts); the sequencer's series is for its tests.
      sampleIntervalNs: 0,
    },
    haltReactionNs: HALT_REACTION_NS,
    feed: { maxMessagesPerPacket: 8, heartbeatIntervalNs: scenario.venue.feed.heartbeatInterval, packing: 'caller' },
    observers,
    backgroundFlow: (v) => {
      const flowSpec = scenario.market.flow;
      if (flowSpec.model === 'lobster') {
        const parsed = loadLobsterMessageFile(resolve(dirname(scenarioFile), flowSpec.file), Math.round(scenario.instrument.tickSize * 10_000));
        if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
        return new LobsterReplay(parsed.messages, v, v.ids, { midnightNs: 0 });
      }
      if (exogenous !== undefined) return new TapeReplay(exogenous.tape, v, v.ids, BACKGROUND_FLOW_OWNER_ID, exogenous.shift);
      const parameters = cstParameters(scenario) as CstParameters;
      const reference = scenario.instrument.referencePriceTicks;
      const flow = new CstFlow(
        {
          parameters,
          timeUnitNs: flowSpec.timeUnit,
          orderSizeShares: flowSpec.orderSizeShares,
          maxDistanceTicks: flowSpec.maxDistanceTicks,
          referencePriceTicks: reference,
          intensity: buildIntensity(scenario, episodeEndNs),
        },
        v,
        v.ids,
        streams,
      );
      const depth = initialDepthOrders(parameters, flowSpec.maxDistanceTicks);
      flow.seedSide('buy', reference, depth);
      flow.seedSide('sell', reference + 1, depth);
      return flow;
    },
  });

  const marketBook = new MarketBook(scenario.parent.start);
  const receiver = new FeedReceiver<VenueFeedMessage, L2Book>(kernel, marketBook, gapRecovery(scenario));
  marketBook.attach(receiver);
  const feedLatency = buildLatency(scenario.venue.feed.latency);
  const losses = faults.filter((f) => f.kind === 'feed-loss').map((f) => new RandomLossWindow(f.lossProbability, f.atNs, f.atNs + f.duration));
  venue.feed.addPath(
    new FeedPath(
      kernel,
      {
        name: 'router',
        latency: feedLatency,
        loss: losses.length ? new AnyLoss(losses) : NoLoss,
        latencyRng: streams.get('feed.router.latency'),
        lossRng: streams.get('feed.router.loss'),
        // The market book catches the receiver up before every read: no event per packet.
        deferred: true,
      },
      receiver,
    ),
  );
  const replyPath = new FeedPath<VenueFeedMessage>(
    kernel,
    { name: 'retransmission', latency: feedLatency, loss: NoLoss, latencyRng: streams.get('feed.retransmission.latency'), lossRng: streams.get('feed.retransmission.loss') },
    receiver,
  );
  receiver.attachRetransmission({
    server: new RetransmissionServer(kernel, venue.feed, { maxMessagesPerRequest: scenario.venue.feed.maxMessagesPerRequest, requestsPerSec: scenario.venue.feed.requestsPerSec }),
    requestLatency: feedLatency,
    requestRng: streams.get('feed.request.latency'),
    replyPath,
    maxMessagesPerRequest: scenario.venue.feed.maxMessagesPerRequest,
    requestTimeoutNs: 50_000_000,
  });
  receiver.attachSnapshots(new SnapshotChannel(kernel, venue, feedLatency, feedLatency, streams.get('feed.snapshot.latency')));
  return { venue, receiver, marketBook };
}
