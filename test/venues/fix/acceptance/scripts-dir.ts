// Where QuickFIX's acceptance scripts are. They live outside the project (shared/fix-acceptance beside the
// checkout, or EXECDRILL_FIX_ACCEPTANCE_DIR), so a test that needs them says plainly why it is skipped.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = new URL('../../../../', import.meta.url).pathname;

export interface AcceptanceScripts {
  /** The directory holding fields.fmt, fix42/ and fix44/, with a trailing slash; undefined when absent. */
  dir: string | undefined;
  /** Why the tests that need them are skipped. */
  skipReason: string;
}

export function acceptanceScripts(): AcceptanceScripts {
  const fromEnv = process.env.EXECDRILL_FIX_ACCEPTANCE_DIR;
  const candidates = fromEnv !== undefined ? [fromEnv] : [resolve(ROOT, '../shared/fix-acceptance'), resolve(ROOT, '../../shared/fix-acceptance')];
  const dir = candidates.find((c) => existsSync(join(c, 'fields.fmt')));
  const skipReason = `QuickFIX acceptance scripts not found (looked in ${candidates.join(', ')}; set EXECDRILL_FIX_ACCEPTANCE_DIR)`;
  if (dir === undefined) console.warn(`skipped: ${skipReason}`);
  return { dir: dir === undefined ? undefined : `${dir}/`, skipReason };
}
