/**
 * The invariants of METRICS.md, checked on every run after its final reconciliation. Each checker is
 * a separate function returning a result (a violation is data, reported with the seed and the command
 * that replays the episode); none throws.
 */
import type { InvariantResult } from './record.ts';
import { failoverAccounting } from '../world/failover-accounting.ts';
import type { TruthFill } from './truth-recorder.ts';
import type { WorldRun } from './world.ts';

/**
 * After final reconciliation the router's position equals the venue's: no fill lost, none counted
 * twice. Two differences are allowed, each only on an order whose record says why:
 * - behind an order server (playbook 004) a fill may be lost to the router on an order recorded as
 *   orphaned (administrator's inbox, phone desk), like a non-persistent FIX store's loss;
 * - after a takeover that lost journal entries (playbook 001) the router may still count fills the
 *   failed primary published and the venue's truth then lost (the truth's busted fills).
 */
export function positionReconciles(run: WorldRun): InvariantResult {
  const believed = run.router.book.filledQtyShares;
  const truth = run.truth.filledShares;
  if (believed === truth) return { name: 'position-reconciles', ok: true };
  const detail = `router believes ${believed} shares filled, the venue filled ${truth}`;
  const believedByRoot = new Map<string, number>();
  for (const fill of run.router.book.fills) add(believedByRoot, fill.rootClOrdId, fill.qtyShares);
  const trueByRoot = sharesByRoot(run, run.truth.fills);
  const bustedByRoot = sharesByRoot(run, run.truth.bustedFills);
  const orphanedRoots = new Set(run.orderEntry.orderServers.flatMap((side) => side.orphans.records.map((record) => side.port.children.rootOf(record.clOrdId))));
  const reasons = new Set<string>();
  for (const root of new Set([...believedByRoot.keys(), ...trueByRoot.keys()])) {
    const known = believedByRoot.get(root) ?? 0;
    const shares = trueByRoot.get(root) ?? 0;
    if (known === shares) continue;
    if (known > shares && known <= shares + (bustedByRoot.get(root) ?? 0)) reasons.add('fills the venue lost at a sequencer takeover (playbook 001)');
    else if (known < shares && orphanedRoots.has(root)) reasons.add('orders recorded as orphaned (playbook 004)');
    else return { name: 'position-reconciles', ok: false, detail: `${detail}; order ${root}: router ${known}, venue ${shares}, ${known > shares ? 'no busted fill' : 'no orphan record'}` };
  }
  return { name: 'position-reconciles', ok: true, detail: `${detail}: the difference is on ${[...reasons].join(' and on ')}` };
}

function sharesByRoot(run: WorldRun, fills: readonly TruthFill[]): Map<string, number> {
  const byRoot = new Map<string, number>();
  for (const fill of fills) add(byRoot, run.orderEntry.rootClOrdIdOf(fill.ownerId, fill.orderId) ?? `venue order ${fill.orderId}`, fill.qtyShares);
  return byRoot;
}

function add(byRoot: Map<string, number>, root: string, shares: number): void {
  byRoot.set(root, (byRoot.get(root) ?? 0) + shares);
}

/** A PossDup replay never changes position a second time: no ExecID was applied twice. */
export function noFillAppliedTwice(run: WorldRun): InvariantResult {
  const seen = new Set<string>();
  for (const fill of run.router.book.fills) {
    if (seen.has(fill.execId)) return { name: 'no-fill-applied-twice', ok: false, detail: `ExecID ${fill.execId} applied twice` };
    seen.add(fill.execId);
  }
  return { name: 'no-fill-applied-twice', ok: true };
}

/** The book is never crossed at rest (sampled every 100 ms and at the end). */
export function bookNeverCrossed(run: WorldRun): InvariantResult {
  const crossed = run.samples.find((s) => s.bookCrossed);
  return { name: 'book-never-crossed', ok: crossed === undefined, detail: crossed === undefined ? undefined : `crossed at ${crossed.atNs} ns` };
}

/**
 * Every FIX sequence number is delivered once or covered by a GapFill; application messages are lost
 * only where the scenario says the sender does not persist (and then the loss is recorded). At the end,
 * each session's two sides agree on the next sequence numbers whenever both are logged on.
 */
export function fixSequencesAccountedFor(run: WorldRun, persists: ReadonlyMap<string, boolean>): InvariantResult {
  for (const port of run.orderEntry.fixPorts) {
    const venueSession = run.orderEntry.venueSessions.get(port.sessionId);
    const routerSession = port.endpoint?.session;
    if (venueSession === undefined || routerSession === undefined) continue;
    if (persists.get(port.sessionId) && venueSession.stats.applicationMessagesLost > 0) {
      return { name: 'fix-sequences-accounted-for', ok: false, detail: `session ${port.sessionId} persists messages yet lost ${venueSession.stats.applicationMessagesLost}` };
    }
    // Numbers the venue used that the router has not seen must still be on their way: in flight, queued
    // behind a paced replay, or lost on the link with nothing delivered behind them yet (the next message
    // or heartbeat reveals that gap).
    const onTheirWay = (port.endpoint?.undeliveredInbound ?? 0) + venueSession.outboundBacklog;
    const unseen = venueSession.nextSenderSeqNum - routerSession.nextTargetSeqNum;
    if (routerSession.isLoggedOn && venueSession.isLoggedOn && !routerSession.inGapRecovery && (unseen < 0 || unseen > onTheirWay)) {
      return {
        name: 'fix-sequences-accounted-for',
        ok: false,
        detail: `session ${port.sessionId}: router expects ${routerSession.nextTargetSeqNum}, venue sends next ${venueSession.nextSenderSeqNum}, ${onTheirWay} on their way`,
      };
    }
  }
  return { name: 'fix-sequences-accounted-for', ok: true };
}

export function checkInvariants(run: WorldRun, persists: ReadonlyMap<string, boolean>): InvariantResult[] {
  const pairs = run.orderEntry.failovers;
  const checks: InvariantResult[] = [positionReconciles(run), noFillAppliedTwice(run), bookNeverCrossed(run), fixSequencesAccountedFor(run, persists)];
  // Playbook 000's pair keeps its own ledger and loss records: every order through it accounted for.
  return pairs.length > 0 ? [...checks, failoverAccounting(pairs)] : checks;
}
