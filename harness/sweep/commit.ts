/**
 * The project commit a sweep records. `EXECDRILL_COMMIT` overrides it, for CI checkouts without
 * `.git` (set it from GITHUB_SHA) and for shards built from one image; otherwise `git rev-parse HEAD`
 * in the checkout, or `unknown` when there is no git.
 */
import { execFileSync } from 'node:child_process';
import { PROJECT_ROOT } from './runner-module.ts';

export function resolveCommit(): string {
  const override = process.env.EXECDRILL_COMMIT;
  if (override !== undefined && override !== '') return override;
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}
