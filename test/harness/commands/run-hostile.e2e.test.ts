/**
 * `execdrill run` and `sweep` with policies that loop, exit or will not load, through the real CLI: each
 * ends within its budget as a failed record (or exit 64 for a module that cannot load) with a message
 * naming the policy and what it did, never as a hang, a silent exit 0 or a stack trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EpisodeRecord } from '../../../harness/episode/record.ts';
import { execdrill, temporaryDirectory } from '../sweep/cli.ts';

const TINY = 'test/fixtures/scenarios/tiny-gap.yaml';
const HOSTILE = 'test/fixtures/policies/hostile';
const FAST = ['--decision-budget', '300ms'];

function timed(args: string[]) {
  const started = performance.now();
  const result = execdrill(args);
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

describe('execdrill run with a hostile policy', () => {
  it('stops a decision that never returns once it has used its CPU budget, as a failed record with the replay command', () => {
    const result = timed(['run', '--scenario', TINY, '--policy', `${HOSTILE}/infinite-loop.ts`, ...FAST]);
    expect(result.status).toBe(64);
    expect(result.stdout).toContain(`policy ${HOSTILE}/infinite-loop.ts at 5.250 s ran for more than 300 ms of CPU time on one decision (its budget) and was stopped`);
    expect(result.stdout).toContain(`replay: npx execdrill run --scenario ${TINY} --policy ${HOSTILE}/infinite-loop.ts --seed 1`);
    expect(result.seconds).toBeLessThan(60);
  });

  it.each([
    ['create(params)', 'create-never-returns', '0\\.000'],
    ['reading its decision (a getter)', 'decision-getter-loops', '[\\d.]+'],
  ])('stops a policy whose %s never returns within the decision budget, not the 30-minute episode timeout', (_, name, atSeconds) => {
    const result = timed(['run', '--scenario', TINY, '--policy', `${HOSTILE}/${name}.ts`, ...FAST]);
    expect(result.status).toBe(64);
    expect(result.stdout).toMatch(new RegExp(`policy ${HOSTILE}/${name}\\.ts at ${atSeconds} s ran for more than 300 ms of CPU time on one decision \\(its budget\\) and was stopped`));
    expect(result.seconds).toBeLessThan(30);
  });

  it('keeps the acting record, and says the shadow was stopped, when a shadow policy\'s create(params) never returns', () => {
    const alone = JSON.parse(execdrill(['run', '--scenario', TINY, '--policy', 'gap-recovery', '--json']).stdout) as EpisodeRecord;
    const result = execdrill(['run', '--scenario', TINY, '--policy', 'gap-recovery', '--shadow', `${HOSTILE}/create-never-returns.ts`, '--json', ...FAST]);
    expect(result.status).toBe(0);
    const record = JSON.parse(result.stdout) as EpisodeRecord;
    expect(record.traceHash).toBe(alone.traceHash);
    expect(record.shadow?.failure?.message).toMatch(/^policy create-never-returns at [\d.]+ s ran for more than 300 ms of CPU time on one decision/);
    expect(record.shadow?.decisions).toBe(0);
    const summary = execdrill(['run', '--scenario', TINY, '--policy', 'gap-recovery', '--shadow', `${HOSTILE}/create-never-returns.ts`, ...FAST]);
    expect(summary.stdout).toMatch(/^shadow stopped: policy create-never-returns at [\d.]+ s ran for more than 300 ms/m);
  });

  it('fails the episode of a policy that calls process.exit instead of exiting 0 with no output', () => {
    const result = execdrill(['run', '--scenario', TINY, '--policy', `${HOSTILE}/exits-process.ts`]);
    expect(result.status).toBe(64);
    expect(result.stdout).toContain('ended its thread in the middle of a decision (exit code 0: process.exit?)');
  });

  it('stops a policy whose decisions together overrun the episode budget', () => {
    const result = execdrill(['run', '--scenario', TINY, '--policy', `${HOSTILE}/slow-decisions.ts`, '--policy-budget', '400ms']);
    expect(result.status).toBe(64);
    expect(result.stdout).toMatch(/policy (slow-decisions|\S+slow-decisions\.ts) at [\d.]+ s spent (more than )?\d+ ms deciding in this episode/);
  });

  it.each([
    ['throws-at-import', 'cannot load the policy module: its top-level code threw Error: this module cannot be imported'],
    ['exits-at-import', 'ended its thread while loading (exit code 0: process.exit?)'],
    ['not-a-policy', 'expected a PolicyDefinition exported as `default` or `policy`'],
    ['export-getter-throws', 'reading its PolicyDefinition threw Error: no name for you'],
    ['not-javascript.py', 'cannot load the policy module: not a JavaScript or TypeScript module: name it .ts, .mts, .js or .mjs'],
  ])('refuses a module that %s with exit 64, one line and no stack trace', (name, message) => {
    const result = execdrill(['run', '--scenario', TINY, '--policy', `${HOSTILE}/${name.includes('.') ? name : `${name}.ts`}`]);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('keeps the acting record when a shadow policy never returns, and reports the shadow as stopped', () => {
    const alone = JSON.parse(execdrill(['run', '--scenario', TINY, '--policy', 'gap-recovery', '--json']).stdout) as EpisodeRecord;
    const result = execdrill(['run', '--scenario', TINY, '--policy', 'gap-recovery', '--shadow', `${HOSTILE}/infinite-loop.ts`, '--json', ...FAST]);
    expect(result.status).toBe(0);
    const record = JSON.parse(result.stdout) as EpisodeRecord;
    expect(record.traceHash).toBe(alone.traceHash);
    expect(record.shadow?.failure?.message).toContain(`policy infinite-loop at 5.250 s ran for more than 300 ms of CPU time on one decision`);
    expect(record.shadow?.decisions).toBe(13);
  });
});

describe('execdrill sweep with a runaway policy', () => {
  it('records the runaway episodes as failed and runs every other episode', () => {
    const out = temporaryDirectory('runaway');
    const result = execdrill(['sweep', '--scenario', TINY, '--policy', 'naive', '--policy', `${HOSTILE}/infinite-loop.ts`, '--seeds', '1..2', '--workers', '2', '--out', out, ...FAST]);
    expect(result.status).toBe(0);
    const records = readFileSync(join(out, 'episodes.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as EpisodeRecord);
    // Records come in the sweep's canonical order: seed, then policy.
    expect(records.map((r) => [r.seed, r.policy.name, r.status, r.error?.kind])).toEqual([
      [1, 'naive', 'ok', undefined],
      [1, `${HOSTILE}/infinite-loop.ts`, 'failed', 'policy'],
      [2, 'naive', 'ok', undefined],
      [2, `${HOSTILE}/infinite-loop.ts`, 'failed', 'policy'],
    ]);
    expect(records[1].replay).toMatch(/^npx execdrill sweep --scenario .* --policy test\/fixtures\/policies\/hostile\/infinite-loop\.ts --seeds 1 --workers 1 /);
    expect(result.stderr).toContain('ran for more than 300 ms of CPU time on one decision');
  });
});

