/**
 * A primary/backup gateway pair and its cluster controller (seed 000, "failure anatomy"). The router
 * sends its requests to the pair; the active node (a `GatewayNode`: inbound link, queue, service)
 * puts them on its venue-facing FIX session and relays the venue's reports back. When the primary
 * dies (`failPrimary`):
 *   1. blind window: it is dead but not yet detected; what was inside it is lost, what the router sends
 *      now is lost too, and the router observes nothing (truth: `losses`);
 *   2. detection, by the earliest failure detector (heartbeat timeout; connection reset when the host
 *      survives): every order not known to be done becomes uncertain; the pair refuses new requests;
 *   3. after the promotion latency the backup logs on, by the takeover design (shared-store resume or
 *      its own session); the venue may refuse it while the primary's connection is still open there;
 *   4. transport recovered at the backup's logon; the backup then reads the day's order records from
 *      the store (`orderMapLoadNs`) before it can tell which router order a venue report is about, holding
 *      the venue's reports meanwhile (seed 004: reading the order log is what makes a restart slow); in
 *      the shared-store design a resend replays what the primary missed (PossDupFlag=Y) until it clears;
 *   5. state recovery (`StateRecovery`) resolves the uncertain orders; the live set is reconciled when
 *      none is left and the replay has cleared, or given up at the deadline with the rest recorded.
 * Transport recovery (4) can end long before state recovery (5): `timeline` holds both.
 *
 * Left out: the backup failing in turn, a failed-over primary coming back, the router's own link to
 * the gateway (router-side sends go straight into a node's inbound link). Parameters: see
 * `FailoverGatewayConfig`; latencies in ns.
 */
import { invariant, NS_PER_MS, type EventHandler, type Kernel, type Ns, type RandomStream, type RandomStreams } from '../../../sim/index.ts';
import { parseUtcTimestampMs, type AppBody, type ExecutionReport, type FixMessage } from '../../fix/codec/index.ts';
import type { SessionEvent } from '../../fix/session/index.ts';
import type { LatencyModel } from '../latency-model.ts';
import { GatewayNode, type GatewayNodeModels } from '../node/gateway-node.ts';
import type { GatewayNodeListener, GatewayNodeRef, GatewayRejection, LossPoint } from '../node/node-listener.ts';
import type { GatewayPoolObservation } from '../pool/gateway-pool.ts';
import type { FailoverEvent, FailoverLossReason, FailoverLossRecord, FailoverPhase, FailoverRefusal, FailoverSessionView, FailoverTimeline } from './failover-events.ts';
import { earliestDetection, type FailureDetector, type PrimaryFailureKind } from './failure-detector.ts';
import { GatewaySessionDriver, type GatewaySessionApplication } from './gateway-session-driver.ts';
import { RouterSideLedger } from './router-side-ledger.ts';
import type { StateRecovery, UncertainOrder } from './state-recovery.ts';
import type { TakeoverDesign, VenueConnection } from './takeover-design.ts';

export interface FailoverGatewayConfig {
  readonly pairId: string;
  readonly primaryId: string;
  readonly backupId: string;
  /** The instrument, for the status requests the pair sends. */
  readonly symbol: string;
  /** UTC ms at simulated time 0 (reads drop-copy TransactTimes). */
  readonly epochUtcMs: number;
  readonly nodeModels: GatewayNodeModels;
  readonly primary: VenueConnection;
  readonly design: TakeoverDesign;
  readonly detectors: readonly FailureDetector[];
  /** Detection to the backup starting its logon (a hot standby loading the store). */
  readonly promotionLatency: LatencyModel;
  readonly recovery: StateRecovery;
  /** State recovery gives up this long after the backup's logon. */
  readonly recoveryDeadlineNs: Ns;
  /** After its logon, the backup reads the store's order records for this long before it relays reports; 0 if absent. */
  readonly orderMapLoadNs?: Ns;
}

/** The router's side of the pair. */
export interface FailoverRouterListener {
  /** A venue report relayed by the active node (PossDupFlag as the venue sent it). */
  onMessage(message: FixMessage<AppBody>): void;
  /** A node refused a request (queue full...), after its return latency. */
  onRejected(rejection: GatewayRejection<AppBody>): void;
  onEvent(event: FailoverEvent): void;
}

type Node = GatewayNode<AppBody, FixMessage<AppBody>>;

const DETECTED = 1;
const PROMOTE = 2;
const CHECK_REPLAY = 3;
const DEADLINE = 4;
const ORDERS_LOADED = 5;

export class FailoverGateway implements EventHandler, GatewayNodeListener<AppBody, FixMessage<AppBody>> {
  readonly ledger = new RouterSideLedger();
  readonly losses: FailoverLossRecord[] = [];
  readonly timeline: FailoverTimeline = {
    failedAtNs: undefined,
    failureKind: undefined,
    detectedAtNs: undefined,
    detectionSignal: undefined,
    takeoverStartedAtNs: undefined,
    backupLoggedOnAtNs: undefined,
    replayClearedAtNs: undefined,
    liveSetReconciledAtNs: undefined,
    uncertainAtDetection: 0,
    statusRequestsSent: 0,
    possDupReceived: 0,
  };
  readonly primary: Node;
  readonly backup: Node;
  private active: Node;
  private readonly primaryDriver: GatewaySessionDriver;
  private backupDriver: GatewaySessionDriver | undefined;
  private phase: FailoverPhase = 'normal';
  private loggedOn = false;
  private disconnects = 0;
  private lastDisconnectAtNs: Ns | undefined;
  private lastLogonAtNs: Ns | undefined;
  private readonly wiredAtNs = new Map<string, Ns>();
  /** Venue reports that reached the backup while it was still reading its order records, in arrival order. */
  private heldReports: { message: FixMessage<AppBody>; wiredAtNs: Ns }[] | undefined;
  private readonly rng: { detection: RandomStream; promotion: RandomStream };

  constructor(
    private readonly kernel: Kernel,
    private readonly config: FailoverGatewayConfig,
    streams: RandomStreams,
    private readonly router: FailoverRouterListener,
  ) {
    invariant(config.detectors.length > 0, () => `pair ${config.pairId}: at least one failure detector`);
    this.primary = new GatewayNode(config.primaryId, kernel, config.nodeModels, streams, this);
    this.backup = new GatewayNode(config.backupId, kernel, config.nodeModels, streams, this);
    this.active = this.primary;
    this.primaryDriver = new GatewaySessionDriver(kernel, config.primary.session, config.primary.slot, this.sessionApp(this.primary));
    this.rng = { detection: streams.get(`failover.${config.pairId}.detection`), promotion: streams.get(`failover.${config.pairId}.promotion`) };
  }

  /** The primary is up and logs on to the venue now. */
  start(): void {
    this.primary.startTradingReady();
    this.primaryDriver.start();
  }

  /** The router sends a request to the pair; refused (as a value) while a detected failover is under way. */
  submit(body: AppBody): FailoverRefusal | undefined {
    if (this.timeline.failedAtNs !== undefined && this.timeline.detectedAtNs === undefined) {
      this.ledger.onSent(body);
      this.lose(body, 'sent-to-dead-primary', 'sent during the blind window');
      return undefined;
    }
    if (this.active.lifecycle !== 'trading-ready') return 'failover-in-progress';
    this.ledger.onSent(body);
    this.active.submit(body);
    return undefined;
  }

  /**
   * Whether `submit` takes a request now: always in the blind window (the router cannot tell it from
   * normal, and what it sends is lost), otherwise only through a logged-on, trading-ready active node.
   */
  acceptsRequests(): boolean {
    if (this.timeline.failedAtNs !== undefined && this.timeline.detectedAtNs === undefined) return true;
    return this.loggedOn && this.active.lifecycle === 'trading-ready';
  }

  /** Fault: the primary dies now. A process crash resets its venue connection; a host loss leaves it open, silent. */
  failPrimary(kind: PrimaryFailureKind): void {
    invariant(this.timeline.failedAtNs === undefined, () => `pair ${this.config.pairId}: the primary already failed`);
    this.timeline.failedAtNs = this.kernel.now;
    this.timeline.failureKind = kind;
    this.primary.crash();
    this.primaryDriver.kill();
    if (kind === 'process-crash') this.config.primary.slot.reset();
    const detection = earliestDetection(this.config.detectors, this.kernel.now, kind, this.rng.detection);
    invariant(detection !== undefined, () => `pair ${this.config.pairId}: no detector fires for a ${kind}`);
    this.timeline.detectionSignal = detection.signal;
    this.kernel.schedule(detection.atNs, this, DETECTED);
  }

  /** A drop-copy report the router received: it resolves an order when the venue wrote it after the detection. */
  onDropCopyReport(report: ExecutionReport): void {
    const detectedAtNs = this.timeline.detectedAtNs;
    const writtenMs = report.transactTime === undefined ? undefined : parseUtcTimestampMs(report.transactTime);
    const fresh = detectedAtNs !== undefined && writtenMs !== undefined && writtenMs >= this.config.epochUtcMs + Math.floor(detectedAtNs / NS_PER_MS);
    if (this.ledger.onReport(report, fresh)) this.maybeReconciled();
  }

  view(): FailoverSessionView {
    const driver = this.backupDriver ?? this.primaryDriver;
    return {
      observedAtNs: this.kernel.now,
      pairId: this.config.pairId,
      activeNodeId: this.active.id,
      phase: this.phase,
      loggedOn: this.loggedOn,
      gapOpen: driver.session.inGapRecovery,
      possDupReceived: this.timeline.possDupReceived,
      resendRequests: driver.session.stats.resendRequestsSent,
      seqsGapFilled: driver.seqsGapFilledByPeer,
      lastReceivedAtNs: driver.lastReceivedAtNs,
      disconnects: this.disconnects,
      lastDisconnectAtNs: this.lastDisconnectAtNs,
      lastLogonAtNs: this.lastLogonAtNs,
      uncertainOrders: this.ledger.uncertainCount,
    };
  }

  /** The two nodes as a pool publishes them: the active one takes all the flow. */
  observeNodes(): GatewayPoolObservation {
    return { observedAtNs: this.kernel.now, nodes: [this.primary, this.backup].map((node) => ({ ...node.observe(), flowShare: node === this.active && node.lifecycle === 'trading-ready' ? 1 : 0 })) };
  }

  handleEvent(kind: number): void {
    if (kind === DETECTED) this.detected();
    else if (kind === PROMOTE) this.promote();
    else if (kind === CHECK_REPLAY) {
      if (this.timeline.replayClearedAtNs === undefined && this.heldReports === undefined && !(this.backupDriver as GatewaySessionDriver).session.inGapRecovery) this.replayCleared();
    } else if (kind === DEADLINE) this.giveUp();
    else if (kind === ORDERS_LOADED) this.ordersLoaded();
    else invariant(false, () => `pair ${this.config.pairId}: unknown event ${kind}`);
  }

  // ---- the nodes (GatewayNodeListener) -------------------------------------------------------------

  onWire(body: AppBody, node: GatewayNodeRef): void {
    if ('clOrdId' in body && body.clOrdId !== undefined) this.wiredAtNs.set(body.clOrdId, this.kernel.now);
    this.driverOf(node).send(body);
  }

  onAck(message: FixMessage<AppBody>, node: GatewayNodeRef): void {
    const possDup = message.header.possDupFlag;
    if (possDup) this.timeline.possDupReceived++;
    // On the backup's session, a report without PossDupFlag was written after its logon.
    if (this.ledger.onReport(message.body, node.id === this.backup.id && !possDup)) this.maybeReconciled();
    this.router.onMessage(message);
  }

  onRejected(rejection: GatewayRejection<AppBody>): void {
    if (this.ledger.onRefused(rejection.message)) this.maybeReconciled();
    this.router.onRejected(rejection);
  }

  onLost(body: AppBody, _node: GatewayNodeRef, where: LossPoint): void {
    this.lose(body, 'inside-primary', where);
  }

  onAckLost(message: FixMessage<AppBody>): void {
    this.lose(message.body, 'report-inside-primary', 'on the return path');
  }

  // ---- failover steps -------------------------------------------------------------------------------

  private detected(): void {
    const now = this.kernel.now;
    this.timeline.detectedAtNs = now;
    this.timeline.uncertainAtDetection = this.ledger.markUncertain();
    this.phase = 'failover-detected';
    this.sessionDown(this.primary.id, `primary failure detected (${this.timeline.detectionSignal})`);
    this.publish({ type: 'failure-detected', atNs: now, nodeId: this.primary.id, signal: this.timeline.detectionSignal ?? 'heartbeat-timeout', uncertainOrders: this.timeline.uncertainAtDetection });
    this.kernel.scheduleAfter(this.config.promotionLatency.sampleNs(this.rng.promotion), this, PROMOTE);
  }

  private promote(): void {
    const connection = this.config.design.backupConnection(this.config.primary);
    this.backupDriver = new GatewaySessionDriver(this.kernel, connection.session, connection.slot, this.sessionApp(this.backup));
    this.phase = 'backup-logging-on';
    this.timeline.takeoverStartedAtNs = this.kernel.now;
    this.publish({ type: 'takeover-started', atNs: this.kernel.now, nodeId: this.backup.id, design: this.config.design.name });
    this.backupDriver.start();
  }

  private backupLoggedOn(): void {
    const now = this.kernel.now;
    if (this.backup.lifecycle === 'down') this.backup.startTradingReady();
    this.active = this.backup;
    if (this.timeline.backupLoggedOnAtNs !== undefined) return;
    this.timeline.backupLoggedOnAtNs = now;
    this.kernel.scheduleAfter(this.config.recoveryDeadlineNs, this, DEADLINE);
    const loadNs = this.config.orderMapLoadNs ?? 0;
    if (loadNs > 0) {
      this.phase = 'loading-orders';
      this.heldReports = [];
      this.kernel.scheduleAfter(loadNs, this, ORDERS_LOADED);
      return;
    }
    this.beginRecovery();
  }

  /** The backup knows its orders: it relays what it held, in order, and starts state recovery. */
  private ordersLoaded(): void {
    const held = this.heldReports ?? [];
    this.heldReports = undefined;
    this.publish({ type: 'orders-loaded', atNs: this.kernel.now, heldReports: held.length });
    for (const { message, wiredAtNs } of held) this.backup.relayAck(message, wiredAtNs);
    this.beginRecovery();
  }

  private beginRecovery(): void {
    const now = this.kernel.now;
    this.phase = 'replaying';
    // The logon's own gap (if any) is asked for in the same step; look once that step is done.
    this.kernel.scheduleAfter(0, this, CHECK_REPLAY);
    const uncertain: UncertainOrder[] = this.ledger.uncertainOrders().map((order) => ({ rootClOrdId: order.rootClOrdId, side: order.side }));
    const before = this.timeline.statusRequestsSent;
    this.config.recovery.begin({ uncertain, requestStatus: (order) => this.requestStatus(order) });
    const sent = this.timeline.statusRequestsSent - before;
    if (sent > 0) this.publish({ type: 'status-requested', atNs: now, orders: sent });
  }

  private requestStatus(order: UncertainOrder): void {
    this.timeline.statusRequestsSent++;
    (this.backupDriver as GatewaySessionDriver).send({ msgType: 'H', clOrdId: order.rootClOrdId, side: order.side, symbol: this.config.symbol });
  }

  private replayCleared(): void {
    this.timeline.replayClearedAtNs = this.kernel.now;
    if (this.phase === 'replaying') this.phase = 'reconciling';
    this.publish({ type: 'replay-cleared', atNs: this.kernel.now });
    this.maybeReconciled();
  }

  private maybeReconciled(): void {
    if (this.timeline.replayClearedAtNs === undefined || this.timeline.liveSetReconciledAtNs !== undefined || this.ledger.uncertainCount > 0) return;
    if (this.phase === 'unresolved') return;
    this.timeline.liveSetReconciledAtNs = this.kernel.now;
    this.phase = 'recovered';
    this.publish({ type: 'live-set-reconciled', atNs: this.kernel.now });
  }

  private giveUp(): void {
    if (this.timeline.liveSetReconciledAtNs !== undefined) return;
    const left = this.ledger.uncertainOrders();
    this.phase = 'unresolved';
    for (const order of left) this.losses.push({ clOrdId: order.rootClOrdId, msgType: 'D', reason: 'unresolved', atNs: this.kernel.now, detail: `still ${order.status} when state recovery gave up` });
    this.publish({ type: 'live-set-unresolved', atNs: this.kernel.now, clOrdIds: left.map((order) => order.rootClOrdId) });
  }

  // ---- the venue sessions ---------------------------------------------------------------------------

  private sessionApp(node: Node): GatewaySessionApplication {
    return {
      onMessage: (message) => {
        const clOrdId = 'clOrdId' in message.body ? message.body.clOrdId : undefined;
        const wiredAtNs = (clOrdId === undefined ? undefined : this.wiredAtNs.get(clOrdId)) ?? this.kernel.now;
        if (clOrdId !== undefined) this.wiredAtNs.delete(clOrdId);
        if (node === this.backup && this.heldReports !== undefined) this.heldReports.push({ message, wiredAtNs });
        else node.relayAck(message, wiredAtNs);
      },
      onEvent: (event) => this.onSessionEvent(node, event),
    };
  }

  private onSessionEvent(node: Node, event: SessionEvent): void {
    const now = this.kernel.now;
    const isBackup = node === this.backup;
    switch (event.type) {
      case 'logged-on':
        this.loggedOn = true;
        this.lastLogonAtNs = now;
        this.publish({ type: 'session-up', atNs: now, nodeId: node.id });
        if (isBackup) this.backupLoggedOn();
        return;
      case 'disconnected':
        // A session taken over from the dead primary reports its stored connection gone: not news.
        if (this.loggedOn) this.sessionDown(node.id, event.reason);
        return;
      case 'gap-detected':
        return this.publish({ type: 'gap-detected', atNs: now, fromSeq: event.fromSeq, toSeq: event.toSeq });
      case 'resend-requested':
        return this.publish({ type: 'resend-requested', atNs: now, beginSeqNo: event.beginSeqNo, endSeqNo: event.endSeqNo });
      case 'resend-served':
        return this.publish({ type: 'resend-served', atNs: now, resent: event.resent, gapFilled: event.gapFilled });
      case 'gap-closed':
        // While the backup reads its orders, the replay it received is held too: it clears after the load.
        if (isBackup && this.timeline.replayClearedAtNs === undefined && this.heldReports === undefined) this.replayCleared();
        return;
      default:
        return;
    }
  }

  private sessionDown(nodeId: string, reason: string): void {
    this.loggedOn = false;
    this.disconnects++;
    this.lastDisconnectAtNs = this.kernel.now;
    this.publish({ type: 'session-down', atNs: this.kernel.now, nodeId, reason });
  }

  private driverOf(node: GatewayNodeRef): GatewaySessionDriver {
    const driver = node.id === this.primary.id ? this.primaryDriver : this.backupDriver;
    invariant(driver !== undefined, () => `node ${node.id} has no venue session`);
    return driver;
  }

  private lose(body: AppBody, reason: FailoverLossReason, detail: string): void {
    const clOrdId = 'clOrdId' in body ? body.clOrdId : undefined;
    const origClOrdId = 'origClOrdId' in body ? body.origClOrdId : undefined;
    const root = this.ledger.rootOf(clOrdId, origClOrdId) ?? clOrdId ?? '';
    this.losses.push({ clOrdId: root, msgType: body.msgType, reason, atNs: this.kernel.now, detail });
  }

  private publish(event: FailoverEvent): void {
    this.router.onEvent(event);
  }
}
