// Playbook 002's "replay started" is the first PossDup message at or after the gap on any port: with two
// ports whose replays overlap, the second port's replay can start first.
import { describe, expect, it } from 'vitest';
import type { WorldRun } from '../../../harness/episode/world.ts';
import { FIX_RESEND } from '../../../harness/playbooks/fix-resend.ts';

const step = (key: string) => FIX_RESEND.runbook.find((s) => s.key === key)!;

/** Just the parts of a run the runbook reads: the ports' session events and PossDup arrival times. */
function runOf(ports: ReadonlyArray<{ events: Array<{ atNs: number; type: string }>; possDupTimesNs: number[] }>): WorldRun {
  return {
    orderEntry: { ports: ports.map((p) => ({ events: p.events.map((e) => ({ atNs: e.atNs, event: { type: e.type } })), possDupTimesNs: p.possDupTimesNs })) },
  } as unknown as WorldRun;
}

describe('playbook 002 replay started', () => {
  it('is the earliest PossDup after the gap over all ports, not the first port\'s', () => {
    const run = runOf([
      { events: [{ atNs: 100, type: 'gap-detected' }], possDupTimesNs: [50, 900, 950] },
      { events: [{ atNs: 120, type: 'gap-detected' }], possDupTimesNs: [300, 310] },
    ]);
    expect(step('replayStartedMs').at(run, 0)).toBe(300);
  });

  it('ignores PossDup messages before the gap was detected, and is missing without a gap', () => {
    const run = runOf([
      { events: [{ atNs: 400, type: 'gap-detected' }], possDupTimesNs: [50, 500] },
      { events: [], possDupTimesNs: [200, 450] },
    ]);
    expect(step('replayStartedMs').at(run, 0)).toBe(450);
    expect(step('replayStartedMs').at(runOf([{ events: [], possDupTimesNs: [10] }]), 0)).toBeUndefined();
  });
});
