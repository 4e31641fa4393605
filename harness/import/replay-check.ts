/**
 * Runs an imported scenario and sets the session KPIs of each run beside the log's (`execdrill import
 * --check`): the number of gaps the log's engine detected, the size of each (the numbers asked for), and
 * each gap's recovery time (detected to closed). The market of a run is the model's, not the log's, so IS is
 * not compared. Counts agree when every run has the log's; a recovery time agrees when the runs' median is
 * within the tolerance of the log's (relative): which messages fall into a simulated loss window, and so how
 * many the slow replay paces out, depends on the run's own market, which differs from seed to seed.
 * The log's engine is the router in the scenario when it was the initiator; for an acceptor's log only the
 * gap count is compared (the venue's session events are not recorded per gap).
 * Units: ms.
 */
import { resolveParams } from '../../policies/index.ts';
import { quantile } from '../../sim/index.ts';
import { findPolicy } from '../episode/policy-loader.ts';
import { runWorld } from '../episode/world.ts';
import type { Scenario } from '../scenario/index.ts';
import type { LogKpis } from './log-kpis.ts';

export interface RunSessionKpis {
  seed: number;
  gaps: number;
  gapSizes: number[];
  recoveryMs: (number | null)[];
}

export interface KpiCheck {
  kpi: string;
  log: string;
  runs: string[];
  agrees: boolean;
}

export function runSessionKpis(scenario: Scenario, file: string, seed: number, role: 'initiator' | 'acceptor'): RunSessionKpis {
  const policy = findPolicy('naive').definition;
  const run = runWorld(scenario, file, policy, resolveParams(policy), seed, 'incident');
  if (role === 'acceptor') {
    const gaps = [...run.orderEntry.venueSessions.values()].reduce((n, s) => n + s.stats.gapsDetected, 0);
    return { seed, gaps, gapSizes: [], recoveryMs: [] };
  }
  const events = run.orderEntry.ports[0].events;
  const detected = events.filter((e) => e.event.type === 'gap-detected');
  return {
    seed,
    gaps: detected.length,
    gapSizes: detected.map((e) => (e.event.type === 'gap-detected' ? e.event.toSeq - e.event.fromSeq + 1 : 0)),
    recoveryMs: detected.map((d) => {
      const closed = events.find((e) => e.event.type === 'gap-closed' && e.atNs >= d.atNs);
      return closed === undefined ? null : (closed.atNs - d.atNs) / 1e6;
    }),
  };
}

const within = (log: number | null, run: number | null, tolerance: number) => log !== null && run !== null && Math.abs(run - log) <= tolerance * Math.abs(log);

/** The runs' median recovery, or null when a run never recovered. */
function median(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length < values.length || known.length === 0 ? null : quantile(known, 0.5);
}

export function checkAgainstLog(log: Pick<LogKpis, 'gaps' | 'gapSizes' | 'recoveryMs'>, runs: readonly RunSessionKpis[], role: 'initiator' | 'acceptor', tolerance: number): KpiCheck[] {
  const checks: KpiCheck[] = [{ kpi: 'gaps', log: String(log.gaps), runs: runs.map((r) => String(r.gaps)), agrees: runs.every((r) => r.gaps === log.gaps) }];
  if (role === 'acceptor') return checks;
  log.gapSizes.forEach((size, i) => {
    checks.push({ kpi: `gap ${i + 1} size`, log: String(size), runs: runs.map((r) => String(r.gapSizes[i] ?? '-')), agrees: runs.every((r) => r.gapSizes[i] === size) });
    const recovery = log.recoveryMs[i];
    checks.push({
      kpi: `gap ${i + 1} recovery ms`,
      log: recovery === null ? '-' : recovery.toFixed(1),
      runs: runs.map((r) => (r.recoveryMs[i] == null ? '-' : (r.recoveryMs[i] as number).toFixed(1))),
      agrees: within(recovery, median(runs.map((r) => r.recoveryMs[i] ?? null)), tolerance),
    });
  });
  return checks;
}
