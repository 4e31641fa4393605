/**
 * Runs one episode, (scenario, policy, seed), and returns its record: the incident run, its control
 * run (the same seed with every fault removed: IS_FO = IS(incident) - IS(control), exactly) and, when
 * faults happened, its oracle run (the router sees venue truth at once: C_divergence), with every
 * metric of METRICS.md that applies, the invariant results and the trace hash. A failure is recorded,
 * never thrown: a sweep goes on, and the record says how to replay it.
 */
import { InvariantViolation } from '../../sim/index.ts';
import { PolicyParamError, resolveParams } from '../../policies/index.ts';
import { loadScenarioFile, formatIssue, timeZeroOf, type Scenario } from '../scenario/index.ts';
import { UsageError } from '../errors.ts';
import { attribute, runCost } from './attribution.ts';
import { EventBudgetExceeded } from './event-budget.ts';
import { checkInvariants } from './invariants.ts';
import { playbookOf, runbookTimeline } from '../playbooks/index.ts';
import { stateKpis } from './kpis.ts';
import { resolveCommit } from '../sweep/commit.ts';
import { runReplayCommand } from '../sweep/replay.ts';
import { findPolicy, loadPolicy } from './policy-loader.ts';
import { currentDecisionClock } from '../router/decision-clock.ts';
import { describeThrown, PolicyFault } from '../router/policy-guard.ts';
import { EPISODE_RECORD_SCHEMA, type EpisodeErrorKind, type EpisodeRecord, type EpisodeSpec, type InvariantResult } from './record.ts';
import { tailExceedanceRate } from './tail-exceedance.ts';
import { episodeTrajectory } from './trajectory.ts';
import { runOrReuse, type RunSpec } from './kept-runs.ts';
import { marketSummary } from '../world/market-path.ts';
import { faultTimeStrataOf } from '../world/fault-time-strata.ts';
import { importanceWeightOf } from '../world/tail-sampling.ts';

let commitCache: string | undefined;
/** The project's commit (EXECDRILL_COMMIT overrides it), the same string a sweep's manifest records. */
export function projectCommit(): string {
  commitCache ??= resolveCommit();
  return commitCache;
}

/** Loads what an episode needs before it can run synchronously: a user's policy module. */
export async function prepareEpisode(spec: EpisodeSpec): Promise<void> {
  await loadPolicy(spec.policy);
  if (spec.shadowPolicy !== undefined) await loadPolicy(spec.shadowPolicy);
}

/** The command that reruns exactly this episode. */
export const replayCommand = (spec: EpisodeSpec): string => runReplayCommand(spec);

const scenarioCache = new Map<string, { scenario: Scenario; hash: string }>();

function loadScenario(file: string): { scenario: Scenario; hash: string } {
  const cached = scenarioCache.get(file);
  if (cached) return cached;
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw new UsageError(loaded.issues.map(formatIssue).join('\n'));
  const entry = { scenario: loaded.scenario, hash: loaded.hash };
  scenarioCache.set(file, entry);
  return entry;
}

function failedRecord(spec: EpisodeSpec, kind: EpisodeErrorKind, message: string): EpisodeRecord {
  return {
    schema: EPISODE_RECORD_SCHEMA,
    scenario: spec.scenarioFile,
    scenarioFile: spec.scenarioFile,
    scenarioHash: '',
    policy: { name: spec.policy, version: '', sourceHash: '', params: spec.params },
    seed: spec.seed,
    commit: projectCommit(),
    status: 'failed',
    error: { kind, message },
    replay: replayCommand(spec),
    traceHash: '',
    metrics: {},
    invariants: [],
    timeline: { regimes: [], runbook: {} },
    eventsSimulated: 0,
  };
}

export function runEpisode(spec: EpisodeSpec): EpisodeRecord {
  let scenario: Scenario;
  let hash: string;
  let policy: ReturnType<typeof findPolicy>;
  let shadow: ReturnType<typeof findPolicy> | undefined;
  let params: ReturnType<typeof resolveParams>;
  try {
    ({ scenario, hash } = loadScenario(spec.scenarioFile));
    policy = findPolicy(spec.policy);
    shadow = spec.shadowPolicy === undefined ? undefined : findPolicy(spec.shadowPolicy);
    params = resolveParams(policy.definition, spec.params);
  } catch (error) {
    if (error instanceof UsageError || error instanceof PolicyParamError) return failedRecord(spec, 'bad-input', error.message);
    throw error;
  }
  currentDecisionClock().startEpisode();
  try {
    const runs: RunSpec = { scenario, scenarioFile: spec.scenarioFile, scenarioHash: hash, policy: policy.definition, params, seed: spec.seed };
    const incident = runOrReuse(runs, 'incident', shadow === undefined ? undefined : { policy: shadow.definition, retired: spec.shadowRetired });
    const control = runOrReuse(runs, 'control');
    const faulted = incident.faults.length > 0;
    const oracle = faulted ? runOrReuse(runs, 'oracle') : control;
    const persists = new Map(scenario.sessions.map((s) => [s.id, s.persistMessages]));
    const { side, qtyShares, start, horizon } = scenario.parent;
    const tick = scenario.instrument.tickSize;
    const direction = side === 'buy' ? 1 : -1;
    const incidentCost = runCost(incident, tick, side, qtyShares);
    const controlCost = runCost(control, tick, side, qtyShares);
    const oracleCost = runCost(oracle, tick, side, qtyShares);
    const invariants: InvariantResult[] = [
      ...checkInvariants(incident, persists),
      ...checkInvariants(control, persists).map((r) => ({ ...r, name: `control:${r.name}` })),
    ];
    const targetShare = (t: number) => Math.min(1, Math.max(0, (t - start) / horizon));
    const filled = incident.truth.filledShares;
    const playbook = playbookOf(scenario);
    const runbook = runbookTimeline(incident, playbook);
    const strata = faultTimeStrataOf(scenario, spec.seed);
    const importanceWeight = importanceWeightOf(scenario, incident.faults);
    return {
      schema: EPISODE_RECORD_SCHEMA,
      scenario: scenario.name,
      scenarioFile: spec.scenarioFile,
      scenarioHash: hash,
      policy: { name: policy.definition.name, version: policy.definition.version, sourceHash: policy.sourceHash, params },
      seed: spec.seed,
      commit: projectCommit(),
      timeZeroNs: timeZeroOf(scenario),
      ...(strata === undefined ? {} : { faultTimeStrata: strata }),
      ...(importanceWeight === undefined ? {} : { importanceWeight }),
      status: 'ok',
      replay: replayCommand(spec),
      traceHash: incident.traceHash,
      metrics: {
        IS_BPS: incidentCost.shortfall.bps.total,
        IS_CONTROL_BPS: controlCost.shortfall.bps.total,
        IS_ORACLE_BPS: faulted ? oracleCost.shortfall.bps.total : null,
        IS_DELAY_BPS: incidentCost.shortfall.bps.delay,
        IS_REALISED_BPS: incidentCost.shortfall.bps.realised,
        IS_MISSED_BPS: incidentCost.shortfall.bps.missedTrade,
        IS_OVERFILL_BPS: incidentCost.shortfall.bps.overfillUnwind,
        IMPACT_BPS: (direction * incident.horizon.impactTicks * 1e4) / incident.decisionPriceTicks,
        ALPHA_BPS: (direction * (incident.market?.calibration.alphaTicks ?? 0) * 1e4) / incident.decisionPriceTicks,
        ...attribute(incidentCost, controlCost, oracleCost),
        QRT_BPS: oracleCost.byPurposeBps.reentry - controlCost.byPurposeBps.reentry,
        COMPLETION: Math.min(1, filled / qtyShares),
        OVERFILL_SHARES: Math.max(0, filled - qtyShares),
        CATCHUP_SHARES: incidentCost.sharesByPurpose.catchup + incidentCost.sharesByPurpose.cleanup,
        REENTRY_SHARES: incidentCost.sharesByPurpose.reentry,
        FAULTS: incident.faults.length,
        ...stateKpis(incident, control, qtyShares, targetShare),
        TEX95: tailExceedanceRate(incident, control, side),
      },
      invariants,
      ...(incident.market === undefined ? {} : { market: marketSummary(incident.market) }),
      timeline: { regimes: incident.regimes.map((r) => ({ atNs: r.atNs, regime: r.regime })), playbook: playbook.id, runbook },
      trajectory: episodeTrajectory(incident, control, side, qtyShares, tick),
      ...(shadow === undefined
        ? {}
        : {
            shadow: {
              policy: shadow.definition.name,
              sourceHash: shadow.sourceHash,
              decisions: incident.router.shadowDecisions,
              divergences: incident.router.shadowDivergences,
              ...(incident.shadowFailure === undefined ? {} : { failure: incident.shadowFailure }),
            },
          }),
      // The episode's own count, whether or not its runs were reused (kept-runs.ts): records do not depend on the order episodes ran in.
      eventsSimulated: incident.eventsRun + control.eventsRun + (faulted ? oracle.eventsRun : 0),
    };
  } catch (error) {
    if (error instanceof InvariantViolation) return failedRecord(spec, 'invariant', error.message);
    if (error instanceof PolicyFault) return failedRecord(spec, 'policy', error.message);
    if (error instanceof EventBudgetExceeded) return failedRecord(spec, 'budget', error.message);
    return failedRecord(spec, 'crash', error instanceof Error ? (error.stack ?? error.message) : `threw ${describeThrown(error)}`);
  }
}
