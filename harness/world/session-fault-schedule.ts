/**
 * Schedules one order-entry session's faults (seed 002, seed 004, issue 18) on its simulated link and
 * stores: disconnects (connections refused for the duration), message loss windows (plain, or by direction,
 * type and count), delay, duplicates, reordering, store loss, and on one side's session a slow replay
 * (replays paced for the duration), a resend storm (its open gaps re-requested on an interval), GapFills
 * over business messages, or a sequence jump. Windows of one kind on one side do not stack: each start
 * sets the rate or interval, each end clears it. Link side 0 is the router (initiator), 1 the venue.
 */
import type { Kernel, Ns } from '../../sim/index.ts';
import type { MessageStore } from '../../venues/fix/session/index.ts';
import type { LinkFault, LinkSide, SimSessionEndpoint, SimulatedLink } from '../../venues/fix/sim/index.ts';
import type { ResolvedFault } from './resolve-faults.ts';

/** The link sides a direction reaches: `to-venue` is side 1, `to-router` side 0. */
function sidesOf(direction: 'to-venue' | 'to-router' | 'both' | undefined): LinkSide[] {
  return direction === 'to-venue' ? [1] : direction === 'to-router' ? [0] : [0, 1];
}

/** The message types a fault is limited to, as a set; undefined (every type) when it names none. */
function msgTypeSet(msgTypes: readonly string[] | undefined): Set<string> | undefined {
  return msgTypes === undefined ? undefined : new Set(msgTypes);
}

/** Adds `fault` on the sides for [atNs, atNs + durationNs). */
function window(kernel: Kernel, link: SimulatedLink, sides: LinkSide[], atNs: Ns, durationNs: Ns, fault: LinkFault): void {
  kernel.schedule(atNs, () => {
    const removers = sides.map((side) => link.addFault(side, fault));
    kernel.schedule(atNs + durationNs, () => removers.forEach((remove) => remove()));
  });
}

export interface FaultableSession {
  link: SimulatedLink;
  routerStore: MessageStore;
  venueStore: MessageStore;
  routerEnd: SimSessionEndpoint;
  venueEnd: SimSessionEndpoint;
}

export function scheduleSessionFaults(kernel: Kernel, pair: FaultableSession, sessionId: string, faults: readonly ResolvedFault[]): void {
  for (const fault of faults) {
    if (!('session' in fault) || fault.session !== sessionId) continue;
    switch (fault.kind) {
      case 'session-disconnect':
        kernel.schedule(fault.atNs, () => {
          pair.link.refuseConnectionsUntil(fault.atNs + fault.duration);
          pair.link.disconnect();
        });
        break;
      case 'session-message-loss':
        if (fault.direction === undefined && fault.msgTypes === undefined && fault.maxMessages === undefined) {
          kernel.schedule(fault.atNs, () => (pair.link.lossProbability = fault.lossProbability));
          kernel.schedule(fault.atNs + fault.duration, () => (pair.link.lossProbability = 0));
        } else {
          // One budget of maxMessages per direction named; `both` with a budget counts each way on its own.
          const msgTypes = msgTypeSet(fault.msgTypes);
          window(kernel, pair.link, sidesOf(fault.direction), fault.atNs, fault.duration, { kind: 'loss', probability: fault.lossProbability, msgTypes, maxMessages: fault.maxMessages });
        }
        break;
      case 'session-delay':
        window(kernel, pair.link, sidesOf(fault.direction), fault.atNs, fault.duration, { kind: 'delay', extraNs: fault.extraLatency, jitterNs: fault.jitter });
        break;
      case 'session-duplicate': {
        const msgTypes = msgTypeSet(fault.msgTypes);
        window(kernel, pair.link, sidesOf(fault.direction), fault.atNs, fault.duration, { kind: 'duplicate', probability: fault.duplicateProbability, possDup: fault.possDup, msgTypes, maxMessages: fault.maxMessages });
        break;
      }
      case 'session-reorder': {
        const msgTypes = msgTypeSet(fault.msgTypes);
        window(kernel, pair.link, sidesOf(fault.direction), fault.atNs, fault.duration, { kind: 'reorder', msgTypes, maxMessages: fault.maxMessages });
        break;
      }
      case 'session-sequence-reset':
        kernel.schedule(fault.atNs, () => (fault.side === 'venue' ? pair.venueEnd : pair.routerEnd).jumpSequence(fault.jump));
        break;
      case 'session-gapfill-business': {
        const end = fault.side === 'venue' ? pair.venueEnd : pair.routerEnd;
        kernel.schedule(fault.atNs, () => end.gapFillBusiness(true));
        kernel.schedule(fault.atNs + fault.duration, () => end.gapFillBusiness(false));
        break;
      }
      case 'session-store-loss':
        kernel.schedule(fault.atNs, () => (fault.side === 'venue' ? pair.venueStore : pair.routerStore).reset());
        break;
      case 'session-slow-replay': {
        const end = fault.side === 'venue' ? pair.venueEnd : pair.routerEnd;
        kernel.schedule(fault.atNs, () => end.paceReplays(fault.rateMsgsPerSec));
        kernel.schedule(fault.atNs + fault.duration, () => end.paceReplays(undefined));
        break;
      }
      case 'session-resend-storm': {
        const end = fault.side === 'venue' ? pair.venueEnd : pair.routerEnd;
        kernel.schedule(fault.atNs, () => end.repeatResendRequests(fault.interval));
        kernel.schedule(fault.atNs + fault.duration, () => end.repeatResendRequests(undefined));
        break;
      }
    }
  }
}
