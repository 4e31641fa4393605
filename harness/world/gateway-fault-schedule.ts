/**
 * Schedules the gateways' faults: the failover pair's (seed 000: the primary dies), the pool's (seed 003: load spikes on other desks' flow, node crashes
 * with a cold restart when the fault says so, cold nodes joining) and the order server's (seed 004:
 * a process crash, a disk loss).
 */
import type { Kernel } from '../../sim/index.ts';
import type { FailoverSide } from './failover-side.ts';
import type { GatewayPoolSide } from './gateway-pool-side.ts';
import type { OrderServerSide } from './order-server-side.ts';
import type { ResolvedFault } from './resolve-faults.ts';

export function scheduleFailoverFaults(kernel: Kernel, side: FailoverSide, faults: readonly ResolvedFault[]): void {
  for (const fault of faults) {
    if (fault.kind === 'gateway-failover') {
      kernel.schedule(fault.atNs, () => side.failPrimary(fault.failure));
      if (fault.duration !== undefined) kernel.schedule(fault.atNs + fault.duration, () => side.restartPrimary());
    }
  }
}

export function scheduleOrderServerFaults(kernel: Kernel, side: OrderServerSide, faults: readonly ResolvedFault[]): void {
  for (const fault of faults) {
    if (fault.kind === 'order-server-crash') kernel.schedule(fault.atNs, () => side.crash(fault.restartAfter));
    else if (fault.kind === 'order-server-disk-loss') kernel.schedule(fault.atNs, () => side.loseDisk(fault.restartAfter));
  }
}

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
