/**
 * A list of test cases as JUnit XML, for commands whose verdicts are not a drill's gates (the acceptance
 * runner, the chaos proxy): a failed case is a <failure>, a case that could not be decided is <skipped>.
 */
import { escapeXml } from '../drill/junit.ts';

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
  const attributes = `name="${escapeXml(suite)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
  const body = cases.map((c) => {
    const time = c.durationSec === undefined ? '' : ` time="${c.durationSec.toFixed(3)}"`;
    const open = `    <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}"${time}`;
    const message = escapeXml(c.message ?? '');
    if (c.status === 'pass') return `${open}/>`;
    if (c.status === 'skipped') return `${open}>\n      <skipped message="${message}"/>\n    </testcase>`;
    return `${open}>\n      <failure message="${message}">${message}</failure>\n    </testcase>`;
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites ${attributes}>`, `  <testsuite ${attributes}>`, ...body, '  </testsuite>', '</testsuites>', ''].join('\n');
}
