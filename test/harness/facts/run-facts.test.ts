/**
 * runFacts end to end on the fake episode runner (test/fixtures/sweep/fake-runner.ts), with facts
 * written for its scenarios: gap-recovery pays 0.3 of the incident shock that naive pays in full, and
 * the control runs differ only by each policy's own noise. Verdicts, exit codes, sequential rounds,
 * records shared between facts, resume, a time budget, and failed episodes.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { arm, type Check, type FactDefinition } from '../../../harness/facts/fact.ts';
import { runFacts, type FactsOptions } from '../../../harness/facts/run-facts.ts';
import { factsMarkdown } from '../../../harness/facts/table.ts';
import { resolveRunner } from '../../../harness/sweep/runner-module.ts';
import { FAKE_RUNNER, ROOT, temporaryDirectory } from '../sweep/cli.ts';

const FIX = 'test/fixtures/sweep/scenarios/fix-resend.yaml';
const FLAKY = 'test/fixtures/sweep/scenarios/flaky.yaml';
const quiet = () => ({ update: () => {}, note: () => {}, finish: () => {} });

function fact(id: string, check: Check, scenarios = [FIX], policies = ['naive', 'gap-recovery']): FactDefinition {
  return { id, title: `fact ${id}`, basis: 'test', test: 'test', seeds: 4, seedsStated: false, design: { scenarios, policies, params: [] }, check };
}

/** mean IS_BPS(naive) - mean IS_BPS(gap-recovery), paired, against a claim. */
const cheaper = (op: '>' | '<', metric = 'IS_BPS'): Check => ({
  kind: 'paired',
  label: 'naive - gap-recovery',
  a: { arm: arm(FIX, 'gap-recovery'), metric },
  b: { arm: arm(FIX, 'naive'), metric },
  stat: 'mean',
  claim: { op, bound: 0 },
});

let out: string;
const options = (facts: FactDefinition[], extra: Partial<FactsOptions> = {}): FactsOptions => ({
  facts,
  out,
  workers: 1,
  runner: resolveRunner(FAKE_RUNNER, ROOT),
  seeds: null,
  maxSeeds: null,
  timeBudgetMs: null,
  progress: quiet,
  ...extra,
});

beforeEach(() => {
  out = temporaryDirectory('facts');
});

describe('runFacts', () => {
  it('passes a true fact at its first look and fails a false one: exit 1 when any fails', async () => {
    const run = await runFacts(options([fact('T1', cheaper('>')), fact('T2', cheaper('<'))]));
    expect(run.facts.map((f) => [f.id, f.verdict, f.seeds, f.looks])).toEqual([
      ['T1', 'pass', 4, 1],
      ['T2', 'fail', 4, 1],
    ]);
    expect(run.exitCode).toBe(1);
    // The second fact needs the same episodes: they ran once.
    expect(run.episodes.ran).toBe(8);
    const markdown = factsMarkdown(run);
    expect(markdown).toContain('| T1 | fact T1 | mean(IS_BPS): naive − gap-recovery in fix-resend > 0 |');
    expect(markdown).toMatch(/wall time \d+\.\d s/);
  }, 60_000);

  it('adds seeds in rounds while undecided, up to --max-seeds, then exits 2 with an estimate', async () => {
    const run = await runFacts(options([fact('T3', cheaper('>', 'IS_CONTROL_BPS')), fact('T1', cheaper('>'))], { maxSeeds: 16 }));
    const [open, decided] = run.facts;
    expect(open).toMatchObject({ verdict: 'undecided', seeds: 16, looks: 3, stoppedBy: 'max-seeds' });
    expect(open.reason).toMatch(/^the next look would pass 16 seeds \(--max-seeds\); the interval straddles 0/);
    expect(decided).toMatchObject({ verdict: 'pass', looks: 1 });
    expect(run.exitCode).toBe(2);
    // Blocks 1-4, 5-8 and 9-16 of T3 are sweep directories; T1 found its seeds 1-4 there.
    expect(readdirSync(join(out, run.commit, 'T3')).map((dir) => dir.replace(/-[0-9a-f]{8}$/, ''))).toEqual(['seeds-1-4', 'seeds-5-8', 'seeds-9-16']);
    expect(existsSync(join(out, run.commit, 'T1'))).toBe(false);
    // The same command again reads everything from disk.
    const again = await runFacts(options([fact('T3', cheaper('>', 'IS_CONTROL_BPS')), fact('T1', cheaper('>'))], { maxSeeds: 16 }));
    expect(again.episodes).toEqual({ ran: 0, earlier: 32 });
    expect(again.facts.map((f) => f.result)).toEqual(run.facts.map((f) => f.result));
  }, 60_000);

  it('keeps the commit it started with, so a commit made during the run does not orphan its records', async () => {
    const was = process.env.EXECDRILL_COMMIT;
    process.env.EXECDRILL_COMMIT = 'before';
    let sweeps = 0;
    // HEAD "moves" while the first sweep runs: every later sweep would read the new commit.
    const moving = () => {
      sweeps++;
      process.env.EXECDRILL_COMMIT = 'after';
      return quiet();
    };
    try {
      const run = await runFacts(options([fact('T3', cheaper('>', 'IS_CONTROL_BPS')), fact('T1', cheaper('>'))], { maxSeeds: 8, progress: moving }));
      expect(sweeps).toBe(2);
      expect(run.commit).toBe('before');
      expect(run.facts.map((f) => [f.verdict, f.stoppedBy, f.seeds])).toEqual([
        ['undecided', 'max-seeds', 8],
        ['pass', 'decided', 4],
      ]);
    } finally {
      if (was === undefined) delete process.env.EXECDRILL_COMMIT;
      else process.env.EXECDRILL_COMMIT = was;
    }
  }, 60_000);

  it('is undecided when the time budget runs out before a look', async () => {
    const run = await runFacts(options([fact('T1', cheaper('>'))], { timeBudgetMs: 1 }));
    expect(run.facts[0]).toMatchObject({ verdict: 'undecided', looks: 0, reason: 'the time budget ran out before the first look (4 seeds)' });
    expect(run.exitCode).toBe(2);
  }, 60_000);

  it('fails a fact whose episodes crashed, with the command that replays one', async () => {
    const check: Check = { kind: 'statistic', label: 'IS', sample: { arm: arm(FLAKY, 'naive'), metric: 'IS_BPS' }, stat: 'mean', claim: { op: '>', bound: 0 } };
    const run = await runFacts(options([fact('T4', check, [FLAKY], ['naive'])]));
    expect(run.facts[0]).toMatchObject({ verdict: 'fail', failedEpisodes: { count: 1 } });
    expect(run.facts[0].reason).toMatch(/^1 episode failed or broke an invariant \(replay: .*--seeds 3/);
  }, 60_000);

  it('refuses a fact whose check reads episodes its design does not run', async () => {
    await expect(runFacts(options([fact('T5', cheaper('>'), [FIX], ['naive'])]))).rejects.toThrow(/T5: its check reads gap-recovery/);
  });
});
