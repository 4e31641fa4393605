/**
 * Schedules one order-entry session's faults (seed 002, seed 004) on its simulated link and stores:
 * disconnects (connections refused for the duration), message loss windows, store loss.
 */
import type { Kernel } from '../../sim/index.ts';
import type { MessageStore } from '../../venues/fix/session/index.ts';
import type { SimulatedLink } from '../../venues/fix/sim/index.ts';
import type { ResolvedFault } from './resolve-faults.ts';

export interface FaultableSession {
  link: SimulatedLink;
  routerStore: MessageStore;
  venueStore: MessageStore;
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
    }
  }
}
