/**
 * `execdrill drill` through the real CLI with the fake runner: one fixture drill per exit code (0 pass,
 * 1 fail, 2 inconclusive, 3 invariant violated, 64 bad input), and the reports it writes (JUnit XML
 * well-formed and counting what the gates found, the Markdown summary appended to the CI step summary,
 * the HTML report and the charts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENV, execdrill, temporaryDirectory, type CliResult } from '../sweep/cli.ts';
import { checkWellFormed } from './xml.ts';

const DRILLS = 'test/fixtures/sweep/drills';
let tmp: string;
const runs: Record<string, CliResult> = {};
const outOf = (drill: string) => join(tmp, drill);

beforeAll(() => {
  tmp = temporaryDirectory('drill');
  writeFileSync(join(tmp, 'step-summary.md'), '# earlier step\n');
  for (const drill of ['pass', 'fail', 'inconclusive', 'invariant']) {
    const env = drill === 'pass' ? { ...CLI_ENV, GITHUB_STEP_SUMMARY: join(tmp, 'step-summary.md') } : CLI_ENV;
    // With --detail, so that the tables and every gate outcome follow the verdict block.
    runs[drill] = execdrill(['drill', `${DRILLS}/${drill}.yaml`, '--out', outOf(drill), ...(drill === 'pass' ? [] : ['--detail'])], env);
  }
});

describe('drill exit codes', () => {
  it('0 when every gate passes, said first in the verdict block, with no table unless --detail', () => {
    expect(runs.pass.status, runs.pass.stderr).toBe(0);
    const lines = runs.pass.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('drill fixture-pass: PASSED (exit 0): every gate passed; 320 episodes');
    expect(runs.pass.stdout).toMatch(/^ {2}passed {5}gap-recovery beats naive at p95\(IS_FO_BPS\) with 95% confidence \[160 seeds\]$/m);
    expect(runs.pass.stdout).toMatch(/^ {2}fix-resend {2}gap-recovery +-\d+\.\d\d \[-\d+\.\d\d, -\d+\.\d\d\] cheaper$/m);
    expect(lines.length).toBeLessThanOrEqual(25);
    expect(runs.pass.stdout).not.toContain('== fix-resend');
    expect(runs.pass.stdout).not.toContain('\x1b[');
  });

  it('1 when a gate fails, with why in plain words, and the tables after the block with --detail', () => {
    expect(runs.fail.status).toBe(1);
    expect(runs.fail.stdout).toMatch(/^ {2}FAILED {5}p50\(IS_BPS\) of naive <= 2 with 95% confidence \[60 seeds\]\n {13}p50 of IS_BPS for naive is \d+\.\d\d \(95% CI [\d.]+ to [\d.]+\): the bound is at most 2$/m);
    expect(runs.fail.stdout.indexOf('drill fixture-fail: FAILED')).toBe(0);
    expect(runs.fail.stdout.indexOf('== fix-resend')).toBeGreaterThan(runs.fail.stdout.indexOf('Cheapest policy per scenario'));
    expect(runs.fail.stdout).toMatch(/^FAIL +p50\(IS_BPS\) of naive <= 2 with 95% confidence/m);
  });

  it('2 when a confidence interval straddles the bound', () => {
    expect(runs.inconclusive.status).toBe(2);
    expect(runs.inconclusive.stdout).toMatch(/^ {2}UNDECIDED +freeze-until-clean beats naive at p95\(IS_FO_BPS\)/m);
    expect(runs.inconclusive.stdout).toMatch(/cannot tell yet: freeze-until-clean minus naive at p95 of IS_FO_BPS is [-+]\d+\.\d\d bps, but its 95% CI\s+\[[-+]\d+\.\d\d, [-+]\d+\.\d\d\] over 160 paired seeds contains 0/);
    expect(runs.inconclusive.stdout).toMatch(/^INCONCLUSIVE +freeze-until-clean beats naive .*not significant/m);
  });

  it('adds looks to an undecided gate through the CLI, within --max-seeds and --time-budget, and says where it stopped', () => {
    const result = execdrill(['drill', `${DRILLS}/inconclusive.yaml`, '--out', outOf('inconclusive-more'), '--max-seeds', '320', '--time-budget', '10m', '--detail']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/^Seeds: looks at 160, 320 seeds \(320 episodes added to the first look's\); stopped: /m);
    expect(result.stdout).toMatch(/^ {2}UNDECIDED +freeze-until-clean beats naive at p95\(IS_FO_BPS\) with 95% confidence \[320 seeds\]$/m);
    // The tables stay on the drill's own seeds, which every policy ran; the gate read the second look too.
    expect(result.stdout).toMatch(/^episodes +160 +160$/m);
  });

  it('3 when an invariant is violated, even with a gate failed too', () => {
    expect(runs.invariant.status).toBe(3);
    expect(runs.invariant.stdout).toMatch(/^ {2}INVARIANT +no invariant violations; every episode ran \(checked in every drill\)\n {13}flaky: 6 of 16 episodes violated an invariant \(position-reconciles x6\)/m);
    expect(runs.invariant.stdout).toMatch(/^ {15}npx execdrill sweep --scenario \S+flaky\.yaml --policy broken --seeds 1 /m);
    expect(runs.invariant.stdout).toMatch(/^INVARIANT +no invariant violations \[flaky \/ all policies\]: 6 of 16 episodes/m);
    expect(runs.invariant.stdout).toMatch(/^FAIL +every episode ran .*seed 3/m);
  });

  it('64 on a bad drill file, listing every problem with the file, its line and its path, and a junit.xml that says why', () => {
    const result = execdrill(['drill', `${DRILLS}/bad.yaml`, '--out', outOf('bad')]);
    expect(result.status).toBe(64);
    for (const path of ['scenarios[1]', 'seeds', 'gates[0].policy', 'gates[1].stat', 'gates[2].max', 'gates[3].confidance', 'gates[4]']) {
      expect(result.stderr).toMatch(new RegExp(`${DRILLS}/bad\\.yaml:\\d+:\\d+: ${path.replace(/[[\]]/g, '\\$&')}: `));
    }
    const junit = checkWellFormed(readFileSync(join(outOf('bad'), 'junit.xml'), 'utf8'));
    expect(junit.find((element) => element.name === 'testsuite')?.attributes).toMatchObject({ tests: '7', errors: '7' });
    expect(junit.filter((element) => element.name === 'error').map((element) => element.attributes.message)[1]).toBe(`${DRILLS}/bad.yaml:5:1: seeds: range 5..1 runs backwards`);
  });

  it('64 when --out holds another drill\'s sweep, leaving that drill\'s junit.xml and records as they were', () => {
    const before = ['junit.xml', 'episodes.jsonl', 'manifest.json'].map((file) => readFileSync(join(outOf('fail'), file), 'utf8'));
    const result = execdrill(['drill', `${DRILLS}/pass.yaml`, '--out', outOf('fail')]);
    expect(result.status).toBe(64);
    expect(result.stderr).toMatch(/ holds another sweep \(/);
    expect(['junit.xml', 'episodes.jsonl', 'manifest.json'].map((file) => readFileSync(join(outOf('fail'), file), 'utf8'))).toEqual(before);
  });

  it('moves its own records of another commit aside, whole, and runs afresh, saying where they went', () => {
    // The README's first command, rerun after an update: the directory holds this drill's episodes, run by an older commit.
    const out = outOf('rerun');
    expect(execdrill(['drill', `${DRILLS}/pass.yaml`, '--out', out]).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const older = { ...manifest, commit: '0123456789abcdef0123456789abcdef01234567' };
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(older));
    const before = ['junit.xml', 'episodes.jsonl', 'manifest.json'].map((file) => readFileSync(join(out, file), 'utf8'));
    const result = execdrill(['drill', `${DRILLS}/pass.yaml`, '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(`${out} held this drill's records from commit ${older.commit}: moved them to ${out}.0123456789ab`);
    expect(['junit.xml', 'episodes.jsonl', 'manifest.json'].map((file) => readFileSync(join(`${out}.0123456789ab`, file), 'utf8'))).toEqual(before);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).commit).toBe(manifest.commit);
    expect(readFileSync(join(out, 'episodes.jsonl'), 'utf8')).toBe(before[1]);
  });

  it('documents its exit codes in --help', () => {
    const help = execdrill(['drill', '--help']).stdout;
    expect(help).toContain('Exit codes: 0 all gates pass, 1 a gate failed, 2 inconclusive');
    expect(help).toContain('3 an invariant was violated, 64 bad input');
  });
});

describe('drill reports', () => {
  it('writes well-formed JUnit XML with a test case per gate outcome, failures and skips counted', () => {
    const elements = checkWellFormed(readFileSync(join(outOf('invariant'), 'junit.xml'), 'utf8'));
    const suite = elements.find((element) => element.name === 'testsuite');
    expect(suite?.attributes).toMatchObject({ tests: '3', failures: '2', skipped: '0' });
    expect(elements.filter((element) => element.name === 'failure').map((element) => element.attributes.type)).toEqual(['invariant', 'gate']);
    const inconclusive = checkWellFormed(readFileSync(join(outOf('inconclusive'), 'junit.xml'), 'utf8'));
    expect(inconclusive.find((element) => element.name === 'testsuite')?.attributes).toMatchObject({ skipped: '1', failures: '0' });
  });

  it('writes a Markdown summary and appends it to $GITHUB_STEP_SUMMARY', () => {
    const summary = readFileSync(join(outOf('pass'), 'summary.md'), 'utf8');
    expect(summary).toMatch(/^## execdrill drill `fixture-pass`: passed \(exit 0\)/);
    expect(summary).toContain('| ✅ pass | gap-recovery beats naive at p95(IS_FO_BPS) with 95% confidence | fix-resend | gap-recovery |');
    expect(readFileSync(join(tmp, 'step-summary.md'), 'utf8')).toBe(`# earlier step\n${summary}`);
  });

  it('writes the HTML report and the PNG charts beside the records', () => {
    const run = JSON.parse(execdrill(['drill', `${DRILLS}/pass.yaml`, '--out', outOf('pass'), '--json']).stdout);
    expect(readFileSync(run.files.report, 'utf8')).toMatch(/^<!doctype html>/i);
    expect(run.files.charts.length).toBeGreaterThan(0);
    for (const chart of run.files.charts) expect(readFileSync(chart).subarray(1, 4).toString()).toBe('PNG');
    expect(runs.pass.stdout).toMatch(/^Tables: --detail \(the sweep is reused\); charts and the episode explorer: open \S+report\.html\.$/m);
  });

  it('gives its outcome as JSON, reusing the records of a finished drill', () => {
    const result = execdrill(['drill', `${DRILLS}/pass.yaml`, '--out', outOf('pass'), '--json']);
    expect(result.status).toBe(0);
    const run = JSON.parse(result.stdout);
    expect(run).toMatchObject({ schema: 'execdrill.drill/1', drill: 'fixture-pass', verdict: 'passed', exitCode: 0 });
    expect(run.sweep).toEqual({ episodes: 320, ran: 0, resumed: 320 });
    expect(run.outcomes.map((outcome: { status: string }) => outcome.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
  });
});

describe('drill files on the project runner', () => {
  it('64 for an invalid scenario, an unknown policy and a missing policy file, all at once, policy paths read from the drill file', () => {
    const out = join(tmp, 'bad-inputs');
    const result = execdrill(['drill', 'test/fixtures/drills/bad-inputs.yaml', '--out', out]);
    expect(result.status).toBe(64);
    const lines = result.stderr.trim().split('\n');
    expect(lines.filter((line) => line.includes('scenarios[0]: test/fixtures/scenarios/bad-scenario.yaml:'))).toHaveLength(6);
    expect(result.stderr).toContain('policies[1]: unknown policy "gap-recovry" (did you mean "gap-recovery"?)');
    expect(result.stderr).toContain('policies[3]: no such policy file: test/fixtures/drills/no-such-policy.ts (policy paths are relative to the drill file)');
    // ../policies/always-passive.ts, relative to the drill file, exists: no problem reported for policies[2].
    expect(result.stderr).not.toContain('policies[2]');
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('errors="8"');
  });

  it('64 when a policy module cannot be loaded in its episodes, saying why, with a junit.xml', () => {
    const out = join(tmp, 'unloadable');
    const result = execdrill(['drill', 'test/fixtures/drills/unloadable-policy.yaml', '--out', out]);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain("execdrill: the drill's episodes could not run on bad input:\n  test/fixtures/policies/hostile/throws-at-import.ts: cannot load the policy module");
    const junit = checkWellFormed(readFileSync(join(out, 'junit.xml'), 'utf8'));
    expect(junit.filter((element) => element.name === 'error')).toHaveLength(1);
  });

  it('64 for an alias bomb in a drill file, with its junit.xml where --out says', () => {
    const dir = temporaryDirectory('drill-bomb');
    const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n');
    writeFileSync(join(dir, 'bomb.yaml'), laughs);
    const result = execdrill(['drill', join(dir, 'bomb.yaml'), '--out', join(dir, 'out')]);
    expect(result.status).toBe(64);
    expect(result.stderr).toMatch(/alias/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, 'out', 'junit.xml'), 'utf8')).toContain('errors="1"');
  });
});

describe('a drill run again after an edit', () => {
  it('reruns the episodes of the edited scenario, so its verdict is on the new content', () => {
    const dir = temporaryDirectory('drill-edit');
    const scenario = join(dir, 'fix-resend.yaml');
    writeFileSync(scenario, readFileSync('test/fixtures/sweep/scenarios/fix-resend.yaml', 'utf8'));
    const drill = join(dir, 'drill.yaml');
    const runner = join(process.cwd(), 'test/fixtures/sweep/fake-runner.ts');
    writeFileSync(drill, `scenarios: [fix-resend.yaml]\npolicies: [naive, gap-recovery]\nseeds: 1..160\nout: out\nrunner: ${runner}\ngates:\n  - gap-recovery beats naive at p95 with 95% confidence\n`);
    expect(execdrill(['drill', drill]).status).toBe(0);
    // Now gap-recovery pays the whole shock, as naive does: it can no longer beat naive.
    writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('gap-recovery: 0.3,', 'gap-recovery: 1.0,'));
    const rerun = execdrill(['drill', drill]);
    expect(rerun.stderr).toContain(`changed since ${join(dir, 'out')} was written: ${scenario}; 320 of its episodes run again`);
    expect(rerun.status).not.toBe(0);
  });
});
