/**
 * Playbook 000, "Gateway Failover Order-State Divergence Slippage": the primary order-entry path fails,
 * a backup (or the same session, reconnected) comes up before order truth has converged, and the router
 * decides on a live set that differs from the venue's. Its failure anatomy is the runbook here: path lost,
 * failover detected, backup session up (transport recovered), replay complete, live set converged (state
 * recovered), controlled re-entry. "Key asymmetry: transport recovery can be faster than state recovery."
 * With playbook 000's failover pair in front of the session the pair's own timeline gives the first steps;
 * without one (a lost session and a drop copy down) the session's events do.
 */
import type { Ns } from '../../sim/index.ts';
import type { WorldRun } from '../episode/world.ts';
import { normalRegimeAt, seconds, sessionEventAt, stateRestoredAt, type Playbook } from './playbook.ts';

const pairOf = (run: WorldRun) => run.orderEntry.failovers.find((side) => side.gateway.timeline.failedAtNs !== undefined)?.gateway.timeline;

const detected = (run: WorldRun, onsetNs: Ns) => pairOf(run)?.detectedAtNs ?? sessionEventAt(run, 'disconnected', onsetNs);
const transportBack = (run: WorldRun, onsetNs: Ns) => {
  const pair = pairOf(run);
  if (pair !== undefined) return pair.backupLoggedOnAtNs;
  return sessionEventAt(run, 'logged-on', detected(run, onsetNs));
};
const stateBack = (run: WorldRun, onsetNs: Ns) => pairOf(run)?.liveSetReconciledAtNs ?? stateRestoredAt(run, detected(run, onsetNs));

export const GATEWAY_FAILOVER: Playbook = {
  id: '000',
  title: 'Gateway Failover Order-State Divergence Slippage Playbook',
  incident: 'order-entry gateway failover and live-order ambiguity',
  faultKinds: ['gateway-failover', 'drop-copy-down', 'drop-copy-lag'],
  regimeMachine: {
    policy: 'failover-fsm',
    states: [
      { name: 'HEALTHY', meaning: 'the order-entry path is up and the live set is trusted' },
      { name: 'FAILOVER_DETECTED', meaning: 'a hard path-failure signal: enter the failover state quickly (FDS measures how quickly)' },
      { name: 'STATE_DIVERGED', meaning: 'the local live set may differ from the venue: freeze expansions that need exact truth, confidence-weighted caps' },
      { name: 'REPLAY_SYNCING', meaning: 'the backup is up and replaying: participation rises as live-set similarity and replay confidence do' },
      { name: 'CONTROLLED_REENTRY', meaning: 'state converged: catch-up capped by convexity-aware limits' },
      { name: 'STABLE', meaning: 'back to the normal profile' },
      { name: 'SAFE_MODE', meaning: "failover-fsm's guardrail: divergence outlasted its SLA or the deficit passed its limit" },
    ],
  },
  runbook: [
    { key: 'pathLostMs', name: 'primary path lost', meaning: 'the primary order-entry path failed (the fault itself)', missing: 'no fault on the order-entry path fired', at: (_run, onset) => onset },
    {
      key: 'failoverDetectedMs',
      name: 'failover detected',
      meaning: 'the failure became a hard signal: the controller declared the primary dead, or the session dropped',
      missing: 'the failure was never detected before the end',
      at: detected,
    },
    { key: 'transportRecoveredMs', name: 'backup session up (transport recovered)', meaning: 'a session logged on again and could carry orders', missing: 'no session logged on again before the end', at: transportBack },
    {
      key: 'replayCompleteMs',
      name: 'replay complete',
      meaning: 'the sequence gap opened by the failover closed: resends and gap-fills applied',
      missing: 'no gap needed closing after the logon, or it never closed',
      at: (run, onset) => sessionEventAt(run, 'gap-closed', transportBack(run, onset)),
    },
    {
      key: 'stateRecoveredMs',
      name: 'live set converged (state recovered)',
      meaning: "the router's working orders and residual equal the venue's again: state, not only transport, has recovered",
      missing: 'belief never converged back to the truth before the end (or never left it)',
      at: stateBack,
    },
    {
      key: 'controlledReentryMs',
      aboutPolicy: true,
      name: 'back to normal participation',
      meaning: 'the policy returned to its normal profile after the state converged (SDL measures how long after)',
      missing: 'the policy never left its normal regime, or did not return to it after the state converged',
      at: (run, onset) => normalRegimeAt(run, stateBack(run, onset)),
    },
  ],
  summary(ms) {
    const transport = ms.transportRecoveredMs;
    const state = ms.stateRecoveredMs;
    if (transport === null || transport === undefined) return null;
    if (state === null || state === undefined) return `Transport recovered after ${seconds(transport)}; the live set never converged before the end.`;
    return `Transport recovered after ${seconds(transport)}, state after ${seconds(state)}: ${state > transport ? `${seconds(state - transport)} in which the session was up but the live set was not to be trusted` : 'state came back with the transport'}.`;
  },
};
