/**
 * Seed 003's autoscaled gateway pool inside an episode: the pool of nodes (service time x warm-up,
 * own queues), its routing and flow allocation, the HPA autoscaler, other desks' background flow, and
 * the router's messages passing through a node before they reach their FIX session. It also keeps
 * what the autoscaling KPIs need: node joins and when each became trading-ready and trading-stable,
 * which node each router order went to and whether it was cold, each router order's decision-to-wire
 * latency, and per-sample capacity factor and flow share of every node for the trajectory.
 *
 * Choices: a router order's acks come back on its FIX session, not relayed by the node (so a node's
 * wire-to-ack window stays empty; its decision-to-wire one, what a policy sees, is filled). Follow-ups
 * (cancel, replace, status request) go through the node that carried the order, so they cannot
 * overtake it; if that node has crashed they go through the pool like a new order. A message the pool
 * cannot place (no routable node, queue full) or that a node loses is lost to the router, which finds
 * out through its status requests, as it would behind a real gateway.
 * The router's orders are allocated by their own routing (the policy may set its shares); other desks'
 * orders by the pool's. Streams: `gateway.<id>.routing`, `gateway.<id>.router-routing`, `gateway.<id>.background`, and each node's (`latency.<node>.*`).
 */
import { NS_PER_S, type Kernel, type Ns, type RandomStreams } from '../../sim/index.ts';
import {
  CanaryCap,
  ConstantLatency,
  CpuUtilisation,
  DEFAULT_SCALE_DOWN,
  EnvoySlowStart,
  EqualWeights,
  ExponentialRampWarmup,
  GatewayPool,
  HaproxySlowStart,
  HpaAutoscaler,
  JitWarmup,
  NoWarmup,
  PlateauWarmup,
  PolicyOverride,
  RequestRate,
  WeightedRouting,
  warmupProgress,
  type FlowAllocationStrategy,
  type GatewayNode,
  type GatewayNodeListener,
  type GatewayPoolObservation,
  type WarmupCurve,
} from '../../venues/gateway/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { BackgroundLoad } from './gateway-background.ts';
import { PoolGatewayPort } from './gateway-view.ts';
import { buildLatency } from './latency.ts';

export type GatewayPoolSpec = NonNullable<Scenario['gateways']['pool']>;

/** A message in the pool: a router action (delivered to its FIX session on the wire) or another desk's order. */
export interface PoolMessage {
  readonly routerOrder: RouterOrderRecord | undefined;
  deliver(): void;
}

const BACKGROUND: PoolMessage = { routerOrder: undefined, deliver: () => undefined };

/** A router new order as the pool handled it (COLD_FLOW_SHARE, TAIL_BREACH_AFTER_SCALE). */
export interface RouterOrderRecord {
  clOrdId: string;
  nodeId: string;
  decisionAtNs: Ns;
  /** The node's warm-up progress was below the cold threshold when the order was routed to it. */
  cold: boolean;
  /** Decision to the FIX session; undefined if the order never got there (lost, refused). */
  decisionToWireNs: Ns | undefined;
}

/** One node incarnation that joined during the run (scale-out, cold start, restart after a crash). */
export interface NodeJoin {
  nodeId: string;
  bootAtNs: Ns;
  tradingReadyAtNs: Ns | undefined;
  /** First sample at which it was trading-ready with its mean warm-up multiplier within the warm band. */
  stableAtNs: Ns | undefined;
  /** First sample at which it was trading-ready with its warm-up progress at the cold threshold (COLD_FLOW_SHARE's "warm"). */
  warmAtNs: Ns | undefined;
}

/** Per sample, per node id: capacity factor (1 / warm-up multiplier, 0 when not serving) and flow share. */
export interface GatewaySample {
  atNs: Ns;
  nodes: { id: string; capacityFactor: number; flowShare: number }[];
}

class RouterAction implements PoolMessage {
  constructor(readonly routerOrder: RouterOrderRecord | undefined, private readonly send: () => void, private readonly side: GatewayPoolSide) {}
  deliver(): void {
    if (this.routerOrder !== undefined) this.routerOrder.decisionToWireNs = this.side.now - this.routerOrder.decisionAtNs;
    this.send();
  }
}

function warmupCurve(spec: GatewayPoolSpec['warmup']): WarmupCurve {
  switch (spec.model) {
    case 'none':
      return new NoWarmup();
    case 'jit':
      return new JitWarmup(spec.coldMultiplier, spec.ordersPerEFold);
    case 'exponential-ramp':
      return new ExponentialRampWarmup(spec.coldMultiplier, spec.timeConstant);
    case 'plateau':
      return new PlateauWarmup(spec.coldMultiplier, spec.plateauMultiplier, spec.timeConstant);
  }
}

function allocation(spec: GatewayPoolSpec): FlowAllocationStrategy {
  switch (spec.allocation) {
    case 'equal':
      return new EqualWeights();
    case 'canary':
      return new CanaryCap(spec.canaryShare, spec.slowStartWindow);
    case 'envoy-slow-start':
      return new EnvoySlowStart(spec.slowStartWindow);
    case 'haproxy-slow-start':
      return new HaproxySlowStart(spec.slowStartWindow, spec.maxConnPerNode);
  }
}

/** Long enough up, and enough orders served, for every curve here to be at its steady level. */
const WARM_HISTORY = { upForNs: 6 * 3_600 * NS_PER_S, ordersServed: 10_000_000 };

const SERVING = new Set(['trading-ready', 'draining']);

export class GatewayPoolSide {
  readonly pool: GatewayPool<PoolMessage>;
  readonly port: PoolGatewayPort;
  readonly autoscaler: HpaAutoscaler | undefined;
  readonly background: BackgroundLoad;
  readonly curve: WarmupCurve;
  readonly routerOrders: RouterOrderRecord[] = [];
  readonly joins: NodeJoin[] = [];
  readonly samples: GatewaySample[] = [];
  /** Router messages the pool could not place or a node lost or refused. */
  routerMessagesLost = 0;
  private readonly strategy: PolicyOverride;
  /** The router's own orders: the pool's allocation until the policy names shares (other desks' flow keeps the pool's). */
  private readonly routerRouting: WeightedRouting<PoolMessage, PoolMessage>;
  private readonly carriedBy = new Map<string, GatewayNode<PoolMessage>>();
  private readonly openJoins = new Map<string, NodeJoin>();

  constructor(private readonly kernel: Kernel, streams: RandomStreams, readonly spec: GatewayPoolSpec, endNs: Ns) {
    this.curve = warmupCurve(spec.warmup);
    this.strategy = new PolicyOverride(allocation(spec));
    const inbound = buildLatency(spec.inboundLatency);
    const listener: GatewayNodeListener<PoolMessage, PoolMessage> = {
      onWire: (message) => message.deliver(),
      onAck: () => undefined,
      onRejected: (rejection) => this.lost(rejection.message),
      onLost: (message) => this.lost(message),
      onAckLost: () => undefined,
      onLifecycle: (node, lifecycle) => this.onLifecycle(node.id, lifecycle),
    };
    this.pool = new GatewayPool<PoolMessage>(kernel, streams, listener, {
      idPrefix: `${spec.fronts}-`,
      models: {
        serviceTime: buildLatency(spec.serviceTime),
        warmup: this.curve,
        inboundLatency: inbound,
        wireLatency: buildLatency(spec.wireLatency),
        returnLatency: inbound,
        bootLatency: new ConstantLatency(spec.bootTime),
        sessionLogonLatency: new ConstantLatency(spec.platformToTradingReady),
      },
      routing: new WeightedRouting(allocation(spec), streams.get(`gateway.${spec.fronts}.routing`), spec.routeOnPlatformReady),
      serversPerNode: spec.serversPerNode,
      queueCapacity: spec.queueCapacity,
    });
    this.routerRouting = new WeightedRouting(this.strategy, streams.get(`gateway.${spec.fronts}.router-routing`), spec.routeOnPlatformReady);
    this.port = new PoolGatewayPort({ observe: () => this.routerObservation() });
    this.background = new BackgroundLoad(kernel, { submitBackground: () => this.pool.submit(BACKGROUND) }, streams.get(`gateway.${spec.fronts}.background`), endNs);
    const scaler = spec.autoscaler;
    this.autoscaler =
      scaler === undefined
        ? undefined
        : new HpaAutoscaler(kernel, this.pool, {
            metric: scaler.metric === 'cpu' ? new CpuUtilisation(scaler.target) : new RequestRate(scaler.target),
            minReplicas: scaler.minReplicas,
            maxReplicas: scaler.maxReplicas,
            syncPeriodNs: scaler.syncPeriod,
            tolerance: scaler.tolerance,
            scaleDown: { ...DEFAULT_SCALE_DOWN, stabilizationWindowNs: scaler.scaleDownStabilization },
          });
    // The pool as it stands before the episode: up for hours and warm, serving.
    for (let i = 0; i < spec.initialReplicas; i++) this.pool.startNode(WARM_HISTORY);
  }

  get now(): Ns {
    return this.kernel.now;
  }

  start(): void {
    this.background.setRate(this.spec.backgroundRatePerSec);
    this.autoscaler?.start();
  }

  /** Whether a new order can be placed on some node now. */
  routable(): boolean {
    return this.pool.nodes.some((node) => node.lifecycle === 'trading-ready' || (this.spec.routeOnPlatformReady && node.lifecycle === 'platform-ready'));
  }

  /** A router new order: the pool picks its node. */
  sendNew(clOrdId: string, send: () => void): void {
    const record: RouterOrderRecord = { clOrdId, nodeId: '', decisionAtNs: this.kernel.now, cold: false, decisionToWireNs: undefined };
    const message = new RouterAction(record, send, this);
    const outcome = this.routerRouting.route(message, this.kernel.now, this.kernel.now, this.pool.nodes);
    if (typeof outcome === 'string') {
      this.routerMessagesLost++;
      return;
    }
    record.nodeId = outcome.id;
    const readySince = outcome.platformReadySinceNs;
    record.cold = readySince === undefined || warmupProgress(this.curve, this.kernel.now - readySince, outcome.ordersServed) < this.spec.coldProgressThreshold;
    this.routerOrders.push(record);
    this.carriedBy.set(clOrdId, outcome);
  }

  /** A cancel, replace or status request about `clOrdId`; a replace's new id stays with the same node. */
  sendFollowUp(clOrdId: string, newClOrdId: string | undefined, send: () => void): void {
    const message = new RouterAction(undefined, send, this);
    const node = this.carriedBy.get(clOrdId);
    let carrier: GatewayNode<PoolMessage> | undefined;
    if (node !== undefined && node.lifecycle !== 'down' && node.lifecycle !== 'booting' && this.pool.nodes.includes(node)) {
      node.submit(message);
      carrier = node;
    } else {
      const outcome = this.routerRouting.route(message, this.kernel.now, this.kernel.now, this.pool.nodes);
      if (typeof outcome === 'string') this.routerMessagesLost++;
      else carrier = outcome;
    }
    if (carrier !== undefined && newClOrdId !== undefined) this.carriedBy.set(newClOrdId, carrier);
  }

  /** The policy's shares by node id (Decision.gatewayWeights entries that name pool nodes). */
  setPolicyShares(shares: Readonly<Record<string, number>>): void {
    this.strategy.setShares(shares);
  }

  ownsNode(id: string): boolean {
    return id.startsWith(`${this.spec.fronts}-`);
  }

  /** The pool as the router observes it, with each node's share of the router's own flow. */
  routerObservation(): GatewayPoolObservation {
    const observation = this.pool.observe();
    const shares = this.routerRouting.flowShares(this.kernel.now, this.pool.nodes);
    return { observedAtNs: observation.observedAtNs, nodes: observation.nodes.map((node, i) => ({ ...node, flowShare: shares[i] })) };
  }

  /** Records the trajectory sample and closes joins that became trading-stable. */
  sample(): void {
    const now = this.kernel.now;
    const shares = this.routerRouting.flowShares(now, this.pool.nodes);
    const band = this.curve.steadyMultiplier * (1 + this.spec.warmBand);
    const nodes = this.pool.nodes.map((node, i) => {
      const readySince = node.platformReadySinceNs;
      const serving = SERVING.has(node.lifecycle) && readySince !== undefined;
      const mean = serving ? this.curve.meanMultiplier(now - readySince, node.ordersServed) : Number.POSITIVE_INFINITY;
      const join = this.openJoins.get(node.id);
      if (join !== undefined && join.warmAtNs === undefined && node.lifecycle === 'trading-ready' && readySince !== undefined) {
        if (warmupProgress(this.curve, now - readySince, node.ordersServed) >= this.spec.coldProgressThreshold) join.warmAtNs = now;
      }
      if (join !== undefined && node.lifecycle === 'trading-ready' && mean <= band) {
        join.stableAtNs = now;
        this.openJoins.delete(node.id);
      }
      return { id: node.id, capacityFactor: serving ? 1 / mean : 0, flowShare: shares[i] };
    });
    this.samples.push({ atNs: now, nodes });
  }

  /** The node a crash fault names, or the oldest serving one. */
  crashTarget(nodeId: string | undefined): GatewayNode<PoolMessage> | undefined {
    if (nodeId !== undefined) return this.pool.nodes.find((node) => node.id === nodeId);
    return this.pool.nodes.find((node) => node.lifecycle === 'trading-ready');
  }

  private onLifecycle(nodeId: string, lifecycle: string): void {
    if (lifecycle === 'booting') {
      const join: NodeJoin = { nodeId, bootAtNs: this.kernel.now, tradingReadyAtNs: undefined, stableAtNs: undefined, warmAtNs: undefined };
      this.joins.push(join);
      this.openJoins.set(nodeId, join);
    } else if (lifecycle === 'trading-ready') {
      const join = this.openJoins.get(nodeId);
      if (join !== undefined) join.tradingReadyAtNs = this.kernel.now;
    } else if (lifecycle === 'down') this.openJoins.delete(nodeId);
  }

  private lost(message: PoolMessage): void {
    if (message !== BACKGROUND) this.routerMessagesLost++;
  }
}
