/** Every command of this harness part answers --help with its options, examples and exit codes. */
import { describe, expect, it } from 'vitest';
import { execdrill } from './cli.ts';

describe('--help', () => {
  it.each(['sweep', 'merge', 'compare', 'drill'])('%s shows examples and exit codes', (command) => {
    const result = execdrill([command, '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`execdrill ${command}`);
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('Exit codes:');
  });
});
