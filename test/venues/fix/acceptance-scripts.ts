// Where QuickFIX's session-level acceptance scripts are. They are not part of this project (QuickFIX's
// test/definitions/server, with its licence): by default the copy beside the checkout's parent directory, or
// the directory EXECDRILL_FIX_ACCEPTANCE names. When they are absent the conformance tests are skipped and
// say so, with where they looked, rather than passing silently.
import { existsSync } from 'node:fs';

const configured = process.env.EXECDRILL_FIX_ACCEPTANCE;
export const ACCEPTANCE_DIR = configured !== undefined && configured !== '' ? `${configured.replace(/\/$/, '')}/` : new URL('../../../../shared/fix-acceptance/', import.meta.url).pathname;

export const ACCEPTANCE_MISSING = existsSync(`${ACCEPTANCE_DIR}fields.fmt`)
  ? undefined
  : `QuickFIX's acceptance scripts are not at ${ACCEPTANCE_DIR} (they are not part of this project: set EXECDRILL_FIX_ACCEPTANCE to a copy of QuickFIX's test/definitions/server with fields.fmt)`;

if (ACCEPTANCE_MISSING !== undefined) console.warn(`FIX conformance tests skipped: ${ACCEPTANCE_MISSING}`);
