/**
 * F2, pausing costs delay (playbook 002: "if you pause too long, you pay delay/opportunity cost"; "parent
 * urgency clock keeps ticking"). Without faults, a 20 s pause (`placebo-pause`, pauseSeconds 20: naive
 * that sends nothing for 20 s from mid-horizon) against none (naive), same seeds: mean IS higher. The
 * no-fault run is the control run of 002-fix-gap-resend (the scenario with every fault removed, which
 * every record carries as IS_CONTROL_BPS), so no scenario file is copied and the pause meets playbook 002's
 * market exactly.
 */
import { arm, DEFAULT_FACT_SEEDS, scenarioFile, type FactDefinition } from './fact.ts';

const SCENARIO = scenarioFile('002-fix-gap-resend');
const PAUSE = { pauseSeconds: 20 };

export function f02(): FactDefinition {
  return {
    id: 'F2',
    title: 'Pausing costs delay',
    basis: '002: "if you pause too long, you pay delay/opportunity cost"; "parent urgency clock keeps ticking"',
    test: 'no-fault run (the control run of 002-fix-gap-resend), placebo-pause with pauseSeconds 20 versus naive: mean IS_CONTROL_BPS higher, paired by seed',
    seeds: DEFAULT_FACT_SEEDS,
    seedsStated: false,
    design: { scenarios: [SCENARIO], policies: ['naive', 'placebo-pause'], params: [{ policy: 'placebo-pause', name: 'pauseSeconds', values: [PAUSE.pauseSeconds] }] },
    check: {
      kind: 'paired',
      label: '20 s pause vs none',
      a: { arm: arm(SCENARIO, 'naive'), metric: 'IS_CONTROL_BPS' },
      b: { arm: arm(SCENARIO, 'placebo-pause', PAUSE), metric: 'IS_CONTROL_BPS' },
      stat: 'mean',
      claim: { op: '>', bound: 0 },
    },
  };
}
