/**
 * Signals derived from an observation, shared by the policies so that "the session is clean" means
 * the same thing in every state machine. Each is a pure function of the observation.
 */
import type { Observation } from './observation.ts';

export const anySessionDown = (o: Observation): boolean => o.sessions.some((s) => s.state !== 'logged-on');

export const anyGapOpen = (o: Observation): boolean => o.sessions.some((s) => s.gapOpen || s.resendInProgress);

export const replayBacklogMsgs = (o: Observation): number =>
  o.sessions.reduce((total, s) => total + s.replayBacklogMsgs, 0);

export const totalDisconnects = (o: Observation): number => o.sessions.reduce((total, s) => total + s.disconnectCount, 0);

/** The newest logon across sessions: a change means a session (re)connected. */
export const latestLogonNs = (o: Observation): number =>
  o.sessions.reduce((latest, s) => Math.max(latest, s.lastLogonAtNs ?? -1), -1);

/** The drop copy agrees with the entry sessions (or there is none to disagree). */
export function dropCopyParity(o: Observation, similarityThreshold: number): boolean {
  if (o.dropCopy === undefined) return true;
  return o.dropCopy.up && o.dropCopy.liveSetSimilarity >= similarityThreshold && o.dropCopy.fillDisagreementQtyShares === 0;
}

/**
 * Confidence that the router's order state is authoritative, 0..1: seed 002's C(t), falling with the
 * quantity whose state is unknown, the replay backlog still to come, and duplicate candidates.
 */
export function stateConfidence(o: Observation): number {
  const exposure = Math.max(o.parent.qtyShares, 1);
  const uncertainShare = Math.min(1, o.belief.residualUncertaintyQtyShares / exposure);
  const backlogPenalty = Math.min(1, replayBacklogMsgs(o) / 50);
  const duplicatePenalty = Math.min(1, o.belief.duplicateCandidateCount / 10);
  const gapPenalty = anyGapOpen(o) ? 0.5 : 0;
  const confidence = (1 - uncertainShare) * (1 - backlogPenalty) * (1 - duplicatePenalty) * (1 - gapPenalty);
  return anySessionDown(o) ? 0 : Math.max(0, confidence);
}

/** The deficit as a fraction of the parent: how far behind the schedule the router believes it is. */
export const deficitShare = (o: Observation): number => o.schedule.deficitQtyShares / Math.max(o.parent.qtyShares, 1);

/** Share of the horizon still left, 0..1. */
export const timeLeftShare = (o: Observation): number => Math.max(0, o.schedule.timeLeftNs / Math.max(o.parent.horizonNs, 1));
