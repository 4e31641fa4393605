/**
 * The shape of an explanation: one episode told as steps (what failed, what the router believed against
 * the truth, what the policy did and why, when each step of the scenario's playbook's runbook happened,
 * what it cost, what to look at next). The text is for a person; `events` and `facts` carry the same
 * numbers for a machine (`explain --json`), so a test can hold the text to the record. Times are ns from
 * scenario time 0 (`timeZeroNs` after midnight on the session clock), with the session clock time and the
 * seconds from the parent's start and from the fault onset beside them.
 */
import type { Ns } from '../../sim/index.ts';

export const EXPLAIN_SCHEMA = 'execdrill.explain/1';

export type SectionName = 'failure' | 'belief' | 'policy' | 'runbook' | 'cost' | 'next';

export interface TimedEvent {
  atNs: Ns;
  /** The session clock time, HH:MM:SS.mmm. */
  clock: string;
  /** Seconds since the parent order started. */
  sinceParentS: number;
  /** Seconds since the first fault fired; null when nothing failed. */
  sinceFaultS: number | null;
  text: string;
}

export interface NarrativeStep {
  section: SectionName;
  title: string;
  /** Short paragraphs of plain English. */
  paragraphs: string[];
  /** The step's moments, in time order (for the runbook: in the runbook's order, missing steps left out). */
  events: TimedEvent[];
  /** The numbers the paragraphs quote, by name (metric names are METRICS.md's). */
  facts: Record<string, number | string | null>;
}

export interface Narrative {
  schema: typeof EXPLAIN_SCHEMA;
  scenario: string;
  scenarioFile: string;
  policy: string;
  seed: number;
  traceHash: string;
  /** The playbook whose runbook the runbook step follows (harness/playbooks). */
  playbook: string;
  /** ns since midnight of scenario time 0. */
  timeZeroNs: Ns;
  parentStartNs: Ns;
  faultOnsetNs: Ns | null;
  steps: NarrativeStep[];
}
