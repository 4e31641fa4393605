/** A clean mid-parent observation for policy tests, with whatever the test wants changed. */
import { NS_PER_S } from '../../sim/index.ts';
import type { Observation, SessionView } from '../../policies/index.ts';

export function cleanSession(overrides: Partial<SessionView> = {}): SessionView {
  return {
    sessionId: 'S1',
    gatewayId: 'gw1',
    state: 'logged-on',
    gapOpen: false,
    resendInProgress: false,
    replayBacklogMsgs: 0,
    possDupCount: 0,
    gapFillCount: 0,
    disconnectCount: 0,
    lastDisconnectAtNs: undefined,
    lastLogonAtNs: 0,
    lastReceivedAtNs: 0,
    ...overrides,
  };
}

export type ObservationPatch = {
  [K in keyof Observation]?: Observation[K] extends readonly unknown[] ? Observation[K] : Partial<NonNullable<Observation[K]>>;
};

export function observation(timeNs: number, patch: ObservationPatch = {}): Observation {
  const base: Observation = {
    timeNs,
    parent: { side: 'buy', qtyShares: 10_000, startNs: 0, horizonNs: 300 * NS_PER_S, mustComplete: false, arrivalMidTicks: 10_000 },
    belief: {
      filledQtyShares: 2_000,
      residualQtyShares: 8_000,
      children: [],
      unknownChildCount: 0,
      residualUncertaintyQtyShares: 0,
      duplicateCandidateCount: 0,
    },
    schedule: { targetFilledQtyShares: 2_000, deficitQtyShares: 0, timeLeftNs: 240 * NS_PER_S },
    market: {
      bestBidTicks: 9_999,
      bestAskTicks: 10_001,
      bestBidQtyShares: 500,
      bestAskQtyShares: 500,
      venueTimeNs: timeNs,
      ageNs: 0,
      lastChangeAgeNs: 0,
      recovering: false,
      gapCount: 0,
      tradedQtyShares: 20_000,
    },
    sessions: [cleanSession()],
    dropCopy: { up: true, liveSetSimilarity: 1, fillDisagreementQtyShares: 0, lastReceivedAtNs: timeNs },
    latency: { ackP50Ns: 100_000, ackP99Ns: 400_000, ackBaselineP99Ns: 400_000, causalityInversions: 0 },
    gateways: [],
  };
  return {
    ...base,
    ...patch,
    parent: { ...base.parent, ...patch.parent },
    belief: { ...base.belief, ...patch.belief },
    schedule: { ...base.schedule, ...patch.schedule },
    market: { ...base.market, ...patch.market },
    dropCopy: patch.dropCopy === undefined ? base.dropCopy : { ...(base.dropCopy as object), ...patch.dropCopy } as Observation['dropCopy'],
    latency: { ...base.latency, ...patch.latency },
  } as Observation;
}
