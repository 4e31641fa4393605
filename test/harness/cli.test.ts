import { describe, expect, it, vi } from 'vitest';
import { internalErrorReport, main, reportFailure } from '../../harness/cli.ts';
import { UsageError } from '../../harness/errors.ts';

describe('the CLI error path', () => {
  it('reports bad input in one escaped line, exit 64, and a file-system error on a user path the same way', () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((text) => (written.push(String(text)), true));
    try {
      expect(reportFailure(new UsageError('bad \u001b[2J thing'), [])).toBe(64);
      const eacces = Object.assign(new Error("EACCES: permission denied, open '/data/out.json'"), { code: 'EACCES', syscall: 'open', path: '/data/out.json' });
      expect(reportFailure(eacces, [])).toBe(64);
    } finally {
      spy.mockRestore();
    }
    expect(written).toEqual(['execdrill: bad \\x1b[2J thing\n', 'execdrill: cannot open /data/out.json: permission denied (EACCES)\n']);
  });

  it.each([
    ['chaos-proxy', '--scenario', ['chaos-proxy', '--scenario', 'a.yaml', '--scenario', 'b.yaml', '--upstream', '127.0.0.1:5001', '--engine-under-test', 'initiator']],
    ['fix-acceptor', '--port', ['fix-acceptor', '--port', '5001', '--port', '5002']],
    ['schema', '--out', ['schema', '--out', 'a.json', '--out', 'b.json']],
    ['compare', '--level', ['compare', 'results/x', '--level', '0.9', '--level', '0.8']],
    ['merge', '--out', ['merge', 'a', 'b', '--out', 'c', '--out', 'd']],
  ])('refuses an option of %s that is not repeatable given twice (%s), before the command runs', async (_, option, argv) => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((text) => (written.push(String(text)), true));
    try {
      expect(await main(argv)).toBe(64);
    } finally {
      spy.mockRestore();
    }
    expect(written).toEqual([`execdrill: ${option} is given more than once\n`]);
  });

  it('reports a crash of its own code as an internal error with its stack and the command that replays it, exit 70', () => {
    const report = internalErrorReport(new TypeError('cannot read x of undefined'), ['run', '--scenario', 'my file.yaml', '--policy', 'naive']);
    expect(report).toMatch(/^execdrill: internal error \(a bug in execdrill, not in your input\): TypeError: cannot read x of undefined\n {4}at /);
    expect(report.trimEnd().split('\n').at(-1)).toBe("replay: npx execdrill run --scenario 'my file.yaml' --policy naive");
    expect(internalErrorReport(null, ['list'])).toMatch(/^execdrill: internal error .*: a thrown null: null\nreplay: npx execdrill list\n$/);
  });
});
