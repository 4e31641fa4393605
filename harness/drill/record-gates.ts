/**
 * Gates on the records themselves rather than a statistic: no invariant violations (exit 3 when
 * broken: a violation is a bug, whatever the costs), and every episode ran (a crashed episode leaves a
 * hole in the seeds every other gate is computed on). A drill always checks both, scoped to all its
 * records, whether or not its file states them.
 */
import type { EpisodeRecord } from '../episode/record.ts';
import { violatesInvariant } from '../compare/column-stats.ts';
import { columnsNamed, type ScenarioGroup } from '../compare/columns.ts';
import { groupsInScope, type Gate, type GateContext, type GateOutcome } from './gate.ts';

function recordsOf(group: ScenarioGroup, policy: string | null): EpisodeRecord[] {
  const columns = policy === null ? group.columns : columnsNamed(group, policy);
  return columns.flatMap((column) => column.records);
}

function listEpisodes(records: EpisodeRecord[], what: (record: EpisodeRecord) => string): string {
  const shown = records.slice(0, 5).map((record) => `${record.policy.name} seed ${record.seed} (${what(record)})`);
  const more = records.length > shown.length ? `, and ${records.length - shown.length} more` : '';
  return `${shown.join(', ')}${more}; replay the first: ${records[0].replay}`;
}

export class NoInvariantViolationsGate implements Gate {
  constructor(
    readonly text: string,
    readonly where: string,
    private readonly policy: string | null,
    private readonly scenario: string | null,
  ) {}

  evaluate(context: GateContext): GateOutcome[] {
    return groupsInScope(context.groups, this.scenario, this.where).map((group) => {
      const records = recordsOf(group, this.policy);
      const broken = records.filter(violatesInvariant);
      const base = { gate: this.text, scenario: group.scenario, subject: this.policy ?? 'all policies' };
      if (broken.length === 0) return { ...base, status: 'pass', detail: `${records.length} episodes, none violated an invariant` };
      const names = (record: EpisodeRecord) =>
        record.invariants.filter((result) => !result.ok).map((result) => result.name).join(', ') || (record.error?.message ?? '');
      return { ...base, status: 'violated', detail: `${broken.length} of ${records.length} episodes violated an invariant: ${listEpisodes(broken, names)}` };
    });
  }
}

export class EveryEpisodeRanGate implements Gate {
  readonly text = 'every episode ran';
  readonly where = 'implicit';

  evaluate(context: GateContext): GateOutcome[] {
    return context.groups.map((group) => {
      const records = recordsOf(group, null);
      const crashed = records.filter((record) => record.status === 'failed' && record.error?.kind !== 'invariant');
      const base = { gate: this.text, scenario: group.scenario, subject: 'all policies' };
      if (crashed.length === 0) return { ...base, status: 'pass', detail: `${records.length} episodes ran` };
      return { ...base, status: 'fail', detail: `${crashed.length} of ${records.length} episodes failed to run: ${listEpisodes(crashed, (record) => record.error?.message ?? '')}` };
    });
  }
}
