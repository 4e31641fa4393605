/**
 * checkPolicy end to end: a good property passes; a violated one ends at a minimal failing incident
 * whose scenario file `execdrill validate` accepts and whose printed replay command, run through the
 * real CLI, reproduces the failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runEpisode } from '../../../harness/episode/run-episode.ts';
import type { EpisodeRecord } from '../../../harness/episode/record.ts';
import { checkPolicy, PolicyPropertyFailure, scenarioArbitrary, scenarioYaml, type GeneratedScenario } from '../../../harness/testing/index.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BROKEN_POLICY = 'test/fixtures/policies/throws-on-disconnect.ts';

/** Runs a printed `npx execdrill ...` command through bin/execdrill.js, as npx would. */
function runPrinted(command: string, extra: string[] = []) {
  const words = command.split(' ');
  expect(words.slice(0, 2)).toEqual(['npx', 'execdrill']);
  return spawnSync(process.execPath, [join(ROOT, 'bin/execdrill.js'), ...words.slice(2), ...extra], { cwd: ROOT, encoding: 'utf8' });
}

async function failureOf(run: Promise<unknown>): Promise<PolicyPropertyFailure> {
  const error = await run.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(PolicyPropertyFailure);
  return error as PolicyPropertyFailure;
}

const faultsFree = (record: EpisodeRecord) => record.metrics.IS_FO_BPS === 0;

describe('checkPolicy', () => {
  it('passes a policy that keeps every invariant and the property, having checked the property on every case', async () => {
    const seen: EpisodeRecord[] = [];
    const report = await checkPolicy('gap-recovery', {
      numRuns: 4,
      property: (record) => {
        seen.push(record);
        const completion = record.metrics.COMPLETION as number;
        return completion >= 0 && completion <= 1;
      },
    });
    expect(report).toEqual({ policy: 'gap-recovery', numRuns: 4, seed: 1 });
    expect(seen).toHaveLength(4);
    expect(seen.every((record) => record.status === 'ok' && record.invariants.every((result) => result.ok))).toBe(true);
  });

  it('shrinks a violated property ("an incident costs nothing") to an incident where every fault is needed, printed as a valid file with a replay command that reproduces it', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'execdrill-check-test-'));
    const failure = await failureOf(checkPolicy('naive', { numRuns: 20, property: faultsFree, outDir }));
    const scenario = parse(readFileSync(failure.scenarioFile, 'utf8')) as GeneratedScenario;
    const faults = scenario.faults ?? [];
    expect(faults.length).toBeGreaterThanOrEqual(1);
    expect(faults.length).toBeLessThanOrEqual(2);
    expect(failure.message).toContain(failure.scenarioYaml.trimEnd());
    expect(failure.message).toContain(`replay: ${failure.replay}`);
    expect(failure.replay).toMatch(new RegExp(`^npx execdrill run --scenario ${failure.scenarioFile} --policy naive --seed \\d+$`));

    // Minimal: without any one of its faults the incident no longer fails.
    const seed = failure.record.seed;
    faults.forEach((_, i) => {
      const file = join(outDir, `without-${i}.yaml`);
      writeFileSync(file, scenarioYaml({ ...scenario, faults: faults.filter((__, j) => j !== i) }));
      expect(faultsFree(runEpisode({ scenarioFile: file, policy: 'naive', params: {}, seed }))).toBe(true);
    });

    expect(runPrinted(`npx execdrill validate ${failure.scenarioFile}`).status).toBe(0);
    const replayed = runPrinted(failure.replay, ['--json']);
    expect(replayed.status).toBe(0);
    const record = JSON.parse(replayed.stdout) as EpisodeRecord;
    expect(faultsFree(record)).toBe(false);
    expect(record.metrics.IS_FO_BPS).toBe(failure.record.metrics.IS_FO_BPS);
  });

  it("finds the one-fault incident that makes a user's policy module throw, and its replay fails the same way", async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'execdrill-check-test-'));
    // One fault kind that takes a session down and one that does not, so the shrink has a choice to make.
    const scenarios = scenarioArbitrary({ faultKinds: ['sequencer-stall', 'session-disconnect'] });
    const failure = await failureOf(checkPolicy(BROKEN_POLICY, { scenarios, numRuns: 20, outDir }));
    expect(failure.reason).toMatch(/^episode failed \(policy\): policy throws-on-disconnect at [\d.]+ s threw Error: unhandled session state/);
    const scenario = parse(failure.scenarioYaml) as GeneratedScenario;
    expect(scenario.faults?.map((fault) => fault.kind)).toEqual(['session-disconnect']);
    expect(failure.replay).toContain(`--policy ${BROKEN_POLICY}`);
    const replayed = runPrinted(failure.replay, ['--json']);
    expect(replayed.status).toBe(64);
    expect((JSON.parse(replayed.stdout) as EpisodeRecord).error?.message).toContain('unhandled session state');

    const again = await failureOf(checkPolicy(BROKEN_POLICY, { scenarios, numRuns: 20, outDir }));
    expect(again.scenarioYaml).toBe(failure.scenarioYaml);
  });

  it('reports a policy that decides by Math.random as not deterministic, with the episode that shows it', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'execdrill-check-test-'));
    const failure = await failureOf(checkPolicy('test/fixtures/policies/hostile/random-decisions.ts', { numRuns: 5, outDir, params: { breakAfterNs: 0 } }));
    expect(failure.reason).toMatch(/^the policy is not deterministic: the same episode run twice gave trace [0-9a-f]{12} and [0-9a-f]{12} \(does it read Math\.random/);
    expect(failure.message).toContain(`replay: ${failure.replay}`);
    expect(runPrinted(`npx execdrill validate ${failure.scenarioFile}`).status).toBe(0);
  });

  it('names a policy module that cannot be loaded at once, without running its cases', async () => {
    const loading = checkPolicy('test/fixtures/policies/hostile/throws-at-import.ts', { numRuns: 50 });
    await expect(loading).rejects.toThrow(/checkPolicy\(test\/fixtures\/policies\/hostile\/throws-at-import\.ts\): .*cannot load the policy module: its top-level code threw Error: this module cannot be imported/);
  });
});
