/**
 * `warmup-aware`: seed 003 ("Gateway Autoscaling Cold-Start"), its regime state machine WARM_STABLE ->
 * SCALE_OUT_BOOT -> COLD_PATH_RISK -> SAFE_CONTAIN -> REJOIN_NORMAL -> WARM_STABLE:
 * - SCALE_OUT_BOOT: a new node joined; it gets a canary share (1-5%), urgency-sensitive flow stays
 *   on warm nodes;
 * - COLD_PATH_RISK: the new node's tail latency breaches the warm band; flow shift frozen at the
 *   canary, participation escalation clamped;
 * - SAFE_CONTAIN: repeated breaches with the deficit growing; cold nodes get nothing, smaller
 *   children, tighter pacing;
 * - REJOIN_NORMAL: warm confidence held for a sustained window; the cold nodes' share steps up to an
 *   equal share over a ramp (never instant equalisation).
 * An urgency clamp holds catch-up during the post-scale window in every state.
 * Parameters: shares in 0..1, latency ratios unitless, durations in ns.
 */
import { NS_PER_S } from '../sim/index.ts';
import type { Decision } from './decision.ts';
import type { GatewayNodeView, Observation } from './observation.ts';
import type { PolicyDefinition } from './policy.ts';
import { RegimeMachine } from './regime-machine.ts';
import { FOLLOWER_DEFAULTS, followSchedule, followerParams } from './schedule-follower.ts';
import { deficitShare } from './signals.ts';

type WarmupState = 'WARM_STABLE' | 'SCALE_OUT_BOOT' | 'COLD_PATH_RISK' | 'SAFE_CONTAIN' | 'REJOIN_NORMAL';

const SEVERITY: Record<WarmupState, number> = { WARM_STABLE: 0, REJOIN_NORMAL: 1, SCALE_OUT_BOOT: 2, COLD_PATH_RISK: 3, SAFE_CONTAIN: 4 };

export const warmupAware: PolicyDefinition = {
  name: 'warmup-aware',
  version: '1.0.0',
  summary: 'Playbook 003: canary flow to cold gateway nodes, cold-path containment, step-ramp rejoin, urgency clamp.',
  source: 'playbook 003 regime state machine',
  defaults: {
    ...FOLLOWER_DEFAULTS,
    warmProgressThreshold: 0.9,
    canaryShare: 0.03,
    breachLatencyRatio: 2,
    containAfterBreaches: 3,
    rejoinAfterNs: 10 * NS_PER_S,
    rampNs: 20 * NS_PER_S,
    postScaleWindowNs: 30 * NS_PER_S,
    postScaleCatchupCap: 1.25,
    minDwellNs: 2 * NS_PER_S,
  },
  create(params) {
    const follower = followerParams(params);
    const machine = new RegimeMachine<WarmupState>('WARM_STABLE', SEVERITY, params.minDwellNs);
    const knownNodes = new Set<string>();
    // Nodes that joined since the last WARM_STABLE: guarded until the ramp ends, even once warm.
    const recentNodes = new Set<string>();
    let lastScaleNs = Number.NEGATIVE_INFINITY;
    let breaches = 0;
    let deficitAtBreach = 0;

    const tradable = (o: Observation) => o.gateways.filter((g) => g.lifecycle === 'trading-ready');
    const isCold = (g: GatewayNodeView) => g.warmupProgress < params.warmProgressThreshold;
    const warmP99 = (nodes: readonly GatewayNodeView[]): number | undefined => {
      const warm = nodes.filter((g) => !isCold(g) && g.latencyP99Ns !== undefined).map((g) => g.latencyP99Ns as number);
      return warm.length ? Math.max(...warm) : undefined;
    };

    const isGuarded = (g: GatewayNodeView) => isCold(g) || recentNodes.has(g.gatewayId);

    /** Guarded nodes share `guardedShare` equally, the others the rest; all equal if none is settled. */
    const weights = (nodes: readonly GatewayNodeView[], guardedShare: number): Record<string, number> => {
      const guarded = nodes.filter(isGuarded);
      const settled = nodes.filter((g) => !isGuarded(g));
      if (settled.length === 0 || guarded.length === 0) return Object.fromEntries(nodes.map((g) => [g.gatewayId, 1 / nodes.length]));
      return Object.fromEntries([
        ...guarded.map((g) => [g.gatewayId, guardedShare / guarded.length]),
        ...settled.map((g) => [g.gatewayId, (1 - guardedShare) / settled.length]),
      ]);
    };

    return {
      name: this.name,
      version: this.version,
      decide(o) {
        const nodes = tradable(o);
        const joined = nodes.filter((g) => !knownNodes.has(g.gatewayId));
        const firstLook = knownNodes.size === 0;
        for (const g of nodes) knownNodes.add(g.gatewayId);
        if (joined.length > 0 && !firstLook) {
          lastScaleNs = o.timeNs;
          for (const g of joined) recentNodes.add(g.gatewayId);
        }
        const baseline = warmP99(nodes);
        const breaching = nodes.some(
          (g) => isCold(g) && baseline !== undefined && g.latencyP99Ns !== undefined && g.latencyP99Ns > params.breachLatencyRatio * baseline,
        );
        if (breaching) {
          breaches++;
          if (breaches === 1) deficitAtBreach = deficitShare(o);
        }
        const anyCold = nodes.some(isCold);
        const state = machine.state;
        let proposed: WarmupState = state;
        if (joined.length > 0 && !firstLook && SEVERITY[state] < SEVERITY.SCALE_OUT_BOOT) proposed = 'SCALE_OUT_BOOT';
        else if (state === 'SCALE_OUT_BOOT' && breaching) proposed = 'COLD_PATH_RISK';
        else if (state === 'COLD_PATH_RISK' && breaches >= params.containAfterBreaches && deficitShare(o) > deficitAtBreach) proposed = 'SAFE_CONTAIN';
        else if ((state === 'SCALE_OUT_BOOT' || state === 'COLD_PATH_RISK' || state === 'SAFE_CONTAIN') && !breaching && !anyCold &&
          machine.timeInStateNs(o.timeNs) >= params.rejoinAfterNs) proposed = 'REJOIN_NORMAL';
        else if (state === 'REJOIN_NORMAL' && machine.timeInStateNs(o.timeNs) >= params.rampNs) {
          proposed = 'WARM_STABLE';
        }
        if (machine.propose(proposed, o.timeNs) && machine.state === 'WARM_STABLE') {
          breaches = 0;
          recentNodes.clear();
        }

        const base = followSchedule(o, follower, machine.state);
        const clamp = o.timeNs - lastScaleNs < params.postScaleWindowNs ? Math.min(base.catchupCap, params.postScaleCatchupCap) : base.catchupCap;
        const decision: Decision = { ...base, catchupCap: clamp };
        switch (machine.state) {
          case 'WARM_STABLE':
            return { ...decision, gatewayWeights: weights(nodes, params.canaryShare) };
          case 'SCALE_OUT_BOOT':
            return { ...decision, gatewayWeights: weights(nodes, params.canaryShare) };
          case 'COLD_PATH_RISK':
            return { ...decision, gatewayWeights: weights(nodes, params.canaryShare), catchupCap: 1 };
          case 'SAFE_CONTAIN':
            return {
              ...decision,
              gatewayWeights: weights(nodes, 0),
              catchupCap: 1,
              childQtyMaxShares: Math.max(1, Math.floor(params.childQtyMaxShares / 2)),
              placement: 'passive',
            };
          case 'REJOIN_NORMAL': {
            const equalShare = nodes.filter(isGuarded).length / Math.max(nodes.length, 1);
            const progress = Math.min(1, machine.timeInStateNs(o.timeNs) / params.rampNs);
            const steps = Math.floor(progress * 4) / 4;
            return { ...decision, gatewayWeights: weights(nodes, params.canaryShare + (equalShare - params.canaryShare) * steps) };
          }
        }
      },
    };
  },
};
