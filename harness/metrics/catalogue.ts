/** Every metric an episode record carries: its unit and what it means in simulation terms (METRICS.md). */
export interface MetricInfo {
  name: string;
  unit: string;
  description: string;
}

export const METRIC_CATALOGUE: readonly MetricInfo[] = [
  { name: 'IS_BPS', unit: 'bps', description: 'Implementation shortfall of the incident run (Perold): fills vs arrival mid, unfilled marked at the horizon mid, overfill unwound at the far touch' },
  { name: 'IS_CONTROL_BPS', unit: 'bps', description: 'IS of the control run: same scenario, policy and seed, every fault removed' },
  { name: 'IS_ORACLE_BPS', unit: 'bps', description: 'IS of the oracle run: the faults, but the router sees venue truth at once (null without faults)' },
  { name: 'IS_FO_BPS', unit: 'bps', description: 'Failover-driven IS: IS_BPS - IS_CONTROL_BPS, per seed (seed 000)' },
  { name: 'IS_DELAY_BPS', unit: 'bps', description: 'Perold delay component: moves between the parent start and each child reaching the venue' },
  { name: 'IS_REALISED_BPS', unit: 'bps', description: 'Perold realised component: fills against the mid when their child reached the venue' },
  { name: 'IS_MISSED_BPS', unit: 'bps', description: 'Perold missed-trade component: unfilled quantity marked at the horizon mid' },
  { name: 'IS_OVERFILL_BPS', unit: 'bps', description: 'Cost of unwinding fills beyond the parent quantity at the far touch at the horizon' },
  { name: 'C_DIVERGENCE_BPS', unit: 'bps', description: 'Cost of not knowing: IS_BPS - IS_ORACLE_BPS (seed 000)' },
  { name: 'C_QUEUE_RESET_BPS', unit: 'bps', description: 'Re-entry flow cost, oracle minus control: queue priority given up after cancels (seed 000)' },
  { name: 'C_THROTTLE_BPS', unit: 'bps', description: 'Missed-trade cost, oracle minus control: under-participation while gated (seed 000)' },
  { name: 'C_CATCHUP_BPS', unit: 'bps', description: 'Catch-up, clean-up and overfill cost, oracle minus control: the convex urgency premium (seed 000)' },
  { name: 'ATTRIBUTION_RESIDUAL_BPS', unit: 'bps', description: 'IS_FO minus the four components: the normal flow difference, the market path (reported, never hidden)' },
  { name: 'QRT_BPS', unit: 'bps', description: 'Queue reset tax (seed 002): the same quantity as C_QUEUE_RESET_BPS' },
  { name: 'COMPLETION', unit: 'fraction', description: 'Share of the parent filled at the venue (capped at 1)' },
  { name: 'OVERFILL_SHARES', unit: 'shares', description: 'Shares filled beyond the parent quantity' },
  { name: 'CATCHUP_SHARES', unit: 'shares', description: 'Shares filled by catch-up and clean-up children' },
  { name: 'REENTRY_SHARES', unit: 'shares', description: 'Shares filled by children re-entering cancelled quantity' },
  { name: 'FAULTS', unit: 'count', description: 'Faults that happened in this seed (swarm faults may not)' },
  { name: 'LSS_MIN', unit: 'fraction', description: 'Minimum live-set similarity |Local ∩ Venue| / |Local ∪ Venue| of working order ids, sampled every 100 ms' },
  { name: 'LSS_BELOW_099_MS', unit: 'ms', description: 'Time with live-set similarity below 0.99' },
  { name: 'SUR_QTY', unit: 'shares', description: 'p95 of |R_obs - R_true| while the router was recovering (not clean or not converged)' },
  { name: 'RWH_MAX', unit: 'messages', description: 'Largest replay backlog the router knew it still had to receive (replay watermark horizon)' },
  { name: 'DETECTION_LAG_MS', unit: 'ms', description: 'First fault injection to the first signal the router could observe' },
  { name: 'FDS_MS', unit: 'ms', description: 'Failover detection skew: first observable signal to the policy leaving its normal regime' },
  { name: 'SDL_MS', unit: 'ms', description: 'State decision lag: router state authoritative again to the policy back in its normal regime' },
  { name: 'RCL_MS', unit: 'ms', description: 'Recovery clearance lag: first signal to belief equal to truth (RCL_P95_MS across seeds)' },
  { name: 'RBL95', unit: 'messages', description: 'p95 of the venue sequencer replay backlog during recovery windows' },
  { name: 'RLD95', unit: 'ms', description: 'p95 of the venue replay lag behind the live clock during recovery windows' },
  { name: 'CID', unit: 'fraction', description: 'Causality inversion density: reports received out of causal order (fill before ack, stale CumQty)' },
  { name: 'BSR', unit: 'fraction', description: 'Book staleness ratio: decisions taken on a book older than 250 ms' },
  { name: 'AAT95_MS', unit: 'ms', description: 'p95 ack latency of the incident run minus that of the control run' },
  { name: 'GRS', unit: 'fraction', description: 'Gap recovery share: time with a sequence gap open on some session' },
  { name: 'PES', unit: 'fraction', description: 'PossDup event share: application messages received during recovery that carried PossDupFlag=Y' },
  { name: 'GFR', unit: 'fraction', description: 'GapFill ratio: recovered sequence range covered by SequenceReset-GapFill rather than resent' },
  { name: 'ROR', unit: 'ratio', description: 'Recovery overreaction: catch-up sent after recovery over the true deficit then (ROR95 across seeds)' },
  { name: 'CATCHUP_OVERSHOOT', unit: '0/1', description: 'ROR above 1.1 (CATCHUP_OVERSHOOT_RATE is its mean across seeds)' },
];
