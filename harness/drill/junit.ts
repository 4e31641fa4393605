/**
 * A drill's outcomes as JUnit XML, the format CI systems draw test reports from: one test case per
 * gate, scenario and policy; a failed gate is a <failure>, an invariant violation a <failure
 * type="invariant">, an inconclusive gate <skipped> (neither passed nor failed; the drill's exit code
 * still says 2).
 */
import { escapeXml, junitDocument } from '../io/junit-suite.ts';
import type { GateOutcome } from './gate.ts';

function testCase(drill: string, outcome: GateOutcome): string {
  const name = escapeXml(`${outcome.gate} [${outcome.scenario} / ${outcome.subject}]`);
  const open = `    <testcase classname="${escapeXml(`execdrill.drill.${drill}`)}" name="${name}"`;
  const message = escapeXml(outcome.detail);
  switch (outcome.status) {
    case 'pass':
      return `${open}/>`;
    case 'inconclusive':
      return `${open}>\n      <skipped message="inconclusive: ${message}"/>\n    </testcase>`;
    case 'fail':
      return `${open}>\n      <failure type="gate" message="${message}">${message}</failure>\n    </testcase>`;
    case 'violated':
      return `${open}>\n      <failure type="invariant" message="${message}">${message}</failure>\n    </testcase>`;
  }
}

export function junitXml(drill: string, outcomes: readonly GateOutcome[]): string {
  const count = (test: (outcome: GateOutcome) => boolean) => outcomes.filter(test).length;
  const failures = count((outcome) => outcome.status === 'fail' || outcome.status === 'violated');
  const skipped = count((outcome) => outcome.status === 'inconclusive');
  return junitDocument(`execdrill drill ${drill}`, { failures, errors: 0, skipped }, outcomes.map((outcome) => testCase(drill, outcome)));
}

/**
 * The JUnit XML of a drill that could not run (a bad drill file, a scenario or policy it names): one
 * test case in error per problem, so CI shows why instead of a missing report.
 */
export function junitErrorXml(drill: string, problems: readonly string[]): string {
  const cases = problems.map((problem, i) => {
    const message = escapeXml(problem);
    return `    <testcase classname="${escapeXml(`execdrill.drill.${drill}`)}" name="${escapeXml(`the drill could not run (${i + 1} of ${problems.length})`)}">\n      <error type="bad-input" message="${message}">${message}</error>\n    </testcase>`;
  });
  return junitDocument(`execdrill drill ${drill}`, { failures: 0, errors: problems.length, skipped: 0 }, cases);
}
