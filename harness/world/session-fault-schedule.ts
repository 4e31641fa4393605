/**
 * Schedules one order-entry session's faults (seed 002, seed 004) on its simulated link and stores:
 * disconnects (connections refused for the duration), message loss windows, store loss, and on one side's
 * session a slow replay (replays paced for the duration) or a resend storm (its open gaps re-requested on
 * an interval for the duration). Windows of one kind on one side do not stack: each start sets the
 * rate or interval, each end clears it.
 */
import type { Kernel } from '../../sim/index.ts';
import type { MessageStore } from '../../venues/fix/session/index.ts';
import type { SimSessionEndpoint, SimulatedLink } from '../../venues/fix/sim/index.ts';
import type { ResolvedFault } from './resolve-faults.ts';

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
        kernel.schedule(fault.atNs, () => (pair.link.lossProbability = fault.lossProbability));
        kernel.schedule(fault.atNs + fault.duration, () => (pair.link.lossProbability = 0));
        break;
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
