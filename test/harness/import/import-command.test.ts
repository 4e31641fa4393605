// `execdrill import` on logs a real QuickFIX C++ session wrote through the chaos proxy (a scripted incident:
// five ExecutionReports lost on the way to the initiator, the replay paced at ten a second; see
// test/fixtures/quickfix-logs/README.md): the scenario it writes validates, its assumptions carry their
// evidence lines, and a run of it reproduces the log's gaps, ranges and recovery time within 10%.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseScenario } from '../../../harness/scenario/index.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/execdrill.js');
const DIR = join(ROOT, 'test/fixtures/quickfix-logs/gap-slow-replay');
const CLIENT_LOG = join(DIR, 'FIX.4.4-CLIENT-VENUE.messages.current.log');
const VENUE_LOG = join(DIR, 'FIX.4.4-VENUE-CLIENT.messages.current.log');
const work = mkdtempSync(join(tmpdir(), 'execdrill-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cli = (args: string[]) => spawnSync(process.execPath, [BIN, 'import', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

describe('execdrill import', () => {
  test("the initiator's log: one gap of 5 asked from 26, replayed at ~10/s, and a run of the scenario reproduces it within 10%", () => {
    const out = join(work, 'client.yaml');
    const run = cli([CLIENT_LOG, '--out', out, '--check', '3', '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ engine: 'CLIENT', role: 'initiator', events: join(DIR, 'FIX.4.4-CLIENT-VENUE.event.current.log') });
    expect(report.kpis).toMatchObject({ gaps: 1, gapSizes: [5], resendRanges: ['26..0'], replayFrames: [6], gfr: 0, connections: 1, heartBtIntSec: 1, orders: 30, fills: 30 });
    expect(report.kpis.recoveryMs[0]).toBeCloseTo(403.2, 0);
    expect(report.kpis.replayRatePerSec[0]).toBeCloseTo(9.9, 1);
    expect(report.check.map((c: { kpi: string; agrees: boolean }) => [c.kpi, c.agrees])).toEqual([
      ['gaps', true],
      ['gap 1 size', true],
      ['gap 1 recovery ms', true],
    ]);
    const loaded = parseScenario(readFileSync(out, 'utf8'), out);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.scenario.kind).toBe('historical');
    expect(loaded.scenario.faults.map((f) => f.kind)).toEqual(['session-message-loss', 'session-slow-replay']);
    expect(loaded.scenario.faults[0]).toMatchObject({ direction: 'to-router', maxMessages: 5, lossProbability: 1 });
    expect(loaded.scenario.assumptions.find((a) => a.startsWith('Gap 1, 26..30'))).toMatch(/detected at line 42, ResendRequest 26\.\.0 at line 43, closed at line 50/);
    expect(loaded.scenario.assumptions.some((a) => a.startsWith('The market is not in a session log'))).toBe(true);
  }, 120_000);

  test("the acceptor's log: no gap of its own, the peer's ResendRequest becomes a loss towards the router", () => {
    const run = cli([VENUE_LOG, '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ engine: 'VENUE', role: 'acceptor' });
    expect(report.kpis).toMatchObject({ gaps: 0, peerResendRequests: 1 });
    expect(report.scenario.faults).toEqual([expect.objectContaining({ kind: 'session-message-loss', direction: 'to-router', maxMessages: 5 })]);
  });

  test('bad logs are exit 64 naming file and line; which engine wrote a log must be known', () => {
    const bad = join(work, 'FIX.4.4-CLIENT-VENUE.messages.current.log');
    const lines = readFileSync(CLIENT_LOG, 'latin1').split('\n');
    writeFileSync(bad, [lines[0], 'garbage line', lines[2].slice(0, 80), ...lines.slice(3, 6)].join('\n'), 'latin1');
    const malformed = cli([bad]);
    expect(malformed.status).toBe(64);
    expect(malformed.stderr).toContain(`${bad}:2: not a QuickFIX log entry`);
    expect(malformed.stderr).toContain(`${bad}:3: truncated: no CheckSum (10) at the end`);
    expect(malformed.stderr).not.toContain('    at '); // no stack trace
    const anonymous = join(work, 'session.log');
    writeFileSync(anonymous, readFileSync(CLIENT_LOG, 'latin1'), 'latin1');
    expect(cli([anonymous]).stderr).toContain('cannot tell which engine wrote the log from its name; give --sender-comp-id (one of CLIENT, VENUE)');
    expect(cli([anonymous, '--sender-comp-id', 'NOBODY']).stderr).toContain('--sender-comp-id NOBODY is not in the log');
    expect(cli([anonymous, '--sender-comp-id', 'CLIENT', '--events', join(work, 'missing.log')]).stderr).toContain('no such file');
  }, 60_000);

  test('--out naming the messages or the events log is exit 64 and leaves the log as it was', () => {
    const messages = join(work, 'FIX.4.4-CLIENT-VENUE.messages.current.log');
    const events = join(work, 'FIX.4.4-CLIENT-VENUE.event.current.log');
    writeFileSync(messages, readFileSync(CLIENT_LOG));
    writeFileSync(events, readFileSync(join(DIR, 'FIX.4.4-CLIENT-VENUE.event.current.log')));
    for (const log of [messages, events]) {
      const before = readFileSync(log, 'latin1');
      const run = cli([messages, '--out', log]);
      expect(run.status).toBe(64);
      expect(run.stderr).toBe(`execdrill: --out ${log} is the log ${log}: writing the scenario there would lose the log; name a .yaml file\n`);
      expect(readFileSync(log, 'latin1')).toBe(before);
    }
    expect(cli([messages, '--out', join(work, 'a.yaml'), '--out', join(work, 'b.yaml')]).stderr).toBe('execdrill: --out is given more than once\n');
  }, 60_000);
});
