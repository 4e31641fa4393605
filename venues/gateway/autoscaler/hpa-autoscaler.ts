/**
 * A Kubernetes Horizontal Pod Autoscaler driving a gateway pool (seed 003: "control plane says
 * capacity added, but micro-latency says not yet"). Every sync period it reads the metric on each node,
 * computes desired = ⌈ready · average/target⌉ unless the ratio is within the tolerance of 1, then
 * stabilises and rate-limits that through `HpaBehavior` and scales the pool (VALIDATION.md W4).
 *
 * Readiness follows the replica calculator (pkg/controller/podautoscaler/replica_calculator.go): a
 * node's reading counts only if the node was ready (platform-ready or later: the HPA sees readiness
 * probes, not trading readiness) for the whole interval it covers. Other nodes are unready: on a
 * scale-up they are counted as using 0% of the target (which damps scale-up while new nodes boot);
 * if that flips the direction or brings the ratio within tolerance, the count stays. Draining nodes
 * are not counted.
 *
 * Left out: missing metrics (every ready node reports), the CPU initialisation period beyond the
 * first interval, and per-metric maxima over several metrics (one metric).
 *
 * Parameters: `syncPeriodNs` (ns, default 15 s), `tolerance` (relative, default 0.1), replica bounds
 * (pods), `scaleUp`/`scaleDown` rules (see hpa-behavior.ts).
 */
import { NS_PER_S, invariant, type EventHandler, type Kernel, type Ns } from '../../../sim/index.ts';
import { DEFAULT_SCALE_DOWN, DEFAULT_SCALE_UP, HpaBehavior, type HpaScalingRules } from './hpa-behavior.ts';
import type { ScalableTarget, ScalingMetric } from './scaling-metric.ts';

export interface HpaConfig {
  metric: ScalingMetric;
  minReplicas?: number;
  maxReplicas: number;
  syncPeriodNs?: Ns;
  tolerance?: number;
  scaleUp?: HpaScalingRules;
  scaleDown?: HpaScalingRules;
}

/** One sync's reasoning, kept for reports and tests. */
export interface HpaDecision {
  atNs: Ns;
  currentReplicas: number;
  readyNodes: number;
  unreadyNodes: number;
  /** Average metric over ready nodes divided by the target; undefined without ready readings. */
  usageRatio: number | undefined;
  /** The replica calculator's answer before stabilisation and rate limits. */
  recommended: number;
  /** What the pool was scaled to. */
  scaledTo: number;
}

export class HpaAutoscaler implements EventHandler {
  readonly decisions: HpaDecision[] = [];
  private readonly behavior: HpaBehavior;
  private readonly minReplicas: number;
  private readonly syncPeriodNs: Ns;
  private readonly tolerance: number;
  private lastSyncNs: Ns = 0;
  private timer = -1;

  constructor(private readonly kernel: Kernel, private readonly target: ScalableTarget, private readonly config: HpaConfig) {
    this.minReplicas = config.minReplicas ?? 1;
    this.syncPeriodNs = config.syncPeriodNs ?? 15 * NS_PER_S;
    this.tolerance = config.tolerance ?? 0.1;
    invariant(this.minReplicas >= 1 && config.maxReplicas >= this.minReplicas, () => `need 1 <= minReplicas <= maxReplicas, got ${this.minReplicas}, ${config.maxReplicas}`);
    invariant(this.syncPeriodNs > 0 && this.tolerance >= 0, 'sync period must be > 0 and tolerance >= 0');
    this.behavior = new HpaBehavior(config.scaleUp ?? DEFAULT_SCALE_UP, config.scaleDown ?? DEFAULT_SCALE_DOWN);
  }

  /** Takes the metric's baseline now; the first sync is one period later. */
  start(): void {
    for (const node of this.target.nodes) this.config.metric.read(node, this.kernel.now);
    this.lastSyncNs = this.kernel.now;
    this.timer = this.kernel.scheduleAfter(this.syncPeriodNs, this);
  }

  stop(): void {
    this.kernel.cancel(this.timer);
  }

  handleEvent(): void {
    this.sync();
    this.timer = this.kernel.scheduleAfter(this.syncPeriodNs, this);
  }

  private sync(): void {
    const now = this.kernel.now;
    const intervalStart = this.lastSyncNs;
    this.lastSyncNs = now;
    let readySum = 0;
    let ready = 0;
    let unready = 0;
    for (const node of this.target.nodes) {
      if (node.lifecycle === 'draining') continue;
      const value = this.config.metric.read(node, now);
      const readySince = node.platformReadySinceNs;
      if (value !== undefined && readySince !== undefined && readySince <= intervalStart) {
        readySum += value;
        ready++;
      } else unready++;
    }
    const current = this.target.replicas;
    const usageRatio = ready > 0 ? readySum / ready / this.config.metric.target : undefined;
    // Without a ready reading the controller cannot compute a ratio and leaves the count alone.
    const recommended = usageRatio === undefined ? current : this.recommend(usageRatio, readySum, ready, unready, current);
    const stabilized = this.behavior.stabilize(recommended, current, now);
    const scaledTo = this.behavior.limit(stabilized, current, this.minReplicas, this.config.maxReplicas, now);
    this.decisions.push({ atNs: now, currentReplicas: current, readyNodes: ready, unreadyNodes: unready, usageRatio, recommended, scaledTo });
    if (scaledTo !== current) {
      this.target.scaleTo(scaledTo);
      this.behavior.recordScale(current, scaledTo, now);
    }
  }

  /** The replica calculator: ⌈ready · ratio⌉, with unready nodes at 0% on a scale-up. */
  private recommend(usageRatio: number, readySum: number, ready: number, unready: number, current: number): number {
    if (unready === 0 || usageRatio <= 1) {
      if (Math.abs(1 - usageRatio) <= this.tolerance) return current;
      return Math.ceil(usageRatio * ready);
    }
    const counted = ready + unready;
    const newRatio = readySum / counted / this.config.metric.target;
    if (Math.abs(1 - newRatio) <= this.tolerance || newRatio < 1) return current;
    const replicas = Math.ceil(newRatio * counted);
    return replicas < current ? current : replicas;
  }
}
