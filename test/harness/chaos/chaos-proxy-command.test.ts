// `execdrill chaos-proxy` as a user runs it: it will not start without an explicit upstream, listens on
// loopback unless told otherwise, closes a client that never logs on, and its verdict, JUnit and frame log
// land in --out; through it this project's engines pass the bundled proxy scenario.
import { spawn, spawnSync } from 'node:child_process';
import { connect, createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runClient, startVenue } from './engines.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/execdrill.js');
const SCENARIO = join(ROOT, 'scenarios/chaos/fix-gap-slow-replay.yaml');
const work = mkdtempSync(join(tmpdir(), 'execdrill-chaos-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Starts the proxy; resolves with its port (from the line it prints) and its exit. */
function startProxy(args: string[]): Promise<{ port: number; host: string; exit: Promise<{ code: number | null; stdout: string }> }> {
  const child = spawn(process.execPath, [BIN, 'chaos-proxy', '--scenario', SCENARIO, ...args], { cwd: ROOT });
  let stdout = '';
  const exit = new Promise<{ code: number | null; stdout: string }>((resolve) => child.once('exit', (code) => resolve({ code, stdout })));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on ([\d.]+):(\d+)/.exec(stdout);
      if (match) resolve({ host: match[1], port: Number(match[2]), exit });
    });
    child.once('exit', (code) => reject(new Error(`chaos-proxy exited with ${code}: ${stdout}`)));
  });
}

describe('execdrill chaos-proxy', () => {
  test('refuses to start without an explicit upstream, or with a bad one (exit 64)', () => {
    const none = spawnSync(process.execPath, [BIN, 'chaos-proxy', '--scenario', SCENARIO, '--engine-under-test', 'initiator'], { cwd: ROOT, encoding: 'utf8' });
    expect(none.status).toBe(64);
    expect(none.stderr).toContain('--upstream host:port is required');
    const bad = spawnSync(process.execPath, [BIN, 'chaos-proxy', '--scenario', SCENARIO, '--engine-under-test', 'initiator', '--upstream', 'nowhere'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(64);
    expect(bad.stderr).toContain('--upstream must be host:port');
  });

  test('listens on 127.0.0.1 by default and closes a client that sends no Logon within the logon timeout', async () => {
    // An upstream that accepts and stays silent, so only the proxy's timeout can close the client.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const upstream = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const proxy = await startProxy(['--upstream', upstream, '--engine-under-test', 'initiator', '--logon-timeout', '300ms', '--max-run', '2s', '--json']);
    expect(proxy.host).toBe('127.0.0.1');
    const closedAfter = await new Promise<number>((resolve) => {
      const started = Date.now();
      const socket = connect(proxy.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.once('close', () => resolve(Date.now() - started));
    });
    expect(closedAfter).toBeGreaterThanOrEqual(250);
    expect(closedAfter).toBeLessThan(1_500);
    const { stdout } = await proxy.exit;
    silent.close();
    const verdict = JSON.parse(stdout.slice(stdout.indexOf('{')));
    expect(verdict.refused.logonTimeout).toBe(1);
  }, 15_000);

  test("this project's engines through the bundled scenario: pass (exit 0), with verdict.json, junit.xml and frames.jsonl", async () => {
    const venue = await startVenue();
    const out = join(work, 'run');
    const proxy = await startProxy(['--upstream', `127.0.0.1:${venue.port}`, '--engine-under-test', 'initiator', '--out', out, '--max-run', '30s']);
    await runClient(proxy.port, { orders: 30, intervalMs: 250, logoutAfterMs: 9_000 });
    const { code, stdout } = await proxy.exit;
    await venue.close();
    expect(stdout).toContain('chaos-proxy: pass (exit 0)');
    expect(code).toBe(0);
    const verdict = JSON.parse(readFileSync(join(out, 'verdict.json'), 'utf8'));
    expect(verdict).toMatchObject({ schema: 'execdrill.chaos/1', verdict: 'pass', engineUnderTest: 'initiator' });
    expect(verdict.gaps).toHaveLength(1);
    expect(verdict.gaps[0].last - verdict.gaps[0].first + 1).toBe(5);
    // Five resends paced at 10 a second: the first at once, the last 400 ms later.
    expect(verdict.gaps[0].recoveryMs).toBeGreaterThan(350);
    expect(verdict.gaps[0].recoveryMs).toBeLessThan(1_000);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('failures="0"');
    const touched = readFileSync(join(out, 'frames.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"touched"'));
    expect(touched.filter((l) => l.includes('dropped'))).toHaveLength(5);
    expect(touched.filter((l) => l.includes('paced')).length).toBeGreaterThanOrEqual(5);
  }, 40_000);
});
