/**
 * The router: executes one parent order through child orders, deciding at event times on
 * point-in-time observations built from its own belief (seed 001: "all features must be
 * point-in-time"). The policy sets the knobs (pace, catch-up cap, child size, placement, cancel,
 * serialize, reconcile, mass cancel, gateway weights); the router keeps the mechanics:
 * - working exposure: like a real passive slicer it keeps the schedule's quantity up to
 *   `workingHorizonNs` ahead resting at the venue (seed 002, "high child-order fan-out": many small
 *   live orders), so an incident finds several children exposed, not one. Over the parent's last two
 *   working horizons the stock runs down and the ladder collapses to the touch. Each decision it sends
 *   min((target(next + horizon) - filled - working) x participationScale, allowance), never more than
 *   the parent minus what it believes filled or working; the allowance grows by pace x catchupCap a
 *   decision (at most two decisions' worth, or two minimum children), so catchupCap caps the send rate;
 * - placement: passive children form a ladder over the own side's best price and the
 *   `ladderLevels - 1` ticks behind it, each new child at the level holding the least working
 *   quantity (nearest the touch on a tie); cross takes the far touch with a limit order, ioc sends an
 *   immediate-or-cancel at the far touch; a passive child left behind its ladder level by
 *   `repriceTicks` or more is replaced at that level's new price (losing queue priority);
 * - purposes, for IS attribution (seed 000): a child is `normal`, `reentry` (replacing quantity the
 *   router cancelled), `catchup` (repaying a deficit beyond one interval's pace; restocking the
 *   working horizon is normal flow) or `cleanup` (the forced completion);
 * - sessions: chosen by smooth weighted round robin over the gateway weights (deterministic);
 * - at the horizon: working children are cancelled, and a must-complete parent's believed residual is
 *   swept with an IOC `cleanupSweepTicks` through the far touch; for `afterHorizonNs` after it, a child
 *   that turns out working (acknowledged late) is cancelled at the next decision interval.
 * Left out: multi-venue routing, order types beyond limit and IOC, and a look-ahead for POV (its
 * target follows volume already seen, so it keeps no working horizon).
 * Units: quantities in shares, prices in ticks, times in ns.
 */
import { invariant, type EventHandler, type Kernel, type Ns } from '../../sim/index.ts';
import type { ChildView, Decision, Observation, ParentView, Placement, Policy } from '../../policies/index.ts';
import { LocalOrderBook } from './local-order-book.ts';
import { buildObservation } from './observe.ts';
import type { GatewayPort, MarketDataPort, OrderEntryPort } from './ports.ts';
import type { Schedule } from './schedule.ts';
import { WeightedSessionPicker } from './session-picker.ts';

export type ChildPurpose = 'normal' | 'reentry' | 'catchup' | 'cleanup';

export interface RouterConfig {
  parentId: string;
  parent: Omit<ParentView, 'arrivalMidTicks'>;
  tickSize: number;
  decisionIntervalNs: Ns;
  minChildQtyShares: number;
  repriceTicks: number;
  statusRequestIntervalNs: Ns;
  cleanupSweepTicks: number;
  /** How far ahead of the schedule passive quantity is kept working (ns); DEFAULT_WORKING_HORIZON_NS if absent. */
  workingHorizonNs?: Ns;
  /** Price levels of the passive ladder, the touch included; DEFAULT_LADDER_LEVELS if absent. */
  ladderLevels?: number;
  /** How long after the horizon children that turn out working are still cancelled (the run's settle time); none if absent. */
  afterHorizonNs?: Ns;
}

/**
 * Defaults, assumptions of the model: 5 s of schedule resting (a schedule follower keeps a few seconds
 * of its schedule working, so an outage longer than that leaves it behind) over the touch and two ticks behind it.
 */
export const DEFAULT_WORKING_HORIZON_NS: Ns = 5_000_000_000;
export const DEFAULT_LADDER_LEVELS = 3;

export interface ChildRecordEntry {
  clOrdId: string;
  sentAtNs: Ns;
  sessionId: string;
  qtyShares: number;
  priceTicks: number;
  placement: Placement;
  purpose: ChildPurpose;
}

/** A policy deciding in shadow; undefined once it has stopped (a guarded shadow stops at its first fault). */
export interface ShadowDecider {
  decide(observation: Observation): Decision | undefined;
}

const DECIDE = 0;
const HORIZON = 1;
const AFTER_HORIZON = 2;
const NO_SESSIONS: ReadonlySet<string> = new Set();

export class Router implements EventHandler {
  readonly book: LocalOrderBook;
  readonly regimeTimeline: { atNs: Ns; regime: string }[] = [];
  readonly childLog: ChildRecordEntry[] = [];
  readonly cancelsSent: { atNs: Ns; clOrdId: string; qtyShares: number; reason: 'policy' | 'horizon' }[] = [];
  /** Where a shadow policy, deciding on the same observations without acting, disagreed (seed 001). */
  readonly shadowDivergences: { atNs: Ns; acting: string; shadow: string }[] = [];
  shadowDecisions = 0;
  private shadow: ShadowDecider | undefined;
  /** One entry per decision: what the policy decided on, for BSR and the explorer. */
  readonly decisionLog: { atNs: Ns; regime: string; marketAgeNs: Ns; paused: boolean }[] = [];
  private readonly picker: WeightedSessionPicker;
  private arrivalMidTicks: number | undefined;
  private childCounter = 0;
  private requestCounter = 0;
  private reentryOwedShares = 0;
  /** What the catch-up cap still lets the router send (shares); see sendNewChildren. */
  private sendAllowanceShares = 0;
  /** The schedule's pace accrued as normal flow while catching up, not yet sent (shares). */
  private normalCarryShares = 0;
  private readonly lastStatusRequestNs = new Map<string, Ns>();
  /** Children an OrderMassStatusRequest has already asked about: the next question about one is its own. */
  private readonly askedInMass = new Set<string>();
  /** Ladder level (ticks behind the touch) of each passive child, by root ClOrdID. */
  private readonly ladderLevelOf = new Map<string, number>();
  private readonly workingHorizonNs: Ns;
  private readonly ladderLevels: number;
  private finished = false;

  constructor(
    private readonly kernel: Kernel,
    private readonly config: RouterConfig,
    private readonly policy: Policy,
    private readonly schedule: Schedule,
    private readonly sessions: readonly OrderEntryPort[],
    private readonly market: MarketDataPort,
    private readonly gateways: GatewayPort | undefined,
    private readonly dropCopyUp: () => { up: boolean; lastReceivedAtNs: Ns | undefined } | undefined,
  ) {
    this.book = new LocalOrderBook(config.tickSize);
    this.picker = new WeightedSessionPicker(sessions.map((s) => s.gatewayId));
    this.workingHorizonNs = config.workingHorizonNs ?? DEFAULT_WORKING_HORIZON_NS;
    this.ladderLevels = config.ladderLevels ?? DEFAULT_LADDER_LEVELS;
    invariant(this.workingHorizonNs >= 0, 'working horizon must be >= 0 ns');
    invariant(Number.isInteger(this.ladderLevels) && this.ladderLevels >= 1, 'ladder levels must be an integer >= 1');
  }

  /** Lets a second policy decide at every decision point in shadow: its decisions are recorded, never acted on. */
  rideAlong(shadow: ShadowDecider): void {
    this.shadow = shadow;
  }

  start(): void {
    this.kernel.schedule(this.config.parent.startNs, this, DECIDE);
    this.kernel.schedule(this.config.parent.startNs + this.config.parent.horizonNs, this, HORIZON);
  }

  get arrivalMid(): number | undefined {
    return this.arrivalMidTicks;
  }

  handleEvent(kind: number): void {
    if (kind === AFTER_HORIZON) {
      this.cancelLateWorking();
      return;
    }
    if (this.finished) return;
    if (kind === HORIZON) {
      this.finishAtHorizon();
      return;
    }
    const observation = this.observe();
    if (observation !== undefined) {
      const decision = this.policy.decide(observation);
      this.decisionLog.push({ atNs: this.kernel.now, regime: decision.regime, marketAgeNs: Math.max(observation.market.ageNs, observation.market.lastChangeAgeNs), paused: decision.pause });
      const shadowDecision = this.shadow?.decide(observation);
      if (shadowDecision !== undefined) this.compareShadow(decision, shadowDecision, observation.belief.unknownChildCount > 0);
      const last = this.regimeTimeline[this.regimeTimeline.length - 1];
      if (last === undefined || last.regime !== decision.regime) this.regimeTimeline.push({ atNs: this.kernel.now, regime: decision.regime });
      this.execute(decision, observation);
    }
    const next = this.kernel.now + this.config.decisionIntervalNs;
    if (next < this.config.parent.startNs + this.config.parent.horizonNs) this.kernel.schedule(next, this, DECIDE);
  }

  observe(): Observation | undefined {
    const now = this.kernel.now;
    if (this.arrivalMidTicks === undefined) {
      const market = this.market.view(now);
      if (market.bestBidTicks === undefined || market.bestAskTicks === undefined) return undefined;
      this.arrivalMidTicks = (market.bestBidTicks + market.bestAskTicks) / 2;
    }
    return buildObservation({
      nowNs: now,
      parent: { ...this.config.parent, arrivalMidTicks: this.arrivalMidTicks },
      book: this.book,
      schedule: this.schedule,
      sessions: this.sessions,
      market: this.market,
      gateways: this.gateways,
      dropCopy: this.dropCopyUp(),
    });
  }

  /**
   * What a decision does, in a few words: two decisions that read the same act the same. Flags about
   * children of unknown fate do nothing while there are none, so they show only when there are.
   */
  private static gist(d: Decision, anyUnknown: boolean): string {
    if (d.pause) return `pause${d.cancelResting ? '+cancel' : ''}`;
    const unknownFlags = anyUnknown ? `${d.reenterUnknown === true ? ' +reenter' : ''}${d.reconcileUnknown ? ' +status' : ''}` : '';
    return `${d.placement} x${d.participationScale.toFixed(2)} cap ${d.catchupCap.toFixed(2)}${d.serialize ? ' serial' : ''}${d.cancelResting ? ' +cancel' : ''}${d.massCancel === true ? ' +mass' : ''}${unknownFlags}`;
  }

  private compareShadow(acting: Decision, shadow: Decision, anyUnknown: boolean): void {
    this.shadowDecisions++;
    const a = Router.gist(acting, anyUnknown);
    const b = Router.gist(shadow, anyUnknown);
    if (a !== b) this.shadowDivergences.push({ atNs: this.kernel.now, acting: `${acting.regime}: ${a}`, shadow: `${shadow.regime}: ${b}` });
  }

  private execute(decision: Decision, o: Observation): void {
    if (decision.gatewayWeights !== undefined) this.picker.setWeights(decision.gatewayWeights);
    const massCancelled = decision.massCancel === true ? this.massCancelAll() : NO_SESSIONS;
    if (decision.cancelResting) this.cancelWorking('policy', massCancelled);
    if (decision.reconcileUnknown) this.requestStatusOfUnknown();
    if (!decision.cancelResting && !decision.pause) this.repricePassive(o);
    if (decision.pause) return;
    if (decision.placement !== 'passive' && !decision.cancelResting) this.crossRestingStock(o);
    this.sendNewChildren(decision, o);
  }

  private sendNewChildren(decision: Decision, o: Observation): void {
    const now = this.kernel.now;
    const live = o.belief.children;
    const interval = this.config.decisionIntervalNs;
    const pace = (this.config.parent.qtyShares * interval) / this.config.parent.horizonNs;
    // The catch-up cap is a rate: an allowance of pace x cap per decision, so that a cap below one minimum
    // child per decision spaces children out instead of being rounded up to one every decision.
    this.sendAllowanceShares = Math.min(this.sendAllowanceShares + pace * decision.catchupCap, Math.max(pace * decision.catchupCap, this.config.minChildQtyShares) * 2);
    if (decision.serialize && live.length > 0) return;
    // Children of unknown fate count as working unless the policy takes them for lost.
    const workingShares = live.reduce((total, c) => (decision.reenterUnknown === true && c.state === 'unknown' ? total : total + c.leavesQtyShares), 0);
    const covered = o.belief.filledQtyShares + workingShares;
    const volume = o.market.tradedQtyShares;
    const target = this.schedule.targetFilledQty(now + interval + this.stockHorizonNs(now), volume);
    const room = this.config.parent.qtyShares - covered;
    const wanted = Math.min((target - covered) * decision.participationScale, this.sendAllowanceShares, room);
    let remaining = Math.floor(wanted);
    // The parent's last shares go out even when they are fewer than a minimum child (an odd lot).
    const minChild = Math.min(this.config.minChildQtyShares, Math.max(1, Math.floor(room)));
    if (remaining < minChild) return;
    // Quantity repaying a deficit beyond this interval's pace is catch-up; the rest (the schedule's own
    // quantity and restocking the working horizon) is normal flow.
    const behind = this.schedule.targetFilledQty(now + interval, volume) - covered;
    const catchupPart = Math.max(0, Math.floor(behind - pace));
    let normalLeft = Math.max(0, remaining - catchupPart);
    // While catching up, the schedule's own pace still accrues as normal flow; with a pace below one
    // minimum child it is carried over until it makes one.
    if (catchupPart > 0) {
      this.normalCarryShares += pace;
      normalLeft = Math.max(normalLeft, Math.floor(this.normalCarryShares));
    } else this.normalCarryShares = 0;
    const ladder = decision.placement === 'passive' ? this.ladderWorkingShares(live) : undefined;
    let childCount = 0;
    while (remaining >= minChild && !(decision.serialize && childCount > 0)) {
      // A child never straddles purposes, so attribution can price each kind of flow on its own.
      const purpose: ChildPurpose = this.reentryOwedShares > 0 ? 'reentry' : normalLeft >= minChild || catchupPart === 0 ? 'normal' : 'catchup';
      const purposeLeft = purpose === 'reentry' ? this.reentryOwedShares : purpose === 'normal' ? Math.max(normalLeft, 0) : remaining;
      const qty = Math.min(remaining, decision.childQtyMaxShares, Math.max(purposeLeft, minChild));
      const port = this.picker.pick(this.sessions.map((s) => s.canSend()));
      if (port === undefined) return;
      if (purpose === 'reentry') this.reentryOwedShares = Math.max(0, this.reentryOwedShares - qty);
      else if (purpose === 'normal') {
        normalLeft -= qty;
        if (catchupPart > 0) this.normalCarryShares = Math.max(0, this.normalCarryShares - qty);
      }
      const level = ladder === undefined ? 0 : leastStocked(ladder);
      if (ladder !== undefined) ladder[level] += qty;
      this.sendChild(this.sessions[port], qty, decision.placement, purpose, o, level);
      this.sendAllowanceShares -= qty;
      remaining -= qty;
      childCount++;
    }
  }

  /**
   * How far ahead the router stocks: the working horizon until the last two horizons of the parent,
   * then shrinking to nothing, so the final stretch follows the schedule itself and a deficit there
   * shows (and is crossed) instead of hiding behind resting stock that may never fill.
   */
  private stockHorizonNs(nowNs: Ns): Ns {
    const timeLeftNs = this.config.parent.startNs + this.config.parent.horizonNs - nowNs;
    return Math.min(this.workingHorizonNs, Math.max(0, timeLeftNs - this.workingHorizonNs));
  }

  /** Ladder levels in use: the whole ladder, collapsed to the touch over the last two working horizons. */
  private ladderDepth(nowNs: Ns): number {
    const timeLeftNs = this.config.parent.startNs + this.config.parent.horizonNs - nowNs;
    return timeLeftNs < 2 * this.workingHorizonNs ? 1 : this.ladderLevels;
  }

  /** Working quantity the router believes rests at each ladder level in use. */
  private ladderWorkingShares(live: readonly ChildView[]): number[] {
    const shares = new Array<number>(this.ladderDepth(this.kernel.now)).fill(0);
    for (const child of live) {
      const level = this.ladderLevelOf.get(child.clOrdId);
      if (level !== undefined && level < shares.length) shares[level] += child.leavesQtyShares;
    }
    return shares;
  }

  private sendChild(port: OrderEntryPort, qtyShares: number, placement: Placement, purpose: ChildPurpose, o: Observation, level = 0): void {
    const touch = this.priceFor(placement, o);
    if (touch === undefined) return;
    const behindTicks = placement === 'passive' ? level : 0;
    const priceTicks = this.config.parent.side === 'buy' ? touch - behindTicks : touch + behindTicks;
    if (priceTicks < 1) return;
    const clOrdId = `${this.config.parentId}-${++this.childCounter}`;
    const side = this.config.parent.side;
    port.sendNewOrder({ clOrdId, side, priceTicks, qtyShares, timeInForce: placement === 'ioc' ? 'ioc' : 'day' });
    this.book.recordNewOrder({ clOrdId, sessionId: port.sessionId, side, priceTicks, qtyShares, sentAtNs: this.kernel.now });
    if (placement === 'passive') this.ladderLevelOf.set(clOrdId, level);
    this.childLog.push({ clOrdId, sentAtNs: this.kernel.now, sessionId: port.sessionId, qtyShares, priceTicks, placement, purpose });
  }

  /** Passive joins the own side's best; cross and ioc take the far touch. Undefined when that side is empty. */
  private priceFor(placement: Placement, o: Observation, sweepTicks = 0): number | undefined {
    const buy = this.config.parent.side === 'buy';
    if (placement === 'passive') return buy ? o.market.bestBidTicks : o.market.bestAskTicks;
    const far = buy ? o.market.bestAskTicks : o.market.bestBidTicks;
    return far === undefined ? undefined : far + (buy ? sweepTicks : -sweepTicks);
  }

  private repricePassive(o: Observation): void {
    const buy = this.config.parent.side === 'buy';
    const best = buy ? o.market.bestBidTicks : o.market.bestAskTicks;
    if (best === undefined) return;
    const depth = this.ladderDepth(this.kernel.now);
    for (const child of o.belief.children) {
      if (child.state !== 'working') continue;
      const placed = this.ladderLevelOf.get(child.clOrdId) ?? 0;
      // A child on a level the collapsed ladder no longer uses moves to the touch.
      const collapsing = placed >= depth;
      const level = collapsing ? 0 : placed;
      const intended = buy ? best - level : best + level;
      const behind = buy ? intended - child.priceTicks : child.priceTicks - intended;
      if (behind < (collapsing ? 1 : this.config.repriceTicks) || intended < 1) continue;
      const port = this.portOf(child.sessionId);
      if (port === undefined || !port.canSend()) continue;
      const clOrdId = `${child.clOrdId}-r${++this.requestCounter}`;
      port.sendReplace({ clOrdId, origClOrdId: this.book.currentClOrdId(child.clOrdId), side: this.config.parent.side, priceTicks: intended, qtyShares: child.qtyShares });
      this.book.recordReplaceSent(child.clOrdId, clOrdId);
      if (collapsing) this.ladderLevelOf.set(child.clOrdId, 0);
    }
  }

  /**
   * Urgent (the policy crosses): the schedule's need up to the next decision that new children cannot
   * cover, because the parent's quantity already rests as passive stock, is taken by repricing that
   * stock to the far touch, deepest first. Stock beyond the need stays where it is.
   */
  private crossRestingStock(o: Observation): void {
    const buy = this.config.parent.side === 'buy';
    const far = buy ? o.market.bestAskTicks : o.market.bestBidTicks;
    if (far === undefined) return;
    const now = this.kernel.now;
    const working = o.belief.children.filter((c) => c.state === 'working' && (buy ? c.priceTicks < far : c.priceTicks > far));
    const workingShares = o.belief.children.reduce((total, c) => total + c.leavesQtyShares, 0);
    const need = this.schedule.targetFilledQty(now + this.config.decisionIntervalNs, o.market.tradedQtyShares) - o.belief.filledQtyShares;
    const room = this.config.parent.qtyShares - o.belief.filledQtyShares - workingShares;
    let toCross = Math.floor(need - Math.max(0, room));
    working.sort((a, b) => (buy ? a.priceTicks - b.priceTicks : b.priceTicks - a.priceTicks));
    for (const child of working) {
      if (toCross <= 0) return;
      const port = this.portOf(child.sessionId);
      if (port === undefined || !port.canSend()) continue;
      const clOrdId = `${child.clOrdId}-r${++this.requestCounter}`;
      port.sendReplace({ clOrdId, origClOrdId: this.book.currentClOrdId(child.clOrdId), side: this.config.parent.side, priceTicks: far, qtyShares: child.qtyShares });
      this.book.recordReplaceSent(child.clOrdId, clOrdId);
      this.ladderLevelOf.set(child.clOrdId, 0);
      toCross -= child.leavesQtyShares;
    }
  }

  /**
   * One OrderMassCancelRequest on every session that can send one now; returns the sessions it covered.
   * It cancels what the router believes live there, unknown children included: that is the re-entry owed.
   */
  private massCancelAll(): ReadonlySet<string> {
    const covered = new Set<string>();
    for (const port of this.sessions) {
      if (port.canSend() && port.sendMassCancel({ clOrdId: `${this.config.parentId}-m${++this.requestCounter}`, side: this.config.parent.side })) covered.add(port.sessionId);
    }
    for (const child of this.book.liveChildren()) {
      if (!covered.has(child.sessionId)) continue;
      this.cancelsSent.push({ atNs: this.kernel.now, clOrdId: child.clOrdId, qtyShares: child.leavesQtyShares, reason: 'policy' });
      this.reentryOwedShares += child.leavesQtyShares;
    }
    return covered;
  }

  private cancelWorking(reason: 'policy' | 'horizon', massCancelled: ReadonlySet<string> = NO_SESSIONS): void {
    for (const child of this.book.liveChildren()) {
      if (child.state !== 'working' || massCancelled.has(child.sessionId)) continue;
      const port = this.portOf(child.sessionId);
      if (port === undefined || !port.canSend()) continue;
      const clOrdId = `${child.clOrdId}-c${++this.requestCounter}`;
      port.sendCancel({ clOrdId, origClOrdId: this.book.currentClOrdId(child.clOrdId), side: this.config.parent.side, qtyShares: child.qtyShares });
      this.book.recordCancelSent(child.clOrdId, clOrdId);
      this.cancelsSent.push({ atNs: this.kernel.now, clOrdId: child.clOrdId, qtyShares: child.leavesQtyShares, reason });
      if (reason === 'policy') this.reentryOwedShares += child.leavesQtyShares;
    }
  }

  /**
   * Asks the venue about every child of unknown fate that is due a question. Where a session holds two
   * or more such children, one OrderMassStatusRequest asks for them all (as desks do after a reconnect);
   * a child still unknown the next time it is due (the venue did not name it, or refused the request
   * with a BusinessMessageReject) is asked about on its own, with an OrderStatusRequest.
   */
  private requestStatusOfUnknown(): void {
    const now = this.kernel.now;
    const due = new Map<OrderEntryPort, ChildView[]>();
    for (const child of this.book.liveChildren()) {
      if (child.state !== 'unknown') continue;
      const last = this.lastStatusRequestNs.get(child.clOrdId);
      if (last !== undefined && now - last < this.config.statusRequestIntervalNs) continue;
      const port = this.portOf(child.sessionId) ?? this.sessions.find((s) => s.canSend());
      if (port === undefined || !port.canSend()) continue;
      const children = due.get(port);
      if (children === undefined) due.set(port, [child]);
      else children.push(child);
    }
    for (const [port, children] of due) {
      const fresh = children.filter((child) => !this.askedInMass.has(child.clOrdId));
      const massStatusReqId = `${this.config.parentId}-s${this.requestCounter + 1}`;
      const inMass = fresh.length >= 2 && port.sendMassStatus({ massStatusReqId, side: this.config.parent.side });
      if (inMass) this.requestCounter++;
      for (const child of children) {
        if (inMass && fresh.includes(child)) this.askedInMass.add(child.clOrdId);
        else port.sendStatusRequest({ clOrdId: this.book.currentClOrdId(child.clOrdId), side: this.config.parent.side });
        this.lastStatusRequestNs.set(child.clOrdId, now);
      }
    }
  }

  /** Final reconciliation: asks the venue for the status of every child not known to be done. */
  reconcileAll(): void {
    for (const child of this.book.liveChildren()) {
      const port = this.portOf(child.sessionId);
      const via = port !== undefined && port.canSend() ? port : this.sessions.find((s) => s.canSend());
      via?.sendStatusRequest({ clOrdId: this.book.currentClOrdId(child.clOrdId), side: this.config.parent.side });
    }
  }

  private finishAtHorizon(): void {
    this.cancelWorking('horizon');
    const o = this.observe();
    if (o !== undefined && this.config.parent.mustComplete) {
      const residual = this.config.parent.qtyShares - o.belief.filledQtyShares;
      const port = this.picker.pick(this.sessions.map((s) => s.canSend()));
      const priceTicks = this.priceFor('ioc', o, this.config.cleanupSweepTicks);
      if (residual > 0 && port !== undefined && priceTicks !== undefined) {
        const clOrdId = `${this.config.parentId}-${++this.childCounter}`;
        const p = this.sessions[port];
        p.sendNewOrder({ clOrdId, side: this.config.parent.side, priceTicks, qtyShares: residual, timeInForce: 'ioc' });
        this.book.recordNewOrder({ clOrdId, sessionId: p.sessionId, side: this.config.parent.side, priceTicks, qtyShares: residual, sentAtNs: this.kernel.now });
        this.childLog.push({ clOrdId, sentAtNs: this.kernel.now, sessionId: p.sessionId, qtyShares: residual, priceTicks, placement: 'ioc', purpose: 'cleanup' });
      }
    }
    this.finished = true;
    if ((this.config.afterHorizonNs ?? 0) > 0) this.kernel.scheduleAfter(this.config.decisionIntervalNs, this, AFTER_HORIZON);
  }

  /**
   * The horizon's cancel reaches only children known to be working. One still unacknowledged then (on a
   * slow link or behind a cold gateway node), or whose replace or fate was in doubt, can turn out working
   * afterwards and would trade past the parent's end: each decision interval after the horizon cancels
   * whatever has become working, for `afterHorizonNs`.
   */
  private cancelLateWorking(): void {
    this.cancelWorking('horizon');
    const next = this.kernel.now + this.config.decisionIntervalNs;
    const endNs = this.config.parent.startNs + this.config.parent.horizonNs + (this.config.afterHorizonNs ?? 0);
    if (next <= endNs && this.book.liveChildren().length > 0) this.kernel.schedule(next, this, AFTER_HORIZON);
  }

  private portOf(sessionId: string): OrderEntryPort | undefined {
    return this.sessions.find((s) => s.sessionId === sessionId);
  }
}

/** The ladder level holding the least working quantity; the nearest the touch on a tie. */
function leastStocked(shares: readonly number[]): number {
  let best = 0;
  for (let level = 1; level < shares.length; level++) if (shares[level] < shares[best]) best = level;
  return best;
}
