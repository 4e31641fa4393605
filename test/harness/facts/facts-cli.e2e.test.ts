/**
 * `execdrill facts` through the real CLI: bad input exits 64 with a message naming the option, and two
 * real facts at two seeds (F2: a pause without faults; F8: three log sizes of playbook 004) run their 10
 * episodes and print their table. Their verdicts are the model's business, not this test's: it checks
 * the shape of what the command reports, not the numbers.
 */
import { describe, expect, it } from 'vitest';
import { execdrill, temporaryDirectory } from '../sweep/cli.ts';

describe('execdrill facts', () => {
  it('answers --help with its options, examples and exit codes', () => {
    const result = execdrill(['facts', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('execdrill facts');
    expect(result.stdout).toContain('--time-budget');
    expect(result.stdout).toContain('Exit codes: 0 every fact passes');
  });

  it.each([
    [['--only', 'F1,F99'], /--only: no fact F99 \(the facts are F1, F2, .*F10\)/],
    [['--seeds', '1'], /--seeds: expected a whole number of seeds from 2 to 10000000, got 1/],
    [['--max-seeds', '2.5'], /--max-seeds: expected a whole number of seeds from 2 to 10000000, got 2.5/],
    [['--seeds', '1e9'], /--seeds: expected a whole number of seeds from 2 to 10000000, got 1000000000/],
    [['--seeds', '10', '--max-seeds', '5'], /--max-seeds 5 is fewer than --seeds 10/],
    [['--time-budget', '90'], /--time-budget: expected a duration such as 250ms/],
  ])('exits 64 on %j', (args, message) => {
    const result = execdrill(['facts', ...args, '--out', temporaryDirectory('facts-bad')]);
    expect(result.status).toBe(64);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('runs F2 and F8 at two seeds, as JSON and as the Markdown table (the second time from disk)', () => {
    const out = temporaryDirectory('facts-real');
    const json = execdrill(['facts', '--only', 'F2,F8', '--seeds', '2', '--max-seeds', '2', '--workers', '2', '--json', '--out', out]);
    expect([0, 1, 2], json.stderr).toContain(json.status);
    const run = JSON.parse(json.stdout);
    expect(run.schema).toBe('execdrill.facts/1');
    expect(run.facts.map((fact: { id: string; seeds: number }) => [fact.id, fact.seeds])).toEqual([
      ['F2', 2],
      ['F8', 2],
    ]);
    expect(run.episodes.ran).toBe(10);
    expect(json.stderr).toContain('F8 look 1 (2 seeds');
    const table = execdrill(['facts', '--only', 'F2,F8', '--seeds', '2', '--max-seeds', '2', '--out', out]);
    expect(table.status).toBe(json.status);
    expect(table.stdout).toMatch(/^\| F2 \| Pausing costs delay \| mean\(IS_CONTROL_BPS\): placebo-pause \(pauseSeconds=20\) − naive in 002-fix-gap-resend > 0 \|/m);
    expect(table.stdout).toMatch(/^\| F8 \| IS_FO_BPS 004-order-server-crash-log-500k -> 004-order-server-crash-log-1m \|/m);
    expect(table.stdout).toMatch(/0 episodes run now, 10 on disk from earlier runs; commit test-commit; wall time \d+\.\d s/);
  }, 180_000);
});
