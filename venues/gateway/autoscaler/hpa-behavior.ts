/**
 * The Kubernetes HPA's `behavior` (autoscaling/v2): scaling policies that limit how fast replicas
 * change, and stabilisation windows that damp flapping. Follows the controller's
 * `stabilizeRecommendationWithBehaviors` and `calculateScale{Up,Down}LimitWithScalingRules`
 * (pkg/controller/podautoscaler/horizontal.go).
 *
 * Defaults (VALIDATION.md W4, and the HPA's documented defaults): scale up by at most max(+100%, +4
 * pods) per 15 s with no stabilisation; scale down by up to 100% per 15 s after a 300 s stabilisation
 * window (the highest recommendation of the last 300 s wins).
 *
 * Units: periods and windows in ns; `value` in pods or percent as the policy's name says.
 */
import { NS_PER_S, invariant, type Ns } from '../../../sim/index.ts';

export interface HpaScalingPolicy {
  readonly periodNs: Ns;
  /** The most replicas allowed, counting from the replicas at the start of the period. */
  scaleUpLimit(periodStartReplicas: number): number;
  /** The fewest replicas allowed, counting from the replicas at the start of the period. */
  scaleDownLimit(periodStartReplicas: number): number;
}

export class PodsScalingPolicy implements HpaScalingPolicy {
  constructor(readonly pods: number, readonly periodNs: Ns) {
    invariant(Number.isInteger(pods) && pods > 0 && periodNs > 0, () => `pods policy needs pods > 0 and a period > 0, got ${pods}, ${periodNs}`);
  }
  scaleUpLimit(periodStartReplicas: number): number {
    return periodStartReplicas + this.pods;
  }
  scaleDownLimit(periodStartReplicas: number): number {
    return periodStartReplicas - this.pods;
  }
}

export class PercentScalingPolicy implements HpaScalingPolicy {
  constructor(readonly percent: number, readonly periodNs: Ns) {
    invariant(percent > 0 && periodNs > 0, () => `percent policy needs percent > 0 and a period > 0, got ${percent}, ${periodNs}`);
  }
  scaleUpLimit(periodStartReplicas: number): number {
    // Rounded up, as the controller does, so that a small percentage still adds a pod.
    return Math.ceil(periodStartReplicas * (1 + this.percent / 100));
  }
  scaleDownLimit(periodStartReplicas: number): number {
    return Math.trunc(periodStartReplicas * (1 - this.percent / 100));
  }
}

/** `Max` allows the policy giving the largest change, `Min` the smallest, `Disabled` none. */
export type HpaSelectPolicy = 'Max' | 'Min' | 'Disabled';

export interface HpaScalingRules {
  readonly stabilizationWindowNs: Ns;
  readonly selectPolicy: HpaSelectPolicy;
  readonly policies: readonly HpaScalingPolicy[];
}

const PERIOD_15S = 15 * NS_PER_S;

export const DEFAULT_SCALE_UP: HpaScalingRules = {
  stabilizationWindowNs: 0,
  selectPolicy: 'Max',
  policies: [new PodsScalingPolicy(4, PERIOD_15S), new PercentScalingPolicy(100, PERIOD_15S)],
};

export const DEFAULT_SCALE_DOWN: HpaScalingRules = {
  stabilizationWindowNs: 300 * NS_PER_S,
  selectPolicy: 'Max',
  policies: [new PercentScalingPolicy(100, PERIOD_15S)],
};

interface ScaleEvent {
  atNs: Ns;
  /** Replicas added (> 0) or removed (< 0). */
  change: number;
}

interface Recommendation {
  atNs: Ns;
  replicas: number;
}

/** The controller's memory for one target: past recommendations and scale events. */
export class HpaBehavior {
  private recommendations: Recommendation[] = [];
  private events: ScaleEvent[] = [];

  constructor(readonly scaleUp: HpaScalingRules, readonly scaleDown: HpaScalingRules) {}

  /**
   * Stabilises `desired` against the recommendations of the windows (up: the lowest in its window;
   * down: the highest in its window; the current count in between), then records `desired`.
   */
  stabilize(desired: number, current: number, nowNs: Ns): number {
    const upCutoff = nowNs - this.scaleUp.stabilizationWindowNs;
    const downCutoff = nowNs - this.scaleDown.stabilizationWindowNs;
    let up = desired;
    let down = desired;
    for (const rec of this.recommendations) {
      if (rec.atNs > upCutoff) up = Math.min(up, rec.replicas);
      if (rec.atNs > downCutoff) down = Math.max(down, rec.replicas);
    }
    const oldest = Math.min(upCutoff, downCutoff);
    this.recommendations = this.recommendations.filter((rec) => rec.atNs > oldest);
    this.recommendations.push({ atNs: nowNs, replicas: desired });
    return Math.min(Math.max(current, up), down);
  }

  /** Applies the rate limits and the replica bounds to a stabilised recommendation. */
  limit(stabilized: number, current: number, minReplicas: number, maxReplicas: number, nowNs: Ns): number {
    if (stabilized > current) {
      const upLimit = Math.max(current, this.ruleLimit(this.scaleUp, current, nowNs, 'up'));
      return Math.min(stabilized, Math.min(maxReplicas, upLimit));
    }
    if (stabilized < current) {
      const downLimit = Math.min(current, this.ruleLimit(this.scaleDown, current, nowNs, 'down'));
      return Math.max(stabilized, Math.max(minReplicas, downLimit));
    }
    return stabilized;
  }

  recordScale(from: number, to: number, nowNs: Ns): void {
    if (from === to) return;
    const longest = Math.max(0, ...this.scaleUp.policies.map((p) => p.periodNs), ...this.scaleDown.policies.map((p) => p.periodNs));
    this.events = this.events.filter((event) => event.atNs > nowNs - longest);
    this.events.push({ atNs: nowNs, change: to - from });
  }

  private ruleLimit(rules: HpaScalingRules, current: number, nowNs: Ns, direction: 'up' | 'down'): number {
    if (rules.selectPolicy === 'Disabled') return current;
    // For a scale-up `Max` wants the highest limit; for a scale-down `Max` (most change) the lowest.
    const wantHighest = (rules.selectPolicy === 'Max') === (direction === 'up');
    let result = wantHighest ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    for (const policy of rules.policies) {
      let added = 0;
      let removed = 0;
      for (const event of this.events) {
        if (event.atNs <= nowNs - policy.periodNs) continue;
        if (event.change > 0) added += event.change;
        else removed -= event.change;
      }
      const periodStart = current - added + removed;
      const proposed = direction === 'up' ? policy.scaleUpLimit(periodStart) : policy.scaleDownLimit(periodStart);
      result = wantHighest ? Math.max(result, proposed) : Math.min(result, proposed);
    }
    return result;
  }
}
