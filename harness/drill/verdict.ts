/**
 * A drill's exit code from its gate outcomes, most serious first: an invariant violated (3) outranks
 * a failed gate (1), which outranks an inconclusive one (2); all passed is 0. Bad input (64) never
 * gets this far.
 */
import { EXIT_GATE_FAILED, EXIT_INCONCLUSIVE, EXIT_INVARIANT_VIOLATED, EXIT_OK } from '../errors.ts';
import type { GateOutcome } from './gate.ts';

export type DrillVerdict = 'passed' | 'failed' | 'inconclusive' | 'invariant violated';

export function drillVerdict(outcomes: readonly GateOutcome[]): { verdict: DrillVerdict; exitCode: number } {
  const has = (status: GateOutcome['status']) => outcomes.some((outcome) => outcome.status === status);
  if (has('violated')) return { verdict: 'invariant violated', exitCode: EXIT_INVARIANT_VIOLATED };
  if (has('fail')) return { verdict: 'failed', exitCode: EXIT_GATE_FAILED };
  if (has('inconclusive')) return { verdict: 'inconclusive', exitCode: EXIT_INCONCLUSIVE };
  return { verdict: 'passed', exitCode: EXIT_OK };
}
