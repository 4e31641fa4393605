/**
 * Builds a policy's observation from what the router holds: its local order book, its schedule, its
 * sessions' sequence signals, its market-data book, its drop copy and the gateway views. Every part is
 * read at the decision time; nothing here can reach venue truth.
 */
import type { Ns } from '../../sim/index.ts';
import { quantile, quantiles } from '../../sim/index.ts';
import type { Observation, ParentView } from '../../policies/index.ts';
import type { LocalOrderBook } from './local-order-book.ts';
import type { GatewayPort, MarketDataPort, OrderEntryPort } from './ports.ts';
import type { Schedule } from './schedule.ts';

/** Acks in the recent window for latency quantiles, and how many first acks define the warm baseline. */
const RECENT_ACKS = 50;
const BASELINE_ACKS = 30;

export interface ObservationSources {
  nowNs: Ns;
  parent: ParentView;
  book: LocalOrderBook;
  schedule: Schedule;
  sessions: readonly OrderEntryPort[];
  market: MarketDataPort;
  gateways: GatewayPort | undefined;
  dropCopy: { up: boolean; lastReceivedAtNs: Ns | undefined } | undefined;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  for (const id of a) if (b.has(id)) common++;
  return common / (a.size + b.size - common);
}

interface AckQuantiles {
  /** The log's length when these were computed. */
  length: number;
  ackP50Ns: number | undefined;
  ackP99Ns: number | undefined;
  baselineP99Ns: number | undefined;
}

/**
 * The quantiles of each ack log, as of its length then. A router decides far more often than acks arrive,
 * and sorting the windows afresh at each decision was 3% of an episode. The log only grows
 * (LocalOrderBook pushes to it and nothing else writes it), so the same length means the same contents
 * and the same quantiles; the baseline, over the first BASELINE_ACKS acks, never changes once it exists.
 */
const ackQuantilesByLog = new WeakMap<readonly number[], AckQuantiles>();

function ackQuantiles(acks: readonly number[]): AckQuantiles {
  const cached = ackQuantilesByLog.get(acks);
  if (cached !== undefined && cached.length === acks.length) return cached;
  const recent = acks.slice(-RECENT_ACKS);
  const [ackP50Ns, ackP99Ns] = recent.length ? quantiles(recent, [0.5, 0.99]) : [undefined, undefined];
  const baselineP99Ns = acks.length >= BASELINE_ACKS ? (cached?.baselineP99Ns ?? quantile(acks.slice(0, BASELINE_ACKS), 0.99)) : undefined;
  const computed = { length: acks.length, ackP50Ns, ackP99Ns, baselineP99Ns };
  ackQuantilesByLog.set(acks, computed);
  return computed;
}

export function buildObservation(src: ObservationSources): Observation {
  const children = src.book.liveChildren();
  const market = src.market.view(src.nowNs);
  let unknown = 0;
  let uncertainty = 0;
  for (const child of children) {
    if (child.state === 'unknown') unknown++;
    if (child.state !== 'working') uncertainty += child.leavesQtyShares;
  }
  const filled = src.book.filledQtyShares;
  const target = src.schedule.targetFilledQty(src.nowNs, market.tradedQtyShares);
  const { ackP50Ns, ackP99Ns, baselineP99Ns: baseline } = ackQuantiles(src.book.ackLatenciesNs);
  const dropCopyParity = src.book.dropCopyView();
  return {
    timeNs: src.nowNs,
    parent: src.parent,
    belief: {
      filledQtyShares: filled,
      residualQtyShares: src.parent.qtyShares - filled,
      children,
      unknownChildCount: unknown,
      residualUncertaintyQtyShares: uncertainty,
      duplicateCandidateCount: src.book.duplicateCandidateCount,
    },
    schedule: {
      targetFilledQtyShares: target,
      deficitQtyShares: Math.max(0, target - filled),
      timeLeftNs: Math.max(0, src.parent.startNs + src.parent.horizonNs - src.nowNs),
    },
    market,
    sessions: src.sessions.map((s) => s.view(src.nowNs)),
    dropCopy:
      src.dropCopy === undefined
        ? undefined
        : {
            up: src.dropCopy.up,
            liveSetSimilarity: jaccard(src.book.believedWorkingIds(), dropCopyParity.workingIds),
            fillDisagreementQtyShares: dropCopyParity.fillDisagreementQtyShares,
            lastReceivedAtNs: src.dropCopy.lastReceivedAtNs,
          },
    latency: {
      ackP50Ns,
      ackP99Ns,
      ackBaselineP99Ns: baseline,
      causalityInversions: src.book.causalityInversions,
    },
    gateways: src.gateways?.views(src.nowNs) ?? [],
  };
}
