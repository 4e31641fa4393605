/**
 * JUnit XML, the format CI systems draw test reports from: the envelope every report shares (the drill's
 * gates, a drill that could not run, the acceptance runner, the chaos proxy), and a list of test cases
 * for commands whose verdicts are not a drill's gates: a failed case is a <failure>, a case that could
 * not be decided is <skipped>.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for an XML attribute or element, dropping characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

export interface JunitCounts {
  failures: number;
  errors: number;
  skipped: number;
}

/**
 * A whole JUnit document around test cases already written as XML: one <testsuites> holding one
 * <testsuite>, both carrying the suite's name and counts (tests is the number of cases).
 */
export function junitDocument(suite: string, counts: JunitCounts, cases: readonly string[]): string {
  const attributes = `name="${escapeXml(suite)}" tests="${cases.length}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}"`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites ${attributes}>`, `  <testsuite ${attributes}>`, ...cases, '  </testsuite>', '</testsuites>', ''].join('\n');
}

export interface JunitCase {
  classname: string;
  name: string;
  status: 'pass' | 'fail' | 'skipped';
  message?: string;
  durationSec?: number;
}

export function junitSuiteXml(suite: string, cases: readonly JunitCase[]): string {
  const failures = cases.filter((c) => c.status === 'fail').length;
  const skipped = cases.filter((c) => c.status === 'skipped').length;
  const body = cases.map((c) => {
    const time = c.durationSec === undefined ? '' : ` time="${c.durationSec.toFixed(3)}"`;
    const open = `    <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}"${time}`;
    const message = escapeXml(c.message ?? '');
    if (c.status === 'pass') return `${open}/>`;
    if (c.status === 'skipped') return `${open}>\n      <skipped message="${message}"/>\n    </testcase>`;
    return `${open}>\n      <failure message="${message}">${message}</failure>\n    </testcase>`;
  });
  return junitDocument(suite, { failures, errors: 0, skipped }, body);
}
