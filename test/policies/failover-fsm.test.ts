import { describe, expect, it } from 'vitest';
import { NS_PER_S } from '../../sim/index.ts';
import { findBundledPolicy, resolveParams, type Decision, type Observation } from '../../policies/index.ts';
import { cleanSession, observation } from './observation-builder.ts';

const definition = findBundledPolicy('failover-fsm')!;
const newPolicy = () => definition.create(resolveParams(definition));
const s = (seconds: number) => seconds * NS_PER_S;

function drive(steps: Observation[]): Decision[] {
  const policy = newPolicy();
  return steps.map((o) => policy.decide(o));
}

describe('failover-fsm (seed 000 section 5)', () => {
  it('walks HEALTHY -> FAILOVER_DETECTED -> STATE_DIVERGED -> REPLAY_SYNCING -> CONTROLLED_REENTRY -> STABLE -> HEALTHY on objective signals', () => {
    const down = cleanSession({ state: 'disconnected', disconnectCount: 1, lastDisconnectAtNs: s(10) });
    const replaying = cleanSession({ disconnectCount: 1, gapOpen: true, resendInProgress: true, replayBacklogMsgs: 20, lastLogonAtNs: s(12) });
    const synced = cleanSession({ disconnectCount: 1, lastLogonAtNs: s(12) });
    const regimes = drive([
      observation(s(9)),
      observation(s(10), { sessions: [down] }),
      observation(s(11), { sessions: [down], belief: { unknownChildCount: 2, residualUncertaintyQtyShares: 600 } }),
      observation(s(12), { sessions: [replaying], belief: { unknownChildCount: 2, residualUncertaintyQtyShares: 600 } }),
      observation(s(14), { sessions: [synced] }),
      observation(s(25), { sessions: [synced] }),
      observation(s(36), { sessions: [synced] }),
    ]).map((d) => d.regime);
    expect(regimes).toEqual(['HEALTHY', 'FAILOVER_DETECTED', 'STATE_DIVERGED', 'REPLAY_SYNCING', 'CONTROLLED_REENTRY', 'STABLE', 'HEALTHY']);
  });

  it('holds REPLAY_SYNCING while the drop copy disagrees, even with the sequence gap closed', () => {
    const synced = cleanSession({ disconnectCount: 1, lastLogonAtNs: s(2) });
    const decisions = drive([
      observation(s(1), { sessions: [cleanSession({ state: 'disconnected', disconnectCount: 1 })] }),
      observation(s(2), { sessions: [synced], dropCopy: { liveSetSimilarity: 0.8 } }),
      observation(s(4), { sessions: [synced], dropCopy: { liveSetSimilarity: 0.8 } }),
      observation(s(8), { sessions: [synced], dropCopy: { liveSetSimilarity: 0.8 } }),
      observation(s(9), { sessions: [synced], dropCopy: { liveSetSimilarity: 1 } }),
    ]);
    expect(decisions.map((d) => d.regime)).toEqual(['FAILOVER_DETECTED', 'STATE_DIVERGED', 'REPLAY_SYNCING', 'REPLAY_SYNCING', 'CONTROLLED_REENTRY']);
  });

  it('weights participation by confidence while diverged instead of switching it off', () => {
    const replaying = cleanSession({ disconnectCount: 1, resendInProgress: false, replayBacklogMsgs: 10 });
    const [, , diverged] = drive([
      observation(s(1)),
      observation(s(2), { sessions: [cleanSession({ state: 'disconnected', disconnectCount: 1 })] }),
      observation(s(3), { sessions: [replaying], belief: { unknownChildCount: 1, residualUncertaintyQtyShares: 500 } }),
    ]);
    expect(diverged.regime).toBe('STATE_DIVERGED');
    expect(diverged.pause).toBe(false);
    expect(diverged.participationScale).toBeGreaterThan(0);
    expect(diverged.participationScale).toBeLessThan(0.25);
    expect(diverged.reconcileUnknown).toBe(true);
  });

  it('enters SAFE_MODE when divergence outlasts the confidence SLA', () => {
    const stuck = { sessions: [cleanSession({ disconnectCount: 1, gapOpen: true })], belief: { unknownChildCount: 1, residualUncertaintyQtyShares: 100 } };
    const decisions = drive([observation(s(1)), observation(s(2), stuck), observation(s(3), stuck), observation(s(20), stuck), observation(s(40), stuck)]);
    expect(decisions.map((d) => d.regime)).toEqual(['HEALTHY', 'FAILOVER_DETECTED', 'STATE_DIVERGED', 'REPLAY_SYNCING', 'SAFE_MODE']);
    expect(decisions[4].serialize).toBe(true);
  });

  it('caps catch-up on re-entry below what the schedule follower would allow', () => {
    const synced = cleanSession({ disconnectCount: 1, lastLogonAtNs: s(3) });
    const behind = { sessions: [synced], schedule: { deficitQtyShares: 2_000 } };
    const decisions = drive([
      observation(s(1)),
      observation(s(2), { sessions: [cleanSession({ state: 'disconnected', disconnectCount: 1 })] }),
      observation(s(3), behind),
      observation(s(4), behind),
    ]);
    const reentry = decisions.find((d) => d.regime === 'CONTROLLED_REENTRY')!;
    expect(reentry.catchupCap).toBeLessThanOrEqual(resolveParams(definition).maxCatchupCap);
    expect(reentry.catchupCap).toBeLessThan(resolveParams(definition).catchupCap);
  });
});
