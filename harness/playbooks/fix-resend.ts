/**
 * Playbook 002, "FIX Resend-Request Replay Backlog & State-Staleness Slippage": a sequence gap on an
 * order-entry session, the ResendRequest, the PossDupFlag=Y replay and the GapFills, and the slow road
 * from "sequence numbers line up" to "state is correct again". Its fast incident runbook asks to rebuild
 * this timeline after every incident: gap detected, resend requested, replay started, replay cleared,
 * authoritative residual restored, normal controller re-enabled.
 */
import { earliest, normalRegimeAt, seconds, sessionEventAt, stateRestoredAt, type Playbook } from './playbook.ts';

const gapDetected = (run: Parameters<Playbook['runbook'][number]['at']>[0], onsetNs: number) =>
  earliest(sessionEventAt(run, 'gap-detected', onsetNs), sessionEventAt(run, 'disconnected', onsetNs));

export const FIX_RESEND: Playbook = {
  id: '002',
  title: 'FIX Resend-Request Replay Backlog & State-Staleness Slippage Playbook',
  incident: 'FIX sequence gap, resend and PossDup replay',
  faultKinds: ['session-disconnect', 'session-message-loss', 'session-store-loss', 'session-slow-replay', 'session-resend-storm'],
  regimeMachine: {
    policy: 'gap-recovery',
    states: [
      { name: 'CLEAN', meaning: 'order state authoritative; the normal controller runs' },
      { name: 'GAP_OPEN', meaning: 'a gap is open: local state is no longer exact; urgency discounted by confidence, passive only' },
      { name: 'REPLAY_DRAIN', meaning: 'the replay is arriving; new child orders capped, paused when the residual is too uncertain' },
      { name: 'AUTHORITATIVE_RECONCILE', meaning: 'the backlog is cleared but trust is not proven: status requests, urgency held back' },
      { name: 'SAFE_SERIALIZE', meaning: 'ambiguity stays high: one child at a time, no cancel and re-enter churn' },
      { name: 'REJOIN_NORMAL', meaning: 'participation and catch-up stepped back up over a guard window' },
    ],
  },
  runbook: [
    { key: 'gapDetectedMs', name: 'gap detected', meaning: 'the router saw a sequence number skip ahead, or its session drop', missing: 'no gap or disconnect was seen after the fault', at: gapDetected },
    { key: 'resendRequestedMs', name: 'resend requested', meaning: 'it sent a ResendRequest for the missing range', missing: 'no ResendRequest was sent after the fault', at: (run, onset) => sessionEventAt(run, 'resend-requested', onset) },
    {
      key: 'replayStartedMs',
      name: 'replay started',
      meaning: 'the first PossDupFlag=Y message of the replay arrived',
      missing: 'no PossDup replay arrived: the venue answered with GapFills only, or the missing messages were admin messages',
      at: (run, onset) => {
        const detected = gapDetected(run, onset);
        if (detected === undefined) return undefined;
        // Each port's times are in order, but the ports' are not merged: the earliest over all ports, not the first port's.
        return earliest(...run.orderEntry.ports.map((p) => p.possDupTimesNs.find((t) => t >= detected)));
      },
    },
    {
      key: 'replayClearedMs',
      name: 'replay cleared',
      meaning: 'the gap closed: every missing sequence number was resent or gap-filled',
      missing: 'the gap never closed before the end',
      at: (run, onset) => sessionEventAt(run, 'gap-closed', gapDetected(run, onset)),
    },
    {
      key: 'authoritativeResidualRestoredMs',
      name: 'authoritative residual restored',
      meaning: 'belief equals truth again: the same working orders, the same residual, no order of unknown fate. Sequence numbers lining up is not the same thing',
      missing: 'belief never converged back to the truth before the end (or never left it)',
      at: (run, onset) => stateRestoredAt(run, gapDetected(run, onset)),
    },
    {
      key: 'normalControllerReenabledMs',
      aboutPolicy: true,
      name: 'normal controller re-enabled',
      meaning: 'the policy returned to its normal regime',
      missing: 'the policy did not return to its normal regime after the state was restored',
      at: (run, onset) => {
        const detected = gapDetected(run, onset);
        return stateRestoredAt(run, detected) === undefined ? undefined : normalRegimeAt(run, detected);
      },
    },
  ],
  summary(ms) {
    const { gapDetectedMs: detected, authoritativeResidualRestoredMs: restored } = ms;
    if (detected === null || detected === undefined) return null;
    if (restored === null || restored === undefined) return 'The state never became authoritative again after the gap was detected.';
    return `From detection to an authoritative residual took ${seconds(restored - detected)}.`;
  },
};
