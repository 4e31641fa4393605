/**
 * Playbook 003, "Gateway Autoscaling Cold-Start Latency Slippage": a load spike makes the autoscaler add
 * gateway nodes that are platform-ready before they are trading-ready and serve slowly until warm; flow
 * shifted onto them early makes delay clusters and late urgency. Its fast incident runbook starts with the
 * scale event's timeline: load rises, a node boots, it becomes trading-ready and takes flow, it becomes
 * trading-stable (warm); the router's side is the COLD_PATH_RISK profile and its end. COLD_FLOW_SHARE is the
 * share of the router's child orders that went to nodes below the warm-confidence threshold.
 */
import type { Ns } from '../../sim/index.ts';
import type { WorldRun } from '../episode/world.ts';
import { leftNormalAt, normalRegimeAt, seconds, type Playbook } from './playbook.ts';

const joinAfter = (run: WorldRun, onsetNs: Ns) => run.orderEntry.gatewayPool?.joins.find((join) => join.bootAtNs >= onsetNs);

export const AUTOSCALING: Playbook = {
  id: '003',
  title: 'Gateway Autoscaling Cold-Start Latency Slippage Playbook',
  incident: 'an autoscaled gateway pool adding cold nodes under a load spike',
  faultKinds: ['load-spike', 'gateway-crash', 'gateway-cold-start'],
  regimeMachine: {
    policy: 'warmup-aware',
    states: [
      { name: 'WARM_STABLE', meaning: 'every active node warm: normal flow balancing' },
      { name: 'SCALE_OUT_BOOT', meaning: 'a new node joined: a canary share for it, urgency-sensitive flow kept on warm nodes' },
      { name: 'COLD_PATH_RISK', meaning: "the new node's tail latency breaches the warm band: flow shift frozen, participation escalation clamped" },
      { name: 'SAFE_CONTAIN', meaning: 'repeated breaches and a growing deficit: nothing to cold nodes, smaller clips, tighter pacing' },
      { name: 'REJOIN_NORMAL', meaning: "warm confidence held: the new nodes' share stepped up, never equalised at once" },
    ],
  },
  runbook: [
    { key: 'loadRisesMs', name: 'load rises (or a node is lost)', meaning: "other desks' flow jumped, a node crashed, or cold nodes were added (the fault itself)", missing: 'no pool fault fired', at: (_run, onset) => onset },
    { key: 'nodeBootsMs', name: 'a new node boots', meaning: 'the autoscaler (or the fault) added a node: it is booting, not yet able to trade', missing: 'no node joined the pool after the fault', at: (run, onset) => joinAfter(run, onset)?.bootAtNs },
    {
      key: 'nodeTakesFlowMs',
      name: 'it is trading-ready and takes flow',
      meaning: 'its venue sessions are up and the pool routes orders to it, cold: this is where the cold path starts',
      missing: 'the new node never became trading-ready before the end',
      at: (run, onset) => joinAfter(run, onset)?.tradingReadyAtNs,
    },
    {
      key: 'coldProfileMs',
      aboutPolicy: true,
      name: 'policy enters its cold-path profile',
      meaning: 'the policy left its normal regime after the scale event (canary share, urgency clamp)',
      missing: 'the policy never left its normal regime: a policy without a cold-path profile routes to cold nodes as to warm ones',
      at: (run, onset) => leftNormalAt(run, joinAfter(run, onset)?.bootAtNs ?? onset),
    },
    {
      key: 'nodeWarmMs',
      name: 'it is trading-stable (warm)',
      meaning: "its latency is within the warm band of steady (WARMUP_T95_SEC measures the time from its boot)",
      missing: 'the new node never warmed up before the end',
      at: (run, onset) => joinAfter(run, onset)?.stableAtNs,
    },
    {
      key: 'rejoinNormalMs',
      aboutPolicy: true,
      name: 'policy back to normal',
      meaning: 'the policy returned to its normal regime once the new nodes were warm',
      missing: 'the policy never left its normal regime, or did not return to it before the end',
      at: (run, onset) => normalRegimeAt(run, leftNormalAt(run, joinAfter(run, onset)?.bootAtNs ?? onset)),
    },
  ],
  summary(ms, metrics) {
    const ready = ms.nodeTakesFlowMs;
    const warm = ms.nodeWarmMs;
    const share = metrics.COLD_FLOW_SHARE;
    const cold =
      share === null || share === undefined
        ? ''
        : ` COLD_FLOW_SHARE, the share of the router's child orders sent to nodes below the warm-confidence threshold, was ${(share * 100).toFixed(1)}%.`;
    if (ready === null || ready === undefined) return cold === '' ? null : cold.trim();
    if (warm === null || warm === undefined) return `The new node took flow cold and never warmed up before the end.${cold}`;
    return `The new node took flow for ${seconds(warm - ready)} before it was warm.${cold}`;
  },
};
