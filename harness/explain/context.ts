/** What every section of an explanation reads: the episode's record, its incident run, and the regime changes with their triggers. */
import type { PolicyDefinition } from '../../policies/index.ts';
import type { EpisodeRecord } from '../episode/record.ts';
import type { WorldRun } from '../episode/world.ts';
import type { Playbook } from '../playbooks/index.ts';
import type { Scenario } from '../scenario/index.ts';
import type { EpisodeClock } from './clock.ts';
import type { RegimeChange } from './regime-watch.ts';

export interface ExplainContext {
  /** The record `run` would print: every cost number comes from here. */
  record: EpisodeRecord;
  /** The incident run again (same trace hash as the record), for what the record keeps only in summary. */
  run: WorldRun;
  scenario: Scenario;
  policy: PolicyDefinition;
  changes: readonly RegimeChange[];
  clock: EpisodeClock;
  /** The scenario's playbook: its runbook and regime machine tell the episode. */
  playbook: Playbook;
}

/** A record's metric, or null when the record does not have it. */
export const metric = (ctx: ExplainContext, name: string): number | null => ctx.record.metrics[name] ?? null;
