/**
 * One gateway node: its own inbound queue (or a share of a pool's queue), its servers and service-time
 * distribution, its warm-up curve, its lifecycle and its latencies on each path (seed 003; seed 000's
 * "primary order-entry path").
 *
 * Paths, each an in-order link with its own latency model:
 *   router --inbound--> queue --service x warm-up--> --wire--> venue       (decision to wire)
 *   venue's ack --relayAck--> --return--> router                           (wire to ack)
 * Service time is the model's draw times the warm-up curve's multiplier at the node's age (since it
 * became platform-ready) and orders served (this incarnation), rounded to the nanosecond.
 *
 * Lifecycle (seed 003: platform-ready and trading-ready are separate states): boot -> platform-ready
 * (accepts and holds orders) -> trading-ready (serves) -> draining -> down; crash from any state.
 * A crash loses what is inside the node (orders on the inbound link, queued in its own queue, in
 * service; acks on their way back) and restarts cold. Orders already on the wire are the venue's.
 *
 * Left out: CPU shared between service and ack relay (the return path does not queue), and cancels
 * overtaking new orders. Parameters: see `GatewayNodeModels`; `servers` (integer >= 1),
 * `latencyWindowOrders` (orders kept for published quantiles).
 */
import { invariant, type EventHandler, type Kernel, type Ns, type RandomStream, type RandomStreams } from '../../../sim/index.ts';
import type { LatencyModel, ServiceTimeModel } from '../latency-model.ts';
import { warmupProgress, type WarmupCurve } from '../warmup/warmup-curve.ts';
import { DelayLine } from './delay-line.ts';
import { LatencyWindow } from './latency-window.ts';
import type { GatewayLifecycle, GatewayNodeObservation } from './node-observation.ts';
import { ServiceQueue, type QueueServer } from './service-queue.ts';
import { GatewayRejection, type GatewayNodeListener, type GatewayRejectReason } from './node-listener.ts';

export interface GatewayNodeModels {
  serviceTime: ServiceTimeModel;
  warmup: WarmupCurve;
  /** Router to the node's queue. */
  inboundLatency: LatencyModel;
  /** Service done to the order on the venue's side of the wire. */
  wireLatency: LatencyModel;
  /** Node back to the router (acks it relays, refusals). */
  returnLatency: LatencyModel;
  /** Boot start to platform-ready. */
  bootLatency: LatencyModel;
  /** Platform-ready to trading-ready (venue sessions logged on, caches primed). */
  sessionLogonLatency: LatencyModel;
}

export interface GatewayNodeOptions<M> {
  servers?: number;
  /** A pool's shared queue; without it the node has its own, of `queueCapacity` orders. */
  sharedQueue?: ServiceQueue<M>;
  queueCapacity?: number;
  latencyWindowOrders?: number;
}

const SERVICE_DONE = 1;
const PLATFORM_READY = 2;
const TRADING_READY = 3;

export class GatewayNode<M, A = M> implements EventHandler, QueueServer<M> {
  readonly serverCount: number;
  readonly queue: ServiceQueue<M>;
  private readonly ownsQueue: boolean;
  private state: GatewayLifecycle = 'down';
  private bootedAtNs: Ns = 0;
  private platformReadyAtNs: Ns = 0;
  private tradingReadyAtNs: Ns | undefined;
  private lifecycleEventId = -1;
  private served = 0;
  private refused = 0;
  private acceptedTotal = 0;
  private busyCompletedNs = 0;
  private busyCount = 0;
  private readonly serverMessage: (M | undefined)[];
  private readonly serverDecisionAt: Float64Array;
  private readonly serverStartNs: Float64Array;
  private readonly serverEventId: Float64Array;
  private readonly inbound: DelayLine<M>;
  private readonly wire: DelayLine<M>;
  private readonly returning: DelayLine<A>;
  private readonly refusals: DelayLine<GatewayRejection<M>>;
  private readonly decisionToWire: LatencyWindow;
  private readonly wireToAck: LatencyWindow;
  private readonly rng: { service: RandomStream; warmup: RandomStream; inbound: RandomStream; wire: RandomStream; back: RandomStream; lifecycle: RandomStream };

  constructor(
    readonly id: string,
    private readonly kernel: Kernel,
    private readonly models: GatewayNodeModels,
    streams: RandomStreams,
    private readonly listener: GatewayNodeListener<M, A>,
    options: GatewayNodeOptions<M> = {},
  ) {
    this.serverCount = options.servers ?? 1;
    invariant(Number.isInteger(this.serverCount) && this.serverCount >= 1, () => `node ${id}: servers must be an integer >= 1`);
    this.ownsQueue = options.sharedQueue === undefined;
    this.queue = options.sharedQueue ?? new ServiceQueue<M>(options.queueCapacity);
    this.serverMessage = new Array(this.serverCount);
    this.serverDecisionAt = new Float64Array(this.serverCount);
    this.serverStartNs = new Float64Array(this.serverCount);
    this.serverEventId = new Float64Array(this.serverCount);
    this.rng = {
      service: streams.get(`latency.${id}.service`),
      warmup: streams.get(`warmup.${id}`),
      inbound: streams.get(`latency.${id}.inbound`),
      wire: streams.get(`latency.${id}.wire`),
      back: streams.get(`latency.${id}.return`),
      lifecycle: streams.get(`lifecycle.${id}`),
    };
    this.inbound = new DelayLine(kernel, { arrive: (message, decisionAtNs) => this.arriveAtQueue(message, decisionAtNs) });
    this.wire = new DelayLine(kernel, { arrive: (message, decisionAtNs) => listener.onWire(message, this, decisionAtNs) });
    this.returning = new DelayLine(kernel, { arrive: (ack, wiredAtNs) => this.ackArrived(ack, wiredAtNs) });
    this.refusals = new DelayLine(kernel, { arrive: (rejection) => listener.onRejected(rejection) });
    const windowOrders = options.latencyWindowOrders ?? 256;
    this.decisionToWire = new LatencyWindow(windowOrders);
    this.wireToAck = new LatencyWindow(windowOrders);
  }

  get lifecycle(): GatewayLifecycle {
    return this.state;
  }
  get ordersServed(): number {
    return this.served;
  }
  /** Orders accepted into a queue over every incarnation (the request-rate metric differences it). */
  get ordersAccepted(): number {
    return this.acceptedTotal;
  }
  /** Orders sent to this node and not yet through service: on its inbound link, in its own queue, in service. */
  get inFlight(): number {
    return this.inbound.inFlight + (this.ownsQueue ? this.queue.length : 0) + this.busyCount;
  }
  get tradingReadySinceNs(): Ns | undefined {
    return this.tradingReadyAtNs;
  }
  get platformReadySinceNs(): Ns | undefined {
    return this.state === 'booting' || this.state === 'down' ? undefined : this.platformReadyAtNs;
  }
  get bootStartedAtNs(): Ns {
    return this.bootedAtNs;
  }

  /** Server time spent serving, summed over servers and incarnations, including service under way. */
  busyNs(): Ns {
    let busy = this.busyCompletedNs;
    for (let i = 0; i < this.serverCount; i++) if (this.serverMessage[i] !== undefined) busy += this.kernel.now - this.serverStartNs[i];
    return busy;
  }

  /** Starts a new incarnation: booting now, platform-ready and trading-ready after their latencies. */
  boot(): void {
    invariant(this.state === 'down', () => `node ${this.id}: boot from ${this.state}; only a down node boots`);
    this.resetIncarnation();
    this.setState('booting');
    this.lifecycleEventId = this.kernel.scheduleAfter(this.models.bootLatency.sampleNs(this.rng.lifecycle), this, PLATFORM_READY);
  }

  /**
   * Brings a down node straight to trading-ready now (a pool that is up before the episode starts).
   * `history` is how long it has been up and how many orders it has served already, so that its warm-up
   * curve reads it as warm as that (default: just started, cold). It has been platform- and trading-ready
   * for all of that time too: slow-start ramps (Envoy, HAProxy) read the trading-ready clock, and a node
   * that was serving before the episode began is not a newcomer to them.
   */
  startTradingReady(history: { upForNs: Ns; ordersServed: number } = { upForNs: 0, ordersServed: 0 }): void {
    invariant(this.state === 'down', () => `node ${this.id}: start from ${this.state}; only a down node starts`);
    invariant(history.upForNs >= 0 && history.ordersServed >= 0, () => `node ${this.id}: history must be >= 0`);
    this.resetIncarnation();
    this.bootedAtNs = this.kernel.now - history.upForNs;
    this.served = history.ordersServed;
    this.becomePlatformReady();
    this.platformReadyAtNs = this.bootedAtNs;
    this.becomeTradingReady();
    this.tradingReadyAtNs = this.bootedAtNs;
  }

  /** Router side: sends an order to this node. Refused (as a value, after a one-way latency) unless it listens. */
  submit(message: M, decisionAtNs: Ns = this.kernel.now): void {
    if (this.state === 'booting' || this.state === 'down') {
      this.refuse(message, this.state === 'down' ? 'node-down' : 'node-not-ready', this.models.inboundLatency.sampleNs(this.rng.inbound));
      return;
    }
    this.inbound.send(message, this.models.inboundLatency.sampleNs(this.rng.inbound), decisionAtNs);
  }

  /** Venue side: the ack for an order this node put on the wire at `wiredAtNs`. False when the node cannot relay it. */
  relayAck(ack: A, wiredAtNs: Ns): boolean {
    if (this.state === 'booting' || this.state === 'down') return false;
    this.returning.send(ack, this.models.returnLatency.sampleNs(this.rng.back), wiredAtNs);
    return true;
  }

  /**
   * Scale-in: no new flow from the pool; a serving node serves what it holds, then goes down. A node
   * that never became trading-ready cannot serve (its venue sessions are not up): it stops at once and
   * refuses what it held, and what is still on its way to it.
   */
  drain(): void {
    invariant(this.state !== 'down', () => `node ${this.id}: cannot drain a down node`);
    this.kernel.cancel(this.lifecycleEventId);
    if (this.state === 'booting' || this.state === 'platform-ready') {
      if (this.ownsQueue) this.queue.dropAll((message) => this.refuse(message, 'node-down', this.models.returnLatency.sampleNs(this.rng.back)));
      this.setState('down');
      return;
    }
    this.setState('draining');
    if (!this.ownsQueue) this.queue.withdraw(this);
    this.stopIfDrained();
  }

  /** The process dies: everything inside the node is lost (reported to the listener as truth). */
  crash(): void {
    if (this.state === 'down') return;
    this.kernel.cancel(this.lifecycleEventId);
    this.inbound.dropAll((message) => this.listener.onLost(message, this, 'inbound'));
    for (let i = 0; i < this.serverCount; i++) {
      const message = this.serverMessage[i];
      if (message === undefined) continue;
      this.kernel.cancel(this.serverEventId[i]);
      this.busyCompletedNs += this.kernel.now - this.serverStartNs[i];
      this.serverMessage[i] = undefined;
      this.listener.onLost(message, this, 'in-service');
    }
    this.busyCount = 0;
    this.queue.withdraw(this);
    if (this.ownsQueue) this.queue.dropAll((message) => this.listener.onLost(message, this, 'queued'));
    this.returning.dropAll((ack) => this.listener.onAckLost(ack, this));
    this.tradingReadyAtNs = undefined;
    this.setState('down');
  }

  observe(): GatewayNodeObservation {
    const now = this.kernel.now;
    const up = this.state !== 'booting' && this.state !== 'down';
    return {
      gatewayId: this.id,
      observedAtNs: now,
      lifecycle: this.state,
      ageNs: now - this.bootedAtNs,
      tradingReadyForNs: this.tradingReadyAtNs === undefined ? undefined : now - this.tradingReadyAtNs,
      warmupProgress: up ? warmupProgress(this.models.warmup, now - this.platformReadyAtNs, this.served) : 0,
      decisionToWire: this.decisionToWire.summary(),
      wireToAck: this.wireToAck.summary(),
      errorCount: this.refused,
      queuedOrders: (this.ownsQueue ? this.queue.length : 0) + this.busyCount,
      ordersServed: this.served,
    };
  }

  beginService(serverIndex: number, message: M, decisionAtNs: Ns, enqueuedAtNs: Ns): void {
    const now = this.kernel.now;
    const multiplier = this.models.warmup.multiplier(now - this.platformReadyAtNs, this.served, this.rng.warmup);
    const serviceNs = Math.round(this.models.serviceTime.sampleNs(this.rng.service) * multiplier);
    this.serverMessage[serverIndex] = message;
    this.serverDecisionAt[serverIndex] = decisionAtNs;
    this.serverStartNs[serverIndex] = now;
    this.serverEventId[serverIndex] = this.kernel.schedule(now + serviceNs, this, SERVICE_DONE, serverIndex);
    this.busyCount++;
    if (!this.ownsQueue) this.acceptedTotal++;
    this.listener.onServiceStart?.(message, this, now - enqueuedAtNs);
  }

  handleEvent(kind: number, data: unknown): void {
    if (kind === SERVICE_DONE) this.serviceDone(data as number);
    else if (kind === PLATFORM_READY) {
      this.becomePlatformReady();
      this.lifecycleEventId = this.kernel.scheduleAfter(this.models.sessionLogonLatency.sampleNs(this.rng.lifecycle), this, TRADING_READY);
    } else if (kind === TRADING_READY) this.becomeTradingReady();
    else invariant(false, () => `node ${this.id}: unknown event kind ${kind}`);
  }

  private serviceDone(serverIndex: number): void {
    const now = this.kernel.now;
    const message = this.serverMessage[serverIndex] as M;
    const decisionAtNs = this.serverDecisionAt[serverIndex];
    this.serverMessage[serverIndex] = undefined;
    this.busyCount--;
    this.busyCompletedNs += now - this.serverStartNs[serverIndex];
    this.served++;
    const wireNs = this.models.wireLatency.sampleNs(this.rng.wire);
    this.decisionToWire.add(now + wireNs - decisionAtNs);
    this.wire.send(message, wireNs, decisionAtNs);
    if (this.state === 'trading-ready' || (this.state === 'draining' && this.ownsQueue)) this.queue.serverFree(this, serverIndex);
    this.stopIfDrained();
  }

  private arriveAtQueue(message: M, decisionAtNs: Ns): void {
    if (this.state === 'down' || this.state === 'booting') {
      this.refuse(message, this.state === 'down' ? 'node-down' : 'node-not-ready', this.models.returnLatency.sampleNs(this.rng.back));
      return;
    }
    if (this.queue.offer(message, decisionAtNs, this.kernel.now)) {
      if (this.ownsQueue) this.acceptedTotal++;
      return;
    }
    this.refuse(message, 'queue-full', this.models.returnLatency.sampleNs(this.rng.back));
  }

  private ackArrived(ack: A, wiredAtNs: Ns): void {
    this.wireToAck.add(this.kernel.now - wiredAtNs);
    this.listener.onAck(ack, this);
  }

  private refuse(message: M, reason: GatewayRejectReason, delayNs: Ns): void {
    this.refused++;
    this.refusals.send(new GatewayRejection(message, this.id, reason, this.kernel.now), delayNs);
  }

  private becomePlatformReady(): void {
    this.platformReadyAtNs = this.kernel.now;
    this.setState('platform-ready');
  }

  private becomeTradingReady(): void {
    this.tradingReadyAtNs = this.kernel.now;
    this.setState('trading-ready');
    for (let i = 0; i < this.serverCount; i++) if (this.serverMessage[i] === undefined) this.queue.serverFree(this, i);
  }

  private stopIfDrained(): void {
    if (this.state !== 'draining' || this.busyCount > 0 || this.inbound.inFlight > 0) return;
    if (this.ownsQueue && this.queue.length > 0) return;
    this.queue.withdraw(this);
    this.tradingReadyAtNs = undefined;
    this.setState('down');
  }

  private resetIncarnation(): void {
    this.bootedAtNs = this.kernel.now;
    this.tradingReadyAtNs = undefined;
    this.served = 0;
    this.refused = 0;
    this.decisionToWire.clear();
    this.wireToAck.clear();
  }

  private setState(state: GatewayLifecycle): void {
    this.state = state;
    this.listener.onLifecycle?.(this, state);
  }
}
