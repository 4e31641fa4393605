/** The gate grammar, threshold judgement with intervals, verdict precedence, and the XML checker the e2e test relies on. */
import { describe, expect, it } from 'vitest';
import { buildGate, parseGateText, type DrillIssue } from '../../../harness/drill/gate-grammar.ts';
import { judge, type ThresholdSpec } from '../../../harness/drill/threshold-gate.ts';
import { drillVerdict } from '../../../harness/drill/verdict.ts';
import type { GateOutcome } from '../../../harness/drill/gate.ts';
import { checkWellFormed } from './xml.ts';

describe('parseGateText', () => {
  it.each([
    ['p99(IS_FO_BPS) of gap-recovery <= 25', { metric: 'IS_FO_BPS', stat: 'p99', policy: 'gap-recovery', max: 25 }],
    ['p99 IS_FO_BPS of gap-recovery <= 25 bps', { metric: 'IS_FO_BPS', stat: 'p99', policy: 'gap-recovery', max: 25 }],
    ['mean(COMPLETION) of naive >= 0.99 in fix-resend', { metric: 'COMPLETION', stat: 'mean', policy: 'naive', min: 0.99, scenario: 'fix-resend' }],
    ['FETL_BPS of gap-recovery <= 10', { metric: 'FETL_BPS', policy: 'gap-recovery', max: 10 }],
    ['gap-recovery beats naive at p95 with 95% confidence', { policy: 'gap-recovery', beats: 'naive', stat: 'p95', confidence: 0.95 }],
    ['gap-recovery beats naive at cvar95(IS_FO_BPS)', { policy: 'gap-recovery', beats: 'naive', stat: 'cvar95', metric: 'IS_FO_BPS' }],
    ['no invariant violations', { noInvariantViolations: true }],
    ['no invariant violations for broken in flaky', { noInvariantViolations: true, policy: 'broken', scenario: 'flaky' }],
  ])('reads %j', (text, expected) => {
    expect(parseGateText(text)).toEqual(expected);
  });

  it('reads nothing into a sentence outside the grammar', () => {
    expect(parseGateText('gap-recovery is better than naive')).toBeNull();
    expect(parseGateText('p99(IS_FO_BPS) of gap-recovery < 25')).toBeNull();
  });
});

describe('buildGate', () => {
  const defaults = { file: 'drill.yaml', level: 0.9, policies: ['naive', 'gap-recovery'] };

  it('states a gate in normal form, with the drill level as its default confidence', () => {
    const issues: DrillIssue[] = [];
    expect(buildGate('p99 IS_FO_BPS of gap-recovery <= 25', 'gates[0]', defaults, issues)?.text).toBe('p99(IS_FO_BPS) of gap-recovery <= 25 with 90% confidence');
    expect(buildGate({ metric: 'IS_BPS', stat: 'p95', policy: 'naive', max: 30, confidence: false }, 'gates[1]', defaults, issues)?.text).toBe(
      'p95(IS_BPS) of naive <= 30 (point estimate)',
    );
    expect(issues).toEqual([]);
  });

  it('reports every problem of a gate with its path', () => {
    const issues: DrillIssue[] = [];
    expect(buildGate({ metric: 'FETL_BPS', stat: 'p95', policy: 'gap-recovry' }, 'gates[3]', defaults, issues)).toBeNull();
    expect(issues.map((issue) => issue.path)).toEqual(['gates[3].stat', 'gates[3].max', 'gates[3].policy']);
  });

  it('refuses a gate no run could pass: a policy that beats itself, a min above its max', () => {
    const issues: DrillIssue[] = [];
    expect(buildGate('gap-recovery beats gap-recovery at p95', 'gates[0]', defaults, issues)).toBeNull();
    expect(buildGate({ metric: 'IS_BPS', stat: 'p95', policy: 'naive', max: 5, min: 10 }, 'gates[1]', defaults, issues)).toBeNull();
    expect(issues).toEqual([
      { path: 'gates[0].beats', message: 'gap-recovery is compared with itself: name another policy' },
      { path: 'gates[1].min', message: '10 is above max 5: no value lies within both' },
    ]);
  });
});

describe('judge (threshold with an interval)', () => {
  const spec: ThresholdSpec = { metric: 'IS_FO_BPS', stat: 'p99', policy: 'p', scenario: null, max: 25, min: null, confidence: 0.95 };

  it('passes an interval wholly within the bound, fails one wholly outside, and calls a straddle inconclusive', () => {
    expect(judge({ estimate: 20, low: 18, high: 24 }, spec)).toBe('pass');
    expect(judge({ estimate: 30, low: 26, high: 35 }, spec)).toBe('fail');
    expect(judge({ estimate: 24, low: 20, high: 27 }, spec)).toBe('inconclusive');
  });

  it('compares the point estimate alone when no confidence is asked for', () => {
    expect(judge({ estimate: 24, low: 20, high: 27 }, { ...spec, confidence: null })).toBe('pass');
    expect(judge({ estimate: 12, low: 9, high: 14 }, { ...spec, max: null, min: 10 })).toBe('inconclusive');
  });
});

describe('drillVerdict', () => {
  const outcome = (status: GateOutcome['status']): GateOutcome => ({ gate: 'g', scenario: 's', subject: 'p', status, detail: '', reason: '' });

  it('ranks an invariant violation over a failure over an inconclusive gate', () => {
    expect(drillVerdict([outcome('pass')]).exitCode).toBe(0);
    expect(drillVerdict([outcome('inconclusive'), outcome('pass')]).exitCode).toBe(2);
    expect(drillVerdict([outcome('inconclusive'), outcome('fail')]).exitCode).toBe(1);
    expect(drillVerdict([outcome('fail'), outcome('violated'), outcome('inconclusive')]).exitCode).toBe(3);
  });
});

describe('checkWellFormed', () => {
  it.each([
    ['<a><b></a></b>', 'closes the wrong element'],
    ['<a x="1" x="2"/>', 'twice'],
    ['<a>1 & 2</a>', 'bare &'],
    ['<a/><b/>', 'more than one root'],
    ['<a><b/>', 'unclosed'],
    ['<a x=1/>', 'malformed'],
  ])('rejects %j', (xml, message) => {
    expect(() => checkWellFormed(xml)).toThrow(message);
  });

  it('accepts escaped text and attributes', () => {
    expect(checkWellFormed('<?xml version="1.0"?>\n<a n="x &lt; 1 &amp; y">&quot;ok&quot;<b/></a>\n').map((element) => element.name)).toEqual(['a', 'b']);
  });
});
