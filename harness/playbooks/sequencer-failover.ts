/**
 * Playbook 001, "Matching-Engine Sequencer Failover Replay-Backlog Slippage": the venue's primary sequencer
 * fails over or stalls, the replay channel drains a backlog while live traffic goes on, and the router
 * decides on a book that is late, gapped or misordered. Its failure path is the runbook here: the sequencer
 * fails, the backlog starts draining, the router's market data goes into recovery and comes out of it, the
 * backlog is drained, the router's state is authoritative again, and the policy's regime is back to NORMAL.
 * A sequencer failover sends the router no session signal: only its market data and acks show it.
 */
import type { Ns } from '../../sim/index.ts';
import type { WorldRun } from '../episode/world.ts';
import { leftNormalAt, normalRegimeAt, seconds, stateRestoredAt, type Playbook } from './playbook.ts';

const backlogFrom = (run: WorldRun, onsetNs: Ns) => run.samples.find((s) => s.atNs >= onsetNs && s.venueBacklogMsgs > 0)?.atNs;
const backlogDrained = (run: WorldRun, onsetNs: Ns) => {
  const from = backlogFrom(run, onsetNs);
  return from === undefined ? undefined : run.samples.find((s) => s.atNs > from && s.venueBacklogMsgs === 0)?.atNs;
};
const feedGap = (run: WorldRun, onsetNs: Ns) => run.venueSide.receiver.episodes.find((episode) => episode.detectedAtNs >= onsetNs);

export const SEQUENCER_FAILOVER: Playbook = {
  id: '001',
  title: 'Matching-Engine Sequencer Failover Replay-Backlog Slippage Playbook',
  incident: "the venue's sequencer failing over, and its replay backlog",
  faultKinds: ['sequencer-stall', 'sequencer-crash', 'sequencer-lagging-backup', 'sequencer-graceful-failover', 'feed-loss'],
  regimeMachine: {
    policy: 'replay-regime',
    states: [
      { name: 'NORMAL', meaning: 'GREEN: the standard tactic mix' },
      { name: 'FAILOVER_TRANSITION', meaning: 'YELLOW: smaller child orders, shorter validity' },
      { name: 'REPLAY_CATCHUP', meaning: 'ORANGE: less aggression, a tighter cancel-risk budget' },
      { name: 'UNSTABLE_DESYNC', meaning: 'RED: safe mode, passive first or throttle only' },
    ],
  },
  runbook: [
    { key: 'sequencerFailedMs', name: 'sequencer failed over or stalled', meaning: "the venue's primary sequencer stopped sequencing (the fault itself)", missing: 'no sequencer fault fired', at: (_run, onset) => onset },
    { key: 'backlogDrainingMs', name: 'replay backlog draining', meaning: 'the venue held a backlog of messages and started replaying it beside live traffic', missing: 'the venue never built a backlog', at: backlogFrom },
    {
      key: 'marketDataGapMs',
      name: 'market data in recovery',
      meaning: "the router's feed saw a gap (or a new feed session) and asked for a retransmission or a snapshot",
      missing: "the router's market data never gapped",
      at: (run, onset) => feedGap(run, onset)?.detectedAtNs,
    },
    {
      key: 'marketDataRecoveredMs',
      name: 'market data recovered',
      meaning: "the router's book was whole again",
      missing: 'the feed gap was never recovered before the end, or there was none',
      at: (run, onset) => feedGap(run, onset)?.recoveredAtNs,
    },
    { key: 'backlogDrainedMs', name: 'replay backlog drained', meaning: "the venue's backlog reached zero", missing: 'the backlog never drained before the end, or there was none', at: backlogDrained },
    {
      key: 'stateAuthoritativeMs',
      name: 'router state authoritative',
      meaning: "the router's working orders and residual equal the venue's again (after a lossy takeover the venue's truth itself rewound)",
      missing: 'belief never converged back to the truth before the end (or never left it)',
      at: (run, onset) => stateRestoredAt(run, onset),
    },
    {
      key: 'normalRegimeMs',
      aboutPolicy: true,
      name: 'policy back to NORMAL',
      meaning: 'the policy returned to its normal regime',
      missing: 'the policy never left its normal regime (the failover sends no session signal), or did not return to it',
      at: (run, onset) => normalRegimeAt(run, leftNormalAt(run, onset)),
    },
  ],
  summary(ms) {
    const drained = ms.backlogDrainedMs;
    const from = ms.backlogDrainingMs;
    if (from === null || from === undefined) return 'The venue never built a replay backlog.';
    if (drained === null || drained === undefined) return 'The replay backlog never drained before the end.';
    return `The venue's replay backlog took ${seconds(drained - from)} to drain.`;
  },
};
