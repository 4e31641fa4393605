/**
 * One error path for every command, through the real CLI: bad paths and file-system errors on outputs
 * are one line and exit 64 (never a stack, never a hang), options out of range are refused or capped,
 * merge never writes over its input, and control characters in messages reach the terminal escaped.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execdrill, temporaryDirectory } from '../sweep/cli.ts';

const TINY = 'test/fixtures/scenarios/tiny-gap.yaml';
const oneLine = (stderr: string) => stderr.trim().split('\n');

describe('bad output paths', () => {
  const dir = temporaryDirectory('paths');
  writeFileSync(join(dir, 'a-file'), 'x');
  mkdirSync(join(dir, 'a-dir'));
  const sweep = (out: string) => execdrill(['sweep', '--scenario', TINY, '--policy', 'naive', '--seeds', '1', '--out', out]);

  it.each([
    ['under /proc (Node\'s recursive mkdir spins there forever)', '/proc/execdrill-out', /^execdrill: --out \/proc\/execdrill-out: cannot mkdir \/proc\/execdrill-out: .*\(ENOENT\)$/],
    ['a file', join(dir, 'a-file'), /^execdrill: --out .*a-file: .*a-file is a file, not a directory$/],
    ['under a file', join(dir, 'a-file', 'sub'), /^execdrill: --out .*: cannot stat .*a-file\/sub: a part of the path is a file, not a directory \(ENOTDIR\)$/],
    ['in a file system that refuses it', '/sys/execdrill-out', /^execdrill: --out \/sys\/execdrill-out: cannot mkdir \/sys\/execdrill-out: operation not permitted \(EPERM\)$/],
  ])('sweep --out %s: exit 64, one line, at once', (_, out, message) => {
    const started = performance.now();
    const result = sweep(out);
    expect(result.status).toBe(64);
    expect(oneLine(result.stderr)).toEqual([expect.stringMatching(message)]);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('schema --out a directory: exit 64, and no temporary file left beside it', () => {
    const result = execdrill(['schema', '--out', join(dir, 'a-dir')]);
    expect(result.status).toBe(64);
    expect(oneLine(result.stderr)).toEqual([`execdrill: cannot write ${join(dir, 'a-dir')}: it is a directory (EISDIR)`]);
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('merge refuses to write over one of its inputs', () => {
    const shard = join(dir, 'shard');
    expect(execdrill(['sweep', '--scenario', TINY, '--policy', 'naive', '--seeds', '1', '--out', shard]).status).toBe(0);
    const result = execdrill(['merge', shard, '--out', `${shard}/.`]);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('would overwrite one of its inputs');
    expect(existsSync(join(shard, 'episodes.jsonl'))).toBe(true);
  });
});

describe('options out of range', () => {
  it('compare --resamples 1e9 is refused at once', () => {
    const result = execdrill(['compare', 'test/fixtures/sweep', '--resamples', '1e9']);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('--resamples: expected a whole number from 100 to 100000, got 1000000000');
  });

  it('--workers beyond the cores is capped, with a note', () => {
    const out = join(temporaryDirectory('workers'), 'out');
    const result = execdrill(['sweep', '--scenario', TINY, '--policy', 'naive', '--seeds', '1', '--workers', '1000', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`--workers 1000 is capped at the ${availableParallelism()} cores of this machine`);
  });
});

describe('control characters in messages', () => {
  it('reach the terminal escaped, from a policy and from a scenario file', () => {
    const run = execdrill(['run', '--scenario', TINY, '--policy', 'test/fixtures/policies/hostile/throws-escapes.ts']);
    expect(run.status).toBe(64);
    expect(run.stdout).toContain('threw Error: \\x1b]0;pwned\\x07\\x1b[2J gone');
    expect(run.stdout).not.toContain('\u001b');
    const dir = temporaryDirectory('escapes');
    writeFileSync(join(dir, 'keys.yaml'), 'name: x\n"bad\u001b[31mkey": 1\n');
    const validate = execdrill(['validate', join(dir, 'keys.yaml')]);
    expect(validate.status).toBe(64);
    expect(validate.stderr).toContain('bad\\x1b[31mkey: unknown key');
    expect(validate.stderr).not.toContain('\u001b');
  });

  it('reach the terminal escaped from the records compare reads and from the drill file a verdict block names', () => {
    const dir = temporaryDirectory('escapes-out');
    const drill = join(dir, 'drill.yaml');
    const runner = join(process.cwd(), 'test/fixtures/sweep/fake-runner.ts');
    const scenario = join(process.cwd(), 'test/fixtures/sweep/scenarios/fix-resend.yaml');
    writeFileSync(drill, `name: "\\e]0;pwned\\a"\nscenarios: [${scenario}]\npolicies: [naive, gap-recovery]\nseeds: 1..2\nrunner: ${runner}\nout: out\ngates: [no invariant violations]\n`);
    const block = execdrill(['drill', drill]);
    expect(block.status).toBe(0);
    expect(block.stdout).toMatch(/^drill \\x1b\]0;pwned\\x07: PASSED/);
    const records = join(dir, 'out', 'episodes.jsonl');
    writeFileSync(records, readFileSync(records, 'utf8').replaceAll('"policy":{"name":"naive"', '"policy":{"name":"naive\\u001b[2J"'));
    const compare = execdrill(['compare', join(dir, 'out')]);
    expect(compare.status).toBe(0);
    expect(compare.stdout).toContain('naive\\x1b[2J');
    expect(`${block.stdout}${compare.stdout}`).not.toContain('\u001b');
  });
});

describe('a sweep on bad input', () => {
  it('refuses an invalid scenario and an unknown policy before running anything, every problem at once', () => {
    const out = join(temporaryDirectory('sweep-bad'), 'out');
    const result = execdrill(['sweep', '--scenario', 'test/fixtures/scenarios/bad-scenario.yaml', '--scenario', TINY, '--policy', 'naive', '--policy', 'gap-recovry', '--seeds', '1', '--out', out]);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('execdrill: the sweep cannot run:\n  test/fixtures/scenarios/bad-scenario.yaml:1:7: name: ');
    expect(result.stderr).toContain('--policy gap-recovry: unknown policy "gap-recovry" (did you mean "gap-recovery"?)');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 64 when its episodes could not start (a module that does not load), keeping their records', () => {
    const out = join(temporaryDirectory('sweep-unloadable'), 'out');
    const result = execdrill(['sweep', '--scenario', TINY, '--policy', 'test/fixtures/policies/hostile/throws-at-import.ts', '--seeds', '1..2', '--out', out]);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('execdrill: some episodes could not run on bad input:\n  test/fixtures/policies/hostile/throws-at-import.ts: cannot load the policy module');
    expect(existsSync(join(out, 'episodes.jsonl'))).toBe(true);
  });
});
