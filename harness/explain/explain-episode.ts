/**
 * Explains one episode: runs it as `execdrill run` does (the record, with its control and oracle runs),
 * reruns its incident with the policy watched (the same trace, checked), and tells it section by
 * section, the runbook and regime machine being those of the scenario's own playbook. Bad input is a UsageError; an episode that failed is
 * told as such, with the command that replays it.
 */
import { invariant } from '../../sim/index.ts';
import { resolveParams } from '../../policies/index.ts';
import { UsageError } from '../errors.ts';
import { findPolicy } from '../episode/policy-loader.ts';
import type { EpisodeRecord, EpisodeSpec } from '../episode/record.ts';
import { replayCommand, runEpisode } from '../episode/run-episode.ts';
import { runWorld } from '../episode/world.ts';
import { playbookOf } from '../playbooks/index.ts';
import { formatIssue, loadScenarioFile, timeZeroOf } from '../scenario/index.ts';
import { beliefStep } from './belief.ts';
import { EpisodeClock } from './clock.ts';
import type { ExplainContext } from './context.ts';
import { costStep } from './cost.ts';
import { failureStep } from './failure.ts';
import { EXPLAIN_SCHEMA, type Narrative } from './narrative.ts';
import { nextStep } from './next.ts';
import { policyStep } from './policy.ts';
import { RegimeWatch } from './regime-watch.ts';
import { runbookStep } from './runbook.ts';

export const explainCommand = (spec: EpisodeSpec): string => replayCommand(spec).replace(/^npx execdrill run /, 'npx execdrill explain ');

/**
 * Explains the episode of `spec` from its record (by default run here; `execdrill explain` runs it on a
 * watched worker first, so a runaway policy is told as a failure). A user's policy module must be
 * loaded first (`prepareEpisode`) for the watched rerun of an episode that did not fail.
 */
export function explainEpisode(spec: EpisodeSpec, record: EpisodeRecord = runEpisode(spec)): Narrative {
  if (record.status === 'failed' && record.error?.kind === 'bad-input') throw new UsageError(record.error.message);
  const base = { schema: EXPLAIN_SCHEMA, scenario: record.scenario, scenarioFile: spec.scenarioFile, policy: record.policy.name, seed: spec.seed, traceHash: record.traceHash } as const;
  if (record.status === 'failed') {
    return {
      ...base,
      playbook: record.timeline.playbook ?? '',
      timeZeroNs: record.timeZeroNs ?? 0,
      parentStartNs: 0,
      faultOnsetNs: null,
      steps: [
        {
          section: 'failure',
          title: `The episode itself failed (${record.error?.kind})`,
          paragraphs: [record.error?.message ?? '', `Replay it: ${record.replay}`],
          events: [],
          facts: { error: record.error?.kind ?? null },
        },
      ],
    };
  }
  const loaded = loadScenarioFile(spec.scenarioFile);
  if (!loaded.ok) throw new UsageError(loaded.issues.map(formatIssue).join('\n'));
  const policy = findPolicy(spec.policy).definition;
  // Without a pool no node is ever cold; the threshold is then the schema's default and unused.
  const watch = new RegimeWatch(loaded.scenario.gateways.pool?.coldProgressThreshold ?? 0.9);
  const run = runWorld(loaded.scenario, spec.scenarioFile, watch.wrap(policy), resolveParams(policy, spec.params), spec.seed, 'incident');
  invariant(run.traceHash === record.traceHash, `explain's rerun of ${record.replay} gave another trace than its record`);
  invariant(
    watch.changes.length === run.regimes.length && watch.changes.every((c, i) => c.atNs === run.regimes[i].atNs),
    'the regime watch missed a regime change the router recorded',
  );
  const clock = new EpisodeClock(timeZeroOf(loaded.scenario), loaded.scenario.parent.start, run.faults[0]?.atNs ?? null);
  const playbook = playbookOf(loaded.scenario);
  const ctx: ExplainContext = { record, run, scenario: loaded.scenario, policy, changes: watch.changes, clock, playbook };
  return {
    ...base,
    playbook: playbook.id,
    timeZeroNs: clock.timeZeroNs,
    parentStartNs: clock.parentStartNs,
    faultOnsetNs: clock.faultOnsetNs,
    steps: [failureStep(ctx), beliefStep(ctx), policyStep(ctx), runbookStep(ctx), costStep(ctx), nextStep(ctx, explainCommand(spec))],
  };
}
