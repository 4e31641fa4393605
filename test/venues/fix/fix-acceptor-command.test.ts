// `execdrill fix-acceptor` (harness/commands/fix-acceptor.ts) serves the acceptance scripts from a separate
// process and exits cleanly on SIGTERM; bad options are usage errors (exit 64).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseFieldPatterns, runScript } from '../../../venues/fix/acceptance/index.ts';
import { acceptanceScripts } from './acceptance/scripts-dir.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const SCRIPTS = acceptanceScripts();
const ACCEPTANCE_DIR = SCRIPTS.dir ?? '';
const BIN = `${ROOT}bin/execdrill.js`;

test.runIf(SCRIPTS.dir !== undefined)('fix-acceptor answers 1a_ValidLogonWithCorrectMsgSeqNum and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, [BIN, 'fix-acceptor', '--port', '0', '--begin-string', 'FIX.4.4'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const patterns = parseFieldPatterns(readFileSync(`${ACCEPTANCE_DIR}fields.fmt`, 'latin1'));
    const script = readFileSync(`${ACCEPTANCE_DIR}fix44/1a_ValidLogonWithCorrectMsgSeqNum.def`, 'latin1');
    const result = await runScript('1a', script, { host: '127.0.0.1', port, patterns });
    expect(result.failure).toBeUndefined();
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
});

test('fix-acceptor rejects a bad --begin-string with a usage error', () => {
  const run = spawnSync(process.execPath, [BIN, 'fix-acceptor', '--port', '0', '--begin-string', 'FIX.5.0'], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status).toBe(64);
  expect(run.stderr).toContain('--begin-string: BeginString must be FIX.4.2 or FIX.4.4, got "FIX.5.0"');
});
