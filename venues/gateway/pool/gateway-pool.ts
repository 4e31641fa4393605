/**
 * A pool of gateway nodes behind one routing rule: the autoscaled pool of seed 003. It creates nodes
 * (ids `<prefix>1`, `<prefix>2`... never reused, so each node's random streams are its own), routes
 * orders through its `PoolRouting`, scales to a replica count (booting new nodes cold, draining
 * surplus ones), and publishes what the router can observe per node, with its flow share.
 *
 * Scale-in picks nodes the way a Kubernetes ReplicaSet ranks pods for deletion: not ready before
 * ready (down, booting, then platform-ready), then the most recently ready first.
 *
 * Left out: per-node model differences (every node gets the same models; a node's warm-up differs by
 * its age and history) and node placement.
 */
import { invariant, type Kernel, type Ns, type RandomStreams } from '../../../sim/index.ts';
import { GatewayNode, type GatewayNodeModels } from '../node/gateway-node.ts';
import type { GatewayNodeListener, GatewayNodeRef } from '../node/node-listener.ts';
import type { GatewayLifecycle, GatewayNodeObservation } from '../node/node-observation.ts';
import type { PoolRouting, RouteOutcome } from './pool-routing.ts';

export interface GatewayPoolConfig<M, A> {
  idPrefix: string;
  models: GatewayNodeModels;
  routing: PoolRouting<M, A>;
  serversPerNode?: number;
  /** Each node's own queue capacity (per-node routing). */
  queueCapacity?: number;
  latencyWindowOrders?: number;
}

export interface PoolNodeObservation extends GatewayNodeObservation {
  /** The share of flow the routing would give this node now, 0..1. */
  flowShare: number;
}

export interface GatewayPoolObservation {
  observedAtNs: Ns;
  nodes: PoolNodeObservation[];
}

const DELETION_RANK: Record<GatewayLifecycle, number> = { down: 0, booting: 1, 'platform-ready': 2, 'trading-ready': 3, draining: 4 };

export class GatewayPool<M, A = M> {
  private readonly members: GatewayNode<M, A>[] = [];
  private readonly draining = new Set<GatewayNode<M, A>>();
  private created = 0;
  private readonly nodeListener: GatewayNodeListener<M, A>;

  constructor(
    private readonly kernel: Kernel,
    private readonly streams: RandomStreams,
    listener: GatewayNodeListener<M, A>,
    private readonly config: GatewayPoolConfig<M, A>,
  ) {
    // The pool hears each node's lifecycle first, to let go of nodes that finished draining.
    this.nodeListener = {
      onWire: (message, node, decisionAtNs) => listener.onWire(message, node, decisionAtNs),
      onAck: (ack, node) => listener.onAck(ack, node),
      onRejected: (rejection) => listener.onRejected(rejection),
      onLost: (message, node, where) => listener.onLost(message, node, where),
      onAckLost: (ack, node) => listener.onAckLost(ack, node),
      onServiceStart: listener.onServiceStart ? (message, node, waitNs) => listener.onServiceStart?.(message, node, waitNs) : undefined,
      onLifecycle: (node, lifecycle) => {
        this.releaseIfDrained(node, lifecycle);
        listener.onLifecycle?.(node, lifecycle);
      },
    };
  }

  /** Nodes in the pool, draining ones included, in creation order. */
  get nodes(): readonly GatewayNode<M, A>[] {
    return this.members;
  }

  /** The replica count an autoscaler sees: nodes not draining. */
  get replicas(): number {
    return this.members.length - this.draining.size;
  }

  node(id: string): GatewayNode<M, A> {
    const node = this.members.find((member) => member.id === id);
    invariant(node !== undefined, () => `no gateway node ${id} in pool ${this.config.idPrefix}`);
    return node;
  }

  /** Adds a node that boots now (a scale-out: cold). */
  bootNode(): GatewayNode<M, A> {
    const node = this.createNode();
    node.boot();
    return node;
  }

  /** Adds a node that is trading-ready now (the pool as it stands before an episode), with its history (see the node). */
  startNode(history?: { upForNs: Ns; ordersServed: number }): GatewayNode<M, A> {
    const node = this.createNode();
    node.startTradingReady(history);
    return node;
  }

  /** Boots or drains nodes until `replicas` are not draining. */
  scaleTo(replicas: number): void {
    invariant(Number.isInteger(replicas) && replicas >= 0, () => `replicas must be an integer >= 0, got ${replicas}`);
    while (this.replicas < replicas) this.bootNode();
    if (this.replicas <= replicas) return;
    const candidates = this.members.filter((node) => !this.draining.has(node));
    candidates.sort((a, b) => DELETION_RANK[a.lifecycle] - DELETION_RANK[b.lifecycle] || (b.platformReadySinceNs ?? 0) - (a.platformReadySinceNs ?? 0));
    for (const node of candidates.slice(0, this.replicas - replicas)) this.retire(node);
  }

  submit(message: M, decisionAtNs: Ns = this.kernel.now): RouteOutcome<M, A> {
    return this.config.routing.route(message, decisionAtNs, this.kernel.now, this.members);
  }

  observe(): GatewayPoolObservation {
    const shares = this.config.routing.flowShares(this.kernel.now, this.members);
    return {
      observedAtNs: this.kernel.now,
      nodes: this.members.map((node, i) => ({ ...node.observe(), flowShare: shares[i] })),
    };
  }

  private createNode(): GatewayNode<M, A> {
    this.created++;
    const node = new GatewayNode<M, A>(`${this.config.idPrefix}${this.created}`, this.kernel, this.config.models, this.streams, this.nodeListener, {
      servers: this.config.serversPerNode,
      sharedQueue: this.config.routing.sharedQueue,
      queueCapacity: this.config.queueCapacity,
      latencyWindowOrders: this.config.latencyWindowOrders,
    });
    this.members.push(node);
    return node;
  }

  private retire(node: GatewayNode<M, A>): void {
    if (node.lifecycle === 'down') {
      this.members.splice(this.members.indexOf(node), 1);
      return;
    }
    this.draining.add(node);
    node.drain();
  }

  private releaseIfDrained(ref: GatewayNodeRef, lifecycle: GatewayLifecycle): void {
    if (lifecycle !== 'down') return;
    const node = this.members.find((member) => member.id === ref.id);
    if (node === undefined || !this.draining.delete(node)) return;
    this.members.splice(this.members.indexOf(node), 1);
  }
}
