/**
 * Records what the policy saw each time its regime changed. The router's regime timeline says when a
 * policy moved, not why; this wrapper sits between the router and the policy, passes every observation
 * and decision through untouched (so the run's trace is the record's, bit for bit), and keeps the
 * signals of the observation that triggered each change. Between changes it keeps four running
 * counters only, so it adds nothing per decision but a comparison.
 */
import type { Ns } from '../../sim/index.ts';
import {
  anyGapOpen,
  deficitShare,
  dropCopyParity,
  latestLogonNs,
  replayBacklogMsgs,
  stateConfidence,
  type Observation,
  type PolicyDefinition,
  type SessionState,
} from '../../policies/index.ts';

/** The observation's signals at a regime change, in the policy's own terms (belief, never truth). */
export interface TriggerSignals {
  sessionsNotLoggedOn: { sessionId: string; state: SessionState }[];
  gapOpen: boolean;
  replayBacklogMsgs: number;
  /** PossDup replays, GapFills and disconnects seen since the previous decision. */
  newPossDups: number;
  newGapFills: number;
  newDisconnects: number;
  /** A session logged on (again) since the previous decision: a reconnect. */
  newLogon: boolean;
  unknownChildren: number;
  uncertainShares: number;
  duplicateCandidates: number;
  /** playbook 002's C(t) as `stateConfidence` computes it, 0..1. */
  confidence: number;
  /** The believed deficit against the schedule, as a share of the parent. */
  deficitShare: number;
  dropCopyDisagrees: boolean;
  feedRecovering: boolean;
  bookAgeNs: Ns;
  /** Gateway pool nodes (playbook 003) that are trading-ready but not yet warm, with their warm-up progress 0..1 and p99 latency. */
  coldGateways: { gatewayId: string; warmupProgress: number; latencyP99Ns: Ns | undefined }[];
}

export interface RegimeChange {
  atNs: Ns;
  from: string | null;
  to: string;
  signals: TriggerSignals;
}

const total = (o: Observation, read: (s: Observation['sessions'][number]) => number) => o.sessions.reduce((n, s) => n + read(s), 0);

export class RegimeWatch {
  readonly changes: RegimeChange[] = [];

  /** `coldProgress`: below this published warm-up progress a serving node counts as cold (the scenario pool's coldProgressThreshold, as COLD_FLOW_SHARE counts it). */
  constructor(private readonly coldProgress: number) {}

  private regime: string | null = null;
  private possDups = 0;
  private gapFills = 0;
  private disconnects = 0;
  private latestLogonNs = -1;

  /** The same policy, watched: its decisions are returned unchanged. */
  wrap(definition: PolicyDefinition): PolicyDefinition {
    const observe = (o: Observation, regime: string) => this.observe(o, regime);
    return {
      ...definition,
      create(params) {
        const policy = definition.create(params);
        return {
          name: policy.name,
          version: policy.version,
          decide(o) {
            const decision = policy.decide(o);
            observe(o, decision.regime);
            return decision;
          },
        };
      },
    };
  }

  private observe(o: Observation, regime: string): void {
    const possDups = total(o, (s) => s.possDupCount);
    const gapFills = total(o, (s) => s.gapFillCount);
    const disconnects = total(o, (s) => s.disconnectCount);
    const logonNs = latestLogonNs(o);
    if (regime !== this.regime) {
      this.changes.push({
        atNs: o.timeNs,
        from: this.regime,
        to: regime,
        signals: {
          sessionsNotLoggedOn: o.sessions.filter((s) => s.state !== 'logged-on').map((s) => ({ sessionId: s.sessionId, state: s.state })),
          gapOpen: anyGapOpen(o),
          replayBacklogMsgs: replayBacklogMsgs(o),
          newPossDups: possDups - this.possDups,
          newGapFills: gapFills - this.gapFills,
          newDisconnects: disconnects - this.disconnects,
          newLogon: this.latestLogonNs >= 0 && logonNs > this.latestLogonNs,
          unknownChildren: o.belief.unknownChildCount,
          uncertainShares: o.belief.residualUncertaintyQtyShares,
          duplicateCandidates: o.belief.duplicateCandidateCount,
          confidence: stateConfidence(o),
          deficitShare: deficitShare(o),
          dropCopyDisagrees: !dropCopyParity(o, 1),
          feedRecovering: o.market.recovering,
          bookAgeNs: o.market.ageNs,
          coldGateways: o.gateways
            .filter((g) => g.lifecycle === 'trading-ready' && g.warmupProgress < this.coldProgress)
            .map((g) => ({ gatewayId: g.gatewayId, warmupProgress: g.warmupProgress, latencyP99Ns: g.latencyP99Ns })),
        },
      });
      this.regime = regime;
    }
    this.possDups = possDups;
    this.gapFills = gapFills;
    this.disconnects = disconnects;
    this.latestLogonNs = logonNs;
  }
}
