/**
 * One run of a world: a scenario, a policy and a seed assembled into venue, sessions, drop copy,
 * failover pair (seed 000), gateway pool (seed 003) or order server (seed 004) when the scenario has one, router and policy, run to the horizon plus the settle time, with venue truth recorded beside the
 * router's belief. A run is `incident` (the scenario's faults), `control` (the same seed with every
 * fault removed) or `oracle` (the faults, but the router learns every execution report the instant
 * the venue produces it and sees the venue's book with no feed delay: DESIGN.md principle 5).
 * All randomness comes from streams named after what they drive, so the three runs share the market
 * and, where they share them, the faults.
 */
import { invariant, Kernel, RandomStreams, type Ns } from '../../sim/index.ts';
import { resolveParams, type Decision, type MarketView, type Observation, type Policy, type PolicyDefinition, type PolicyParams } from '../../policies/index.ts';
import { guardPolicy, guardShadow, type ShadowPolicy } from '../router/policy-guard.ts';
import { Router, type RouterConfig } from '../router/router.ts';
import { PovSchedule, TwapSchedule, type Schedule } from '../router/schedule.ts';
import { jaccard } from '../router/observe.ts';
import type { MarketDataPort } from '../router/ports.ts';
import type { Scenario } from '../scenario/index.ts';
import { withPoolWeights } from '../world/gateway-policy.ts';
import { buildOrderEntrySide, ROUTER_OWNER_BASE, type OrderEntrySide } from '../world/order-entry-side.ts';
import { faultTimeStrataOf } from '../world/fault-time-strata.ts';
import { resolveFaults, type ResolvedFault } from '../world/resolve-faults.ts';
import { proposalFaults } from '../world/tail-sampling.ts';
import { buildVenueSide, type VenueSide } from '../world/venue-side.ts';
import { ImpactFeed } from '../world/impact-feed.ts';
import { exogenousMarket, isExogenous, type ExogenousMarket } from '../world/market-path.ts';
import { eventBudgetOf, requireWithinBudget } from './event-budget.ts';
import { TruthRecorder } from './truth-recorder.ts';
import { traceHashOf } from './run-trace.ts';

export type RunMode = 'incident' | 'control' | 'oracle';

export interface DecisionTraceEntry {
  observation: Observation;
  decision: Decision;
}

/**
 * The (guarded) policy as it is, with what it saw and decided kept, deep-frozen so that nothing can change
 * them later: the observation is built afresh for each decision and never touched again by the router, so
 * it is frozen in place; a copy of the decision is kept.
 */
function recording(policy: Policy, trace: DecisionTraceEntry[]): Policy {
  return {
    name: policy.name,
    version: policy.version,
    decide(observation) {
      deepFreeze(observation);
      const decision = policy.decide(observation);
      trace.push({ observation, decision: deepFreeze(structuredClone(decision)) });
      return decision;
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

export interface StateSample {
  atNs: Ns;
  /** METRICS.md LSS_t: Jaccard similarity of believed and true working order ids. */
  liveSetSimilarity: number;
  /** The router's orders resting at the venue (truth). */
  trueWorkingOrders: number;
  residualObsShares: number;
  residualTrueShares: number;
  anyGapOpen: boolean;
  anySessionDown: boolean;
  unknownChildren: number;
  /** Messages the router knows it still has to receive on its sessions (RWH). */
  routerReplayBacklogMsgs: number;
  venueBacklogMsgs: number;
  venueReplayLagNs: Ns;
  /** The venue's book crossed at rest (an invariant violation if ever true). */
  bookCrossed: boolean;
  /** The venue's mid (the last two-sided one when a side is empty), ticks. */
  midTicks: number;
  /** The router's market-data book: its age, the age of its last change, and whether the feed is recovering a gap. */
  marketAgeNs: Ns;
  marketLastChangeAgeNs: Ns;
  marketRecovering: boolean;
  /** With an exogenous market: how far our impact and the alpha have moved the tape's mid (ticks). */
  referenceShiftTicks: number | undefined;
  /** The venue's best bid and ask (null: that side empty), for the price panel of the episode's charts. */
  bestBidTicks: number | null;
  bestAskTicks: number | null;
}

export interface WorldRun {
  mode: RunMode;
  faults: ResolvedFault[];
  venueSide: VenueSide;
  orderEntry: OrderEntrySide;
  /**
   * The router the run was made with. On a run reused for another policy (kept-runs.ts) its regime
   * labels are the other policy's: read the acting policy's from `regimes` and `decisions`.
   */
  router: Router;
  /** The acting policy's regime changes, in its own labels. */
  regimes: Router['regimeTimeline'];
  /** One entry per decision of the acting policy, in its own labels (BSR, explain). */
  decisions: Router['decisionLog'];
  truth: TruthRecorder;
  samples: StateSample[];
  decisionPriceTicks: number;
  parentSide: 'buy' | 'sell';
  parentQtyShares: number;
  parentStartNs: Ns;
  /** The venue's quotes at the horizon, and how far our impact had moved the market then (ticks). */
  horizon: { bidTicks: number; askTicks: number; midTicks: number; impactTicks: number };
  parentEndNs: Ns;
  /** The end of the run: the horizon plus the settle time. */
  endNs: Ns;
  /** The seed's tape and this run's impact model, when the market is exogenous. */
  market: ExogenousMarket | undefined;
  traceHash: string;
  eventsRun: number;
  /** Why the shadow policy stopped deciding, if it failed (it never touches the run). */
  shadowFailure: ShadowPolicy['failure'];
}

/** A shadow stopped before one of its decisions: how a run is replayed after the watchdog ended a shadow that never returned. */
export interface ShadowRetirement {
  afterDecisions: number;
  reason: string;
}

const SAMPLE_INTERVAL_NS = 100_000_000;

/** The oracle's market view: the venue's book itself, with nothing stale about it. */
class TruthMarketView implements MarketDataPort {
  constructor(private readonly side: VenueSide, private readonly truth: TruthRecorder) {}
  view(nowNs: Ns): MarketView {
    const book = this.side.venue.book;
    return {
      bestBidTicks: book.bestBidTicks(),
      bestAskTicks: book.bestAskTicks(),
      bestBidQtyShares: book.bestBidQtyShares(),
      bestAskQtyShares: book.bestAskQtyShares(),
      venueTimeNs: nowNs,
      ageNs: 0,
      lastChangeAgeNs: 0,
      recovering: false,
      gapCount: 0,
      tradedQtyShares: this.truth.tradedShares,
    };
  }
}

function buildSchedule(scenario: Scenario): Schedule {
  const parent = scenario.parent;
  return parent.schedule.kind === 'twap' ? new TwapSchedule(parent.qtyShares, parent.start, parent.horizon) : new PovSchedule(parent.qtyShares, parent.schedule.participation);
}

export function runWorld(
  scenario: Scenario,
  scenarioFile: string,
  policy: PolicyDefinition,
  params: PolicyParams,
  seed: number,
  mode: RunMode,
  shadow?: PolicyDefinition,
  shadowRetired?: ShadowRetirement,
  /** When given, every observation the policy decided on and its decision, in order (kept-runs.ts). */
  decisionTrace?: DecisionTraceEntry[],
): WorldRun {
  const kernel = new Kernel();
  const streams = new RandomStreams(seed);
  const faults = mode === 'control' ? [] : resolveFaults(proposalFaults(scenario), streams, faultTimeStrataOf(scenario, seed));
  const parent = scenario.parent;
  const parentEndNs = parent.start + parent.horizon;
  const endNs = parentEndNs + scenario.settle;
  const routerOwners = new Set(scenario.sessions.map((_, i) => ROUTER_OWNER_BASE + i));
  const truth = new TruthRecorder(routerOwners);
  const exogenous = isExogenous(scenario) ? exogenousMarket(scenario, seed) : undefined;
  const observers = exogenous === undefined ? [truth] : [truth, new ImpactFeed(exogenous.impact, routerOwners)];
  const venueSide = buildVenueSide(kernel, streams, scenario, scenarioFile, faults, endNs, observers, exogenous);
  truth.attach(venueSide.venue);
  const orderEntry = buildOrderEntrySide(kernel, streams, scenario, venueSide.venue, faults, endNs);
  const gatewayPool = orderEntry.gatewayPool;
  invariant(orderEntry.routerOwnerIds.every((id) => routerOwners.has(id)), 'router owner ids disagree between truth and sessions');
  const config: RouterConfig = {
    parentId: 'P1',
    parent: { side: parent.side, qtyShares: parent.qtyShares, startNs: parent.start, horizonNs: parent.horizon, mustComplete: parent.mustComplete },
    tickSize: scenario.instrument.tickSize,
    decisionIntervalNs: scenario.router.decisionInterval,
    minChildQtyShares: scenario.router.minChildQtyShares,
    repriceTicks: scenario.router.repriceTicks,
    statusRequestIntervalNs: scenario.router.statusRequestInterval,
    cleanupSweepTicks: scenario.router.cleanupSweepTicks,
    workingHorizonNs: scenario.router.workingHorizon,
    ladderLevels: scenario.router.ladderLevels,
    afterHorizonNs: scenario.settle,
  };
  const market: MarketDataPort = mode === 'oracle' ? new TruthMarketView(venueSide, truth) : venueSide.marketBook;
  const dropCopy = orderEntry.dropCopy;
  const routedGateways = orderEntry.routerPorts.map((port) => port.gatewayId);
  const router = new Router(
    kernel,
    config,
    withPoolWeights(decisionTrace === undefined ? guardPolicy(policy, params, routedGateways) : recording(guardPolicy(policy, params, routedGateways), decisionTrace), gatewayPool),
    buildSchedule(scenario),
    orderEntry.routerPorts,
    market,
    orderEntry.gatewayPort,
    () => (dropCopy === undefined ? undefined : { up: dropCopy.up, lastReceivedAtNs: dropCopy.lastReceivedAtNs }),
  );
  orderEntry.connect(router.book);
  const shadowPolicy = shadow === undefined ? undefined : guardShadow(shadow, resolveParams(shadow), routedGateways, shadowRetired);
  if (shadowPolicy !== undefined) router.rideAlong(shadowPolicy);
  if (mode === 'oracle') {
    // Truth at once: every report the venue produces reaches the router's book in the same instant.
    orderEntry.tapTruth(router.book);
  }

  const samples: StateSample[] = [];
  let decisionPriceTicks = Number.NaN;
  const horizon = { bidTicks: Number.NaN, askTicks: Number.NaN, midTicks: Number.NaN, impactTicks: 0 };
  // The active sequencer node's book, asked for at each use: a takeover makes the backup's book the venue's truth.
  const book = () => venueSide.venue.book;
  // With one side of the book empty there is no mid: the last two-sided one stands in for it.
  const mid = () => {
    const venueBook = book();
    const bid = venueBook.bestBidTicks();
    const ask = venueBook.bestAskTicks();
    return bid !== undefined && ask !== undefined ? (bid + ask) / 2 : (truth.lastMid ?? scenario.instrument.referencePriceTicks + 0.5);
  };

  const trueWorkingIds = (): Set<string> => {
    const ids = new Set<string>();
    book().forEachRestingOrder((orderId, ownerId) => {
      if (!routerOwners.has(ownerId)) return;
      const root = orderEntry.rootClOrdIdOf(ownerId, orderId);
      if (root !== undefined) ids.add(root);
    });
    return ids;
  };
  const sample = () => {
    const believed = router.book.filledQtyShares;
    const trueIds = trueWorkingIds();
    const view = market.view(kernel.now);
    const venueBook = book();
    const bestBid = venueBook.bestBidTicks();
    const bestAsk = venueBook.bestAskTicks();
    samples.push({
      atNs: kernel.now,
      liveSetSimilarity: jaccard(router.book.believedWorkingIds(), trueIds),
      trueWorkingOrders: trueIds.size,
      residualObsShares: parent.qtyShares - believed,
      residualTrueShares: parent.qtyShares - truth.filledShares,
      anyGapOpen: orderEntry.ports.some((p) => p.view().gapOpen),
      anySessionDown: orderEntry.ports.some((p) => !p.canSend()),
      unknownChildren: router.book.liveChildren().filter((c) => c.state === 'unknown').length,
      routerReplayBacklogMsgs: orderEntry.ports.reduce((total, p) => total + p.view().replayBacklogMsgs, 0),
      venueBacklogMsgs: venueSide.venue.sequencer.backlogLength,
      venueReplayLagNs: venueSide.venue.sequencer.replayLagNs(),
      bookCrossed: (bestBid ?? -Infinity) >= (bestAsk ?? Infinity),
      midTicks: mid(),
      marketAgeNs: view.ageNs,
      marketLastChangeAgeNs: view.lastChangeAgeNs,
      marketRecovering: view.recovering,
      referenceShiftTicks: exogenous?.shift.shiftTicksAt(kernel.now),
      bestBidTicks: bestBid ?? null,
      bestAskTicks: bestAsk ?? null,
    });
    gatewayPool?.sample();
    if (kernel.now + SAMPLE_INTERVAL_NS <= endNs) kernel.scheduleAfter(SAMPLE_INTERVAL_NS, sample);
  };

  kernel.schedule(parent.start, () => {
    decisionPriceTicks = mid();
  });
  kernel.schedule(parentEndNs, () => {
    horizon.midTicks = mid();
    const venueBook = book();
    horizon.bidTicks = venueBook.bestBidTicks() ?? Math.floor(horizon.midTicks);
    horizon.askTicks = venueBook.bestAskTicks() ?? Math.ceil(horizon.midTicks);
    horizon.impactTicks = exogenous?.impact.impactTicksAt(kernel.now) ?? 0;
  });
  kernel.schedule(parentEndNs + Math.floor(scenario.settle / 2), () => router.reconcileAll());
  kernel.schedule(parent.start, sample);

  venueSide.venue.start();
  orderEntry.start();
  router.start();
  const eventBudget = eventBudgetOf(scenario);
  const outcome = kernel.run({ until: endNs, maxEvents: eventBudget });
  requireWithinBudget(outcome, eventBudget, mode, endNs);

  const run: Omit<WorldRun, 'traceHash'> = {
    mode,
    faults,
    venueSide,
    orderEntry,
    router,
    regimes: router.regimeTimeline,
    decisions: router.decisionLog,
    truth,
    samples,
    decisionPriceTicks,
    parentSide: parent.side,
    parentQtyShares: parent.qtyShares,
    parentStartNs: parent.start,
    horizon,
    parentEndNs,
    endNs,
    market: exogenous,
    eventsRun: outcome.eventsRun,
    shadowFailure: shadowPolicy?.failure,
  };
  return { ...run, traceHash: traceHashOf(run, run.regimes) };
}
