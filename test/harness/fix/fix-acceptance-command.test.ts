// `execdrill fix-acceptance` runs QuickFIX-format scripts against this engine in-process, or against an
// acceptor at --port (here `execdrill fix-acceptor` with QuickFIX settings from a file); bad input is exit 64.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/execdrill.js');
const FIXTURES = join(ROOT, 'test/fixtures/fix-acceptance');
const work = mkdtempSync(join(tmpdir(), 'execdrill-fix-acceptance-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

describe('execdrill fix-acceptance', () => {
  test("this project's scripts pass against the engine in-process, chunk size set by its QuickFIX name", () => {
    const plain = cli(['fix-acceptance', join(FIXTURES, 'invalid-msgtype.def'), join(FIXTURES, 'header-after-body.def'), join(FIXTURES, 'logon-bad-sending-time.def'), join(FIXTURES, 'logon-missing-heartbtint.def')]);
    expect(plain.stdout).toContain('4 passed, 0 documented deviations, 0 failed (of 4)');
    expect(plain.status).toBe(0);
    const junit = join(work, 'junit.xml');
    const chunked = cli(['fix-acceptance', join(FIXTURES, 'chunked-gapfill-inside-chunk.def'), '--resend-request-chunk-size', '3', '--junit', junit]);
    expect(chunked.status, chunked.stdout + chunked.stderr).toBe(0);
    expect(readFileSync(junit, 'utf8')).toContain('tests="1" failures="0"');
    // Without the chunk size the engine asks for the whole gap at once, so the script fails where it expects a chunk.
    const unchunked = cli(['fix-acceptance', join(FIXTURES, 'chunked-gapfill-inside-chunk.def'), '--junit', junit]);
    expect(unchunked.status).toBe(1);
    expect(unchunked.stdout).toContain('FAILED chunked-gapfill-inside-chunk.def at line 8: Value in field (16) should be (4) but was (0)');
    expect(readFileSync(junit, 'utf8')).toContain('failures="1"');
  }, 60_000);

  test('against fix-acceptor started from a QuickFIX settings file, over TCP at --port', async () => {
    const config = join(work, 'acceptor.cfg');
    writeFileSync(config, '[DEFAULT]\nConnectionType=acceptor\nSocketAcceptPort=0\nFileStorePath=store\n[SESSION]\nBeginString=FIX.4.4\nSenderCompID=ISLD\nTargetCompID=TW44\nResetOnLogon=Y\n');
    const child = spawn(process.execPath, [BIN, 'fix-acceptor', '--config', config], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('ignored settings')) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`fix-acceptor exited early with ${code}`)));
      });
      expect(banner).toContain('FIX.4.4 ISLD->TW44');
      expect(banner).toContain('ignored settings (no effect on this engine): FileStorePath');
      const port = /listening on 127\.0\.0\.1:(\d+)/.exec(banner)?.[1] ?? '';
      const run = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
        const c = spawn(process.execPath, [BIN, 'fix-acceptance', join(FIXTURES, 'invalid-msgtype.def'), '--port', port], { cwd: ROOT });
        let stdout = '';
        c.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        c.once('exit', (status) => resolve({ status, stdout }));
      });
      expect(run.stdout).toContain(`fix-acceptance against 127.0.0.1:${port}: 1 passed`);
      expect(run.status).toBe(0);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  test('a script that does not parse, a missing path and a bad fields file are exit 64, naming the file and line', () => {
    const bad = join(work, 'bad.def');
    writeFileSync(bad, '# fine\niCONNECT\nQ what\n');
    const parse = cli(['fix-acceptance', bad]);
    expect(parse.status).toBe(64);
    expect(parse.stderr).toContain(`${bad}: line 3: syntax error: Q what`);
    expect(cli(['fix-acceptance', join(work, 'missing.def')]).stderr).toContain('no such script or directory');
    const fields = join(work, 'fields.fmt');
    writeFileSync(fields, '10=\\d{3}\n52=([unclosed\n');
    const regex = cli(['fix-acceptance', join(FIXTURES, 'invalid-msgtype.def'), '--fields', fields]);
    expect(regex.status).toBe(64);
    expect(regex.stderr).toContain(`${fields}:2:`);
  });

  test('a script of comments alone is exit 64 instead of a pass that checked nothing', () => {
    const empty = join(work, 'empty.def');
    writeFileSync(empty, '# a script someone emptied\n\n');
    const result = cli(['fix-acceptance', empty]);
    expect(result.status).toBe(64);
    expect(result.stderr).toBe(`execdrill: ${empty}: no steps (I, E, iCONNECT ... lines): it would pass without checking anything\n`);
  });
});
