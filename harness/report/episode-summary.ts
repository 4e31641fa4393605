/**
 * A readable summary of one episode record, for `execdrill run` on a terminal. Times are on the session
 * clock (the record's time zero); the runbook is the record's playbook's, each step after the first fault.
 */
import { formatClockTime } from '../../sim/index.ts';
import type { EpisodeRecord } from '../episode/record.ts';
import { PLAYBOOKS } from '../playbooks/index.ts';

const fmt = (value: number | null | undefined, digits = 2): string => (value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits));

export function formatEpisodeSummary(record: EpisodeRecord): string {
  if (record.status === 'failed') {
    return [`episode FAILED (${record.error?.kind}): ${record.scenario} / ${record.policy.name} / seed ${record.seed}`, record.error?.message ?? '', `replay: ${record.replay}`].join('\n');
  }
  const m = record.metrics;
  const broken = record.invariants.filter((i) => !i.ok);
  const clock = (ns: number) => (record.timeZeroNs === undefined ? `${(ns / 1e9).toFixed(2)}s` : formatClockTime(record.timeZeroNs + ns, 3));
  const playbook = PLAYBOOKS.find((p) => p.id === (record.timeline.playbook ?? '002'));
  const stepName = (key: string) => playbook?.runbook.find((step) => step.key === key)?.name ?? key;
  const runbook = Object.entries(record.timeline.runbook)
    .map(([step, ms]) => `${stepName(step)} ${ms === null ? '–' : `+${(ms / 1000).toFixed(3)} s`}`)
    .join(', ');
  const origin = record.timeZeroNs === undefined ? '' : ` (session clock; scenario time 0 = ${formatClockTime(record.timeZeroNs)})`;
  return [
    `${record.scenario} / ${record.policy.name} ${record.policy.version} / seed ${record.seed}   trace ${record.traceHash.slice(0, 12)}`,
    `cost (bps)         incident   control    oracle`,
    `  IS             ${fmt(m.IS_BPS).padStart(10)}${fmt(m.IS_CONTROL_BPS).padStart(10)}${fmt(m.IS_ORACLE_BPS).padStart(10)}`,
    `  IS_FO          ${fmt(m.IS_FO_BPS).padStart(10)}   (completion ${fmt(m.COMPLETION, 3)}, overfill ${fmt(m.OVERFILL_SHARES, 0)} shares)`,
    ...(record.market
      ? [
          `market: path ${record.market.pathKey}, sigma ${fmt(record.market.sigmaTicks, 1)} ticks and volume ${fmt(record.market.volumeShares, 0)} shares over the horizon; our impact at the horizon ${fmt(m.IMPACT_BPS)} bps, alpha ${fmt(m.ALPHA_BPS)} bps`,
        ]
      : []),
    `attribution (bps): divergence ${fmt(m.C_DIVERGENCE_BPS)}, queue reset ${fmt(m.C_QUEUE_RESET_BPS)}, throttle ${fmt(m.C_THROTTLE_BPS)}, catch-up ${fmt(m.C_CATCHUP_BPS)}, residual ${fmt(m.ATTRIBUTION_RESIDUAL_BPS)}`,
    `state: LSS min ${fmt(m.LSS_MIN, 3)} (${fmt(m.LSS_BELOW_099_MS, 0)} ms below 0.99), SUR ${fmt(m.SUR_QTY, 0)} shares, RWH ${fmt(m.RWH_MAX, 0)} msgs, detection ${fmt(m.DETECTION_LAG_MS, 0)} ms, FDS ${fmt(m.FDS_MS, 0)} ms, SDL ${fmt(m.SDL_MS, 0)} ms, RCL ${fmt(m.RCL_MS, 0)} ms`,
    `replay: RBL95 ${fmt(m.RBL95, 0)} msgs, RLD95 ${fmt(m.RLD95, 1)} ms, FIX backlog ${fmt(m.FIX_REPLAY_BACKLOG_MAX, 0)} msgs, GRS ${fmt(m.GRS, 3)}, PES ${fmt(m.PES, 3)}, GFR ${fmt(m.GFR, 3)}, CID ${fmt(m.CID, 4)}, BSR ${fmt(m.BSR, 3)}, AAT95 ${fmt(m.AAT95_MS, 3)} ms, ROR ${fmt(m.ROR)}, TEX95 ${fmt(m.TEX95, 3)}`,
    `regimes${origin}: ${record.timeline.regimes.map((r) => `${r.regime} ${clock(r.atNs)}`).join(' → ')}`,
    `runbook of playbook ${record.timeline.playbook ?? '002'} (after the first fault): ${runbook}`,
    ...(record.shadow
      ? [
          `shadow ${record.shadow.policy}: differed at ${record.shadow.divergences.length} of ${record.shadow.decisions} decisions${record.shadow.divergences[0] ? `, first at ${clock(record.shadow.divergences[0].atNs)} (acting ${record.shadow.divergences[0].acting}; shadow ${record.shadow.divergences[0].shadow})` : ''}`,
          // A stopped shadow compared fewer decisions than the episode had: the summary says why, as the record does.
          ...(record.shadow.failure ? [`shadow stopped: ${record.shadow.failure.message}`] : []),
        ]
      : []),
    broken.length === 0 ? `invariants: all ${record.invariants.length} hold` : `INVARIANTS VIOLATED: ${broken.map((b) => `${b.name}: ${b.detail}`).join('; ')}`,
    `replay: ${record.replay}`,
  ].join('\n');
}
