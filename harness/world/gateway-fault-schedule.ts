/**
 * Schedules the gateway pool's faults (seed 003): load spikes on other desks' flow, node crashes (with
 * a cold restart when the fault says so) and cold nodes joining the pool.
 */
import type { Kernel } from '../../sim/index.ts';
import type { GatewayPoolSide } from './gateway-pool-side.ts';
import type { ResolvedFault } from './resolve-faults.ts';

export function scheduleGatewayFaults(kernel: Kernel, side: GatewayPoolSide, faults: readonly ResolvedFault[]): void {
  for (const fault of faults) {
    switch (fault.kind) {
      case 'load-spike':
        kernel.schedule(fault.atNs, () => side.background.setRate(fault.ratePerSec));
        kernel.schedule(fault.atNs + fault.duration, () => side.background.setRate(side.spec.backgroundRatePerSec));
        break;
      case 'gateway-crash':
        kernel.schedule(fault.atNs, () => {
          const node = side.crashTarget(fault.node);
          if (node === undefined) return;
          node.crash();
          const restartAfter = fault.restartAfter;
          if (restartAfter !== undefined) kernel.scheduleAfter(restartAfter, () => {
            if (node.lifecycle === 'down' && side.pool.nodes.includes(node)) node.boot();
          });
        });
        break;
      case 'gateway-cold-start':
        kernel.schedule(fault.atNs, () => {
          for (let i = 0; i < fault.count; i++) side.pool.bootNode();
        });
        break;
      default:
        break;
    }
  }
}
