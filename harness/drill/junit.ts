/**
 * A drill's outcomes as JUnit XML, the format CI systems draw test reports from: one test case per
 * gate, scenario and policy; a failed gate is a <failure>, an invariant violation a <failure
 * type="invariant">, an inconclusive gate <skipped> (neither passed nor failed; the drill's exit code
 * still says 2).
 */
import type { GateOutcome } from './gate.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for an XML attribute or element, dropping characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

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
  const attributes = `name="${escapeXml(`execdrill drill ${drill}`)}" tests="${outcomes.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attributes}>`,
    `  <testsuite ${attributes}>`,
    ...outcomes.map((outcome) => testCase(drill, outcome)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/**
 * The JUnit XML of a drill that could not run (a bad drill file, a scenario or policy it names): one
 * test case in error per problem, so CI shows why instead of a missing report.
 */
export function junitErrorXml(drill: string, problems: readonly string[]): string {
  const attributes = `name="${escapeXml(`execdrill drill ${drill}`)}" tests="${problems.length}" failures="0" errors="${problems.length}" skipped="0"`;
  const cases = problems.map((problem, i) => {
    const message = escapeXml(problem);
    return `    <testcase classname="${escapeXml(`execdrill.drill.${drill}`)}" name="${escapeXml(`the drill could not run (${i + 1} of ${problems.length})`)}">\n      <error type="bad-input" message="${message}">${message}</error>\n    </testcase>`;
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites ${attributes}>`, `  <testsuite ${attributes}>`, ...cases, '  </testsuite>', '</testsuites>', ''].join('\n');
}
