/**
 * The shape of an explanation: one episode told as steps in the order of seed 002's runbook (what
 * failed, what the router believed against the truth, what the policy did and why, when each runbook
 * step happened, what it cost, what to look at next). The text is for a person; `events` and `facts`
 * carry the same numbers for a machine (`explain --json`), so a test can hold the text to the record.
 * Times are ns of simulated time from the episode's start, and seconds from the parent's start and
 * from the fault onset.
 */
import type { Ns } from '../../sim/index.ts';

export const EXPLAIN_SCHEMA = 'execdrill.explain/1';

export type SectionName = 'failure' | 'belief' | 'policy' | 'runbook' | 'cost' | 'next';

export interface TimedEvent {
  atNs: Ns;
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
  parentStartNs: Ns;
  faultOnsetNs: Ns | null;
  steps: NarrativeStep[];
}
