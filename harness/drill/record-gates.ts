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

/** The kinds of trouble, counted, for a sentence: `position-reconciles x6`. */
function tally(records: EpisodeRecord[], what: (record: EpisodeRecord) => string): string {
  const counts = new Map<string, number>();
  for (const record of records) counts.set(what(record), (counts.get(what(record)) ?? 0) + 1);
  return [...counts].map(([text, n]) => (n > 1 ? `${text} x${n}` : text)).join('; ');
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
      if (broken.length === 0) {
        const detail = `${records.length} episodes, none violated an invariant`;
        return { ...base, status: 'pass', detail, reason: detail };
      }
      const names = (record: EpisodeRecord) =>
        record.invariants.filter((result) => !result.ok).map((result) => result.name).join(', ') || (record.error?.message ?? '');
      const detail = `${broken.length} of ${records.length} episodes violated an invariant: ${listEpisodes(broken, names)}`;
      const reason = `${broken.length} of ${records.length} episodes violated an invariant (${tally(broken, names)}): a bug in a model, a policy or the harness, whatever it cost; replay the first: ${broken[0].replay}`;
      return { ...base, status: 'violated', detail, reason };
    });
  }
}

export class EveryEpisodeRanGate implements Gate {
  readonly text = 'every episode ran';
  readonly where = 'implicit';

  evaluate(context: GateContext): GateOutcome[] {
    return context.groups.map((group) => {
      const records = recordsOf(group, null);
      const crashed = records.filter((record) => record.error?.kind === 'crash' || record.error?.kind === 'bad-input');
      const base = { gate: this.text, scenario: group.scenario, subject: 'all policies' };
      if (crashed.length === 0) return { ...base, status: 'pass', detail: `${records.length} episodes ran`, reason: `${records.length} episodes ran` };
      const detail = `${crashed.length} of ${records.length} episodes failed to run: ${listEpisodes(crashed, (record) => record.error?.message ?? '')}`;
      const reason = `${crashed.length} of ${records.length} episodes failed to run (${tally(crashed, (record) => (record.error?.message ?? '').split('\n')[0])}), so every other gate stands on the seeds that did; replay the first: ${crashed[0].replay}`;
      return { ...base, status: 'fail', detail, reason };
    });
  }
}
