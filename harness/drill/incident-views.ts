/**
 * One incident, three views (a drill file's `views`): the scenario as designed (`synthetic`), the scenario
 * `execdrill import` makes from the real session's QuickFIX log (`log`, imported as the drill runs, or
 * `imported`, a scenario file written earlier), and what the real engine did under the chaos proxy (`live`,
 * the proxy's verdict.json). The simulated views run with naive on the view's seeds and their session KPIs
 * (harness/import/replay-check.ts: gaps, each gap's size, each gap's recovery time) are set beside the live
 * run's, or, without one, beside the log's own: the model's prediction against what the engine showed.
 * Counts agree when every run has the reference's; a recovery time when the runs' median is within the
 * tolerance (relative). Bad input (a file that does not read, a verdict.json that is not one) is a
 * UsageError naming the file and the field.
 */
import { CHAOS_SCHEMA } from '../chaos/proxy-report.ts';
import { grid } from '../compare/table.ts';
import { UsageError } from '../errors.ts';
import { importLog } from '../import/import-log.ts';
import { checkAgainstLog, runSessionKpis, type KpiCheck, type RunSessionKpis } from '../import/replay-check.ts';
import { readInputFile } from '../io/input-file.ts';
import { formatIssue, loadScenarioFile, type Scenario } from '../scenario/index.ts';

export interface IncidentViewSpec {
  name: string;
  /** Paths from the working directory; null when the view is not given. */
  synthetic: string | null;
  imported: string | null;
  log: string | null;
  live: string | null;
  seeds: number[];
  tolerance: number;
}

type SimulatedView = 'synthetic' | 'imported';

export interface ViewRow {
  kpi: string;
  /** The reference's value (live, else the log's). */
  reference: string;
  /** Per simulated view: its runs' values, one per seed, and whether they agree with the reference. */
  views: Partial<Record<SimulatedView, { runs: string[]; agrees: boolean }>>;
}

export interface IncidentViews {
  name: string;
  role: 'initiator' | 'acceptor';
  reference: { kind: 'live' | 'log'; file: string };
  sources: Partial<Record<SimulatedView, string>>;
  seeds: number[];
  tolerance: number;
  rows: ViewRow[];
}

interface ReferenceKpis {
  role: 'initiator' | 'acceptor';
  gaps: number;
  gapSizes: number[];
  recoveryMs: (number | null)[];
}

const VERDICT_BYTES_MAX = 16 << 20;

/** The session KPIs of a chaos-proxy verdict.json (schema execdrill.chaos/1). */
export function liveKpis(file: string): ReferenceKpis {
  let verdict: unknown;
  try {
    verdict = JSON.parse(readInputFile(file, { what: 'chaos-proxy verdict', maxBytes: VERDICT_BYTES_MAX }));
  } catch (error) {
    if (error instanceof SyntaxError) throw new UsageError(`${file}: not JSON (${error.message})`);
    throw error;
  }
  const v = verdict as { schema?: unknown; engineUnderTest?: unknown; gaps?: unknown };
  if (v === null || typeof v !== 'object' || v.schema !== CHAOS_SCHEMA) throw new UsageError(`${file}: schema: expected ${CHAOS_SCHEMA}, a verdict.json of execdrill chaos-proxy --out`);
  if (v.engineUnderTest !== 'initiator' && v.engineUnderTest !== 'acceptor') throw new UsageError(`${file}: engineUnderTest: expected initiator or acceptor`);
  if (!Array.isArray(v.gaps)) throw new UsageError(`${file}: gaps: expected a list`);
  const gaps = v.gaps.map((gap: unknown, i) => {
    const g = gap as { first?: unknown; last?: unknown; recoveryMs?: unknown };
    const whole = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;
    if (g === null || typeof g !== 'object' || !whole(g.first) || !whole(g.last) || (g.last as number) < (g.first as number)) throw new UsageError(`${file}: gaps[${i}]: expected first <= last, whole numbers`);
    if (g.recoveryMs !== null && !(typeof g.recoveryMs === 'number' && Number.isFinite(g.recoveryMs) && g.recoveryMs >= 0)) throw new UsageError(`${file}: gaps[${i}].recoveryMs: expected a time in ms or null`);
    return { size: (g.last as number) - (g.first as number) + 1, recoveryMs: g.recoveryMs as number | null };
  });
  return { role: v.engineUnderTest, gaps: gaps.length, gapSizes: gaps.map((g) => g.size), recoveryMs: gaps.map((g) => g.recoveryMs) };
}

function scenarioOf(file: string): Scenario {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw new UsageError(`${file} is not a valid scenario:\n${loaded.issues.map(formatIssue).join('\n')}`);
  return loaded.scenario;
}

export function incidentViews(spec: IncidentViewSpec): IncidentViews {
  const imported = spec.log === null ? null : importLog(spec.log);
  const live = spec.live === null ? null : liveKpis(spec.live);
  const reference: ReferenceKpis | null = live ?? (imported === null ? null : { role: imported.history.role, ...imported.kpis });
  if (reference === null) throw new UsageError(`views ${spec.name}: give live (a chaos-proxy verdict.json) or log (a QuickFIX messages log) to set the simulated views against`);
  const simulated: [SimulatedView, string, Scenario][] = [];
  if (spec.synthetic !== null) simulated.push(['synthetic', spec.synthetic, scenarioOf(spec.synthetic)]);
  if (imported !== null) simulated.push(['imported', spec.log as string, imported.scenario]);
  else if (spec.imported !== null) simulated.push(['imported', spec.imported, scenarioOf(spec.imported)]);
  const checks = new Map<SimulatedView, KpiCheck[]>();
  for (const [view, file, scenario] of simulated) {
    const runs: RunSessionKpis[] = spec.seeds.map((seed) => runSessionKpis(scenario, file, seed, reference.role));
    checks.set(view, checkAgainstLog(reference, runs, reference.role, spec.tolerance));
  }
  const labels = [...new Set([...checks.values()].flatMap((list) => list.map((c) => c.kpi)))];
  const rows = labels.map((kpi): ViewRow => {
    const views: ViewRow['views'] = {};
    let value = '-';
    for (const [view, list] of checks) {
      const check = list.find((c) => c.kpi === kpi);
      if (check === undefined) continue;
      value = check.log;
      views[view] = { runs: check.runs, agrees: check.agrees };
    }
    return { kpi, reference: value, views };
  });
  return {
    name: spec.name,
    role: reference.role,
    reference: live !== null ? { kind: 'live', file: spec.live as string } : { kind: 'log', file: spec.log as string },
    sources: Object.fromEntries(simulated.map(([view, file]) => [view, file])),
    seeds: spec.seeds,
    tolerance: spec.tolerance,
    rows,
  };
}

/** The views as a table: a row per KPI, a column per view, each simulated one marked against the reference. */
export function formatIncidentViews(views: IncidentViews): string[] {
  const kinds = (['synthetic', 'imported'] as const).filter((kind) => views.sources[kind] !== undefined);
  const cell = (row: ViewRow, kind: SimulatedView) => {
    const v = row.views[kind];
    return v === undefined ? '-' : `${v.runs.join(', ')} ${v.agrees ? 'agrees' : 'DIFFERS'}`;
  };
  const table = grid([['kpi', ...kinds, views.reference.kind], ...views.rows.map((row) => [row.kpi, ...kinds.map((kind) => cell(row, kind)), row.reference])], () => 'left');
  const seeds = views.seeds.length > 1 ? `seeds ${views.seeds[0]}..${views.seeds[views.seeds.length - 1]}` : `seed ${views.seeds[0]}`;
  return [
    `Incident views ${views.name}: session KPIs of the ${views.role}, simulated with naive on ${seeds} (a value per seed), against the ${views.reference.kind === 'live' ? 'live run through the chaos proxy' : "log's own"} (recovery within ${Math.round(views.tolerance * 100)}%):`,
    ...table.map((line) => `  ${line}`),
    ...kinds.map((kind) => `  ${kind}: ${views.sources[kind]}`),
    `  ${views.reference.kind}: ${views.reference.file}`,
  ];
}
