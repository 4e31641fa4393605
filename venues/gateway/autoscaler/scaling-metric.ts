/**
 * What the autoscaler scales on (seed 003: "execution stacks often scale order gateways on CPU or
 * request-rate thresholds"). A metric reads one value per node over the interval since it last read
 * that node; the autoscaler compares the average over ready nodes with the metric's target, as the
 * Kubernetes HPA does for a Resource metric (utilisation) or a Pods metric (rate per pod).
 *
 * - `CpuUtilisation`: the share of the node's server time spent serving (busy ns / (servers × elapsed
 *   ns)); target a fraction, e.g. 0.6 for 60%.
 * - `RequestRate`: orders accepted by the node per second; target orders per second per node.
 *
 * Left out: metrics-server scrape lag and averaging windows (a reading is exact over its interval).
 */
import { invariant, type Ns } from '../../../sim/index.ts';
import type { GatewayLifecycle } from '../node/node-observation.ts';

/** What the autoscaler needs of a node: the pool's nodes satisfy it. */
export interface ScalableNode {
  readonly id: string;
  readonly lifecycle: GatewayLifecycle;
  readonly platformReadySinceNs: Ns | undefined;
  readonly serverCount: number;
  readonly ordersAccepted: number;
  busyNs(): Ns;
}

/** What the autoscaler scales: the pool satisfies it. */
export interface ScalableTarget {
  /** Replicas that count (not draining). */
  readonly replicas: number;
  readonly nodes: readonly ScalableNode[];
  scaleTo(replicas: number): void;
}

export interface ScalingMetric {
  readonly name: string;
  /** The per-node value the autoscaler aims at. */
  readonly target: number;
  /** The node's value since its previous reading; undefined on its first reading. */
  read(node: ScalableNode, nowNs: Ns): number | undefined;
}

/** Differences a cumulative per-node counter between readings. */
abstract class CounterRateMetric implements ScalingMetric {
  abstract readonly name: string;
  private readonly previous = new Map<string, { value: number; atNs: Ns }>();

  constructor(readonly target: number) {
    invariant(target > 0, () => `metric target must be > 0, got ${target}`);
  }

  protected abstract counter(node: ScalableNode): number;
  protected abstract perElapsed(delta: number, elapsedNs: Ns, node: ScalableNode): number;

  read(node: ScalableNode, nowNs: Ns): number | undefined {
    const value = this.counter(node);
    const before = this.previous.get(node.id);
    this.previous.set(node.id, { value, atNs: nowNs });
    if (before === undefined || nowNs <= before.atNs) return undefined;
    return this.perElapsed(value - before.value, nowNs - before.atNs, node);
  }
}

export class CpuUtilisation extends CounterRateMetric {
  readonly name = 'cpu';
  protected counter(node: ScalableNode): number {
    return node.busyNs();
  }
  protected perElapsed(busyNs: number, elapsedNs: Ns, node: ScalableNode): number {
    return busyNs / (node.serverCount * elapsedNs);
  }
}

export class RequestRate extends CounterRateMetric {
  readonly name = 'request-rate';
  protected counter(node: ScalableNode): number {
    return node.ordersAccepted;
  }
  protected perElapsed(orders: number, elapsedNs: Ns): number {
    return (orders * 1e9) / elapsedNs;
  }
}
