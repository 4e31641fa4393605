/**
 * How a pool's orders reach its nodes. Two named implementations:
 *
 * - `WeightedRouting` (per-node queues, the usual gateway pool): at submission the pool picks one
 *   candidate node, at random in proportion to the strategy's weights among candidates under their
 *   in-flight caps, and the order goes to that node's own queue. Random splitting of a Poisson stream
 *   is Poisson, so with equal weights each of c nodes is an M/M/1 queue at λ/c: its mean wait is the
 *   M/M/1 one, far above the shared queue's (VALIDATION.md G3 vs. its per-node counterpart, tested).
 *   Join-the-shortest-queue is not modelled: a router does not see a remote node's queue at once.
 * - `SharedQueueRouting` (one queue, c servers): every order joins the pool's single queue and the
 *   longest-idle server of any node takes it: the M/M/c of G3. Stands for a dispatcher co-located with
 *   the nodes (a gateway host with worker threads); no router-to-queue latency.
 *
 * Candidates: nodes that are trading-ready, plus platform-ready ones when `routeOnPlatformReady` (the
 * seed's mistake of "treating generic readiness probes as execution readiness": those nodes hold
 * orders until their sessions are up, then release them in a burst).
 */
import type { Ns, UniformSource } from '../../../sim/index.ts';
import type { GatewayNode } from '../node/gateway-node.ts';
import type { GatewayRejectReason } from '../node/node-listener.ts';
import { ServiceQueue } from '../node/service-queue.ts';
import type { AllocationCandidate, FlowAllocationStrategy } from './allocation-strategy.ts';

/** The node the order went to, the shared queue, or why it was refused (strings: nothing allocated per order). */
export type RouteOutcome<M, A> = GatewayNode<M, A> | 'shared-queue' | Extract<GatewayRejectReason, 'no-routable-node' | 'queue-full'>;

export interface PoolRouting<M, A> {
  readonly name: string;
  /** The queue every node serves from, or undefined when each node has its own. */
  readonly sharedQueue: ServiceQueue<M> | undefined;
  route(message: M, decisionAtNs: Ns, nowNs: Ns, nodes: readonly GatewayNode<M, A>[]): RouteOutcome<M, A>;
  /** The share of flow each node would get now (for observations), indexed like `nodes`. */
  flowShares(nowNs: Ns, nodes: readonly GatewayNode<M, A>[]): number[];
}

function routableSince<M, A>(node: GatewayNode<M, A>, routeOnPlatformReady: boolean): Ns | undefined {
  if (node.lifecycle === 'trading-ready') return routeOnPlatformReady ? node.platformReadySinceNs : node.tradingReadySinceNs;
  if (node.lifecycle === 'platform-ready' && routeOnPlatformReady) return node.platformReadySinceNs;
  return undefined;
}

class CandidateRecord implements AllocationCandidate {
  id = '';
  routableForNs = 0;
  inFlight = 0;
}

export class WeightedRouting<M, A> implements PoolRouting<M, A> {
  readonly name: string;
  readonly sharedQueue = undefined;
  private records: CandidateRecord[] = [];
  private candidates: CandidateRecord[] = [];
  private candidateNodes: GatewayNode<M, A>[] = [];
  private weights = new Float64Array(8);
  private caps = new Float64Array(8);

  constructor(readonly strategy: FlowAllocationStrategy, private readonly rng: UniformSource, readonly routeOnPlatformReady = false) {
    this.name = `weighted:${strategy.name}`;
  }

  route(message: M, decisionAtNs: Ns, nowNs: Ns, nodes: readonly GatewayNode<M, A>[]): RouteOutcome<M, A> {
    const count = this.allocate(nowNs, nodes);
    let total = 0;
    for (let i = 0; i < count; i++) if (this.candidates[i].inFlight < this.caps[i]) total += this.weights[i];
    if (total <= 0) return 'no-routable-node';
    let pick = this.rng.next() * total;
    for (let i = 0; i < count; i++) {
      if (!(this.candidates[i].inFlight < this.caps[i]) || this.weights[i] <= 0) continue;
      pick -= this.weights[i];
      if (pick < 0 || i === count - 1) return this.send(i, message, decisionAtNs);
    }
    // Rounding can leave `pick` a hair above zero after the last eligible candidate: take the last one.
    for (let i = count - 1; i >= 0; i--) if (this.candidates[i].inFlight < this.caps[i] && this.weights[i] > 0) return this.send(i, message, decisionAtNs);
    return 'no-routable-node';
  }

  flowShares(nowNs: Ns, nodes: readonly GatewayNode<M, A>[]): number[] {
    const count = this.allocate(nowNs, nodes);
    let total = 0;
    for (let i = 0; i < count; i++) total += this.weights[i];
    const shares = nodes.map(() => 0);
    for (let i = 0; i < count; i++) shares[nodes.indexOf(this.candidateNodes[i])] = total > 0 ? this.weights[i] / total : 0;
    return shares;
  }

  private send(i: number, message: M, decisionAtNs: Ns): GatewayNode<M, A> {
    const node = this.candidateNodes[i];
    node.submit(message, decisionAtNs);
    return node;
  }

  /** Fills the reused candidate records and the strategy's weights and caps; returns their count. */
  private allocate(nowNs: Ns, nodes: readonly GatewayNode<M, A>[]): number {
    this.candidates.length = 0;
    this.candidateNodes.length = 0;
    for (const node of nodes) {
      const since = routableSince(node, this.routeOnPlatformReady);
      if (since === undefined) continue;
      const index = this.candidates.length;
      if (index === this.records.length) this.records.push(new CandidateRecord());
      const record = this.records[index];
      record.id = node.id;
      record.routableForNs = nowNs - since;
      record.inFlight = node.inFlight;
      this.candidates.push(record);
      this.candidateNodes.push(node);
    }
    if (this.weights.length < this.candidates.length) {
      this.weights = new Float64Array(this.candidates.length * 2);
      this.caps = new Float64Array(this.candidates.length * 2);
    }
    this.strategy.allocate(this.candidates, this.weights, this.caps);
    return this.candidates.length;
  }
}

export class SharedQueueRouting<M, A> implements PoolRouting<M, A> {
  readonly name = 'shared-queue';
  readonly sharedQueue: ServiceQueue<M>;

  constructor(queueCapacity = Number.POSITIVE_INFINITY, readonly routeOnPlatformReady = false) {
    this.sharedQueue = new ServiceQueue<M>(queueCapacity);
  }

  route(message: M, decisionAtNs: Ns, nowNs: Ns, nodes: readonly GatewayNode<M, A>[]): RouteOutcome<M, A> {
    let routable = false;
    for (let i = 0; i < nodes.length && !routable; i++) routable = routableSince(nodes[i], this.routeOnPlatformReady) !== undefined;
    if (!routable) return 'no-routable-node';
    return this.sharedQueue.offer(message, decisionAtNs, nowNs) ? 'shared-queue' : 'queue-full';
  }

  flowShares(_nowNs: Ns, nodes: readonly GatewayNode<M, A>[]): number[] {
    const serving = nodes.filter((node) => node.lifecycle === 'trading-ready').length;
    return nodes.map((node) => (node.lifecycle === 'trading-ready' ? 1 / serving : 0));
  }
}
