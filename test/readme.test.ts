import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

/** The README's examples are run as written, so they cannot rot. */
function example(name: string): string {
  const readme = readFileSync('README.md', 'utf8');
  const marker = `<!-- readme-example: ${name} -->`;
  const start = readme.indexOf(marker);
  expect(start, `README has no ${marker}`).toBeGreaterThanOrEqual(0);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start));
  expect(block).not.toBeNull();
  return (block as RegExpExecArray)[1];
}

describe('README examples', () => {
  it('the kernel example runs and serves about 3 customers a second for an hour', async () => {
    mkdirSync('test/.generated', { recursive: true });
    const file = 'test/.generated/readme-kernel.ts';
    writeFileSync(file, example('kernel').replaceAll("from './sim/index.ts'", "from '../../sim/index.ts'"));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await import(`./.generated/readme-kernel.ts`);
    const line = String(log.mock.calls[0][0]);
    log.mockRestore();
    const served = Number(/^(\d+) customers served/.exec(line)?.[1]);
    expect(Math.abs(served - 3 * 3_600) / (3 * 3_600)).toBeLessThan(0.05);
    expect(line).toMatch(/clock at 3600000000000 ns$/);
  });
});
