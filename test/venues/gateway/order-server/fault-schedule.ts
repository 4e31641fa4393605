/**
 * Seed 004's fault schedules for the order server's accounting properties: random sequences of router
 * orders and cancels, fills, crashes, restarts, disk losses and exchange link faults, driven the same
 * way against the fake venue and against the real book. A world says how a fill happens and how its
 * exchange link drops or becomes unreachable; the rest of the schedule is shared.
 */
import fc from 'fast-check';
import { NS_PER_MS, NS_PER_S, type Kernel } from '../../../../sim/index.ts';
import type { OrderServer } from '../../../../venues/gateway/order-server/order-server.ts';
import type { PhoneDesk } from '../../../../venues/gateway/order-server/phone-desk.ts';
import type { TestRouter } from './test-router.ts';

export type FaultStep =
  | { kind: 'wait'; ms: number }
  | { kind: 'new'; qty: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'fill'; pick: number; qty: number }
  | { kind: 'crash' }
  | { kind: 'restart' }
  | { kind: 'disk-loss' }
  | { kind: 'link-drop' }
  | { kind: 'unreachable'; ms: number };

export const faultStep: fc.Arbitrary<FaultStep> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3000 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('new' as const), qty: fc.integer({ min: 1, max: 500 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('fill' as const), pick: fc.nat(), qty: fc.integer({ min: 1, max: 500 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'crash' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'disk-loss' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'link-drop' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unreachable' as const), ms: fc.integer({ min: 1, max: 5000 }) }) },
);

export interface ScheduleWorld {
  kernel: Kernel;
  router: TestRouter;
  server: OrderServer;
  desk: PhoneDesk;
  session: number;
  /** A fill of `qty` against the router's working order picked by `pick` (or however the world trades). */
  fill(pick: number, qty: number): void;
  dropLink(): void;
  setReachable(reachable: boolean): void;
}

/** Drives the steps, then ends the incident: venue reachable, server (re)started, people have called. */
export function driveFaultSchedule(world: ScheduleWorld, steps: readonly FaultStep[]): void {
  const { kernel, router, server, desk } = world;
  let next = 0;
  for (const s of steps) {
    if (s.kind === 'wait') kernel.run({ until: kernel.now + s.ms * NS_PER_MS });
    else if (s.kind === 'new' && router.canTrade) router.newOrder(`o${next++}`, s.qty, world.session);
    else if (s.kind === 'cancel' && router.canTrade) {
      const working = router.workingIds();
      if (working.length > 0) router.cancel(working[s.pick % working.length]);
    } else if (s.kind === 'fill') world.fill(s.pick, s.qty);
    else if (s.kind === 'crash') server.crash();
    else if (s.kind === 'restart' && server.status().process === 'down') server.start();
    else if (s.kind === 'disk-loss' && server.status().process !== 'down') {
      server.loseDisk();
      desk.callExchangeLater(server);
    } else if (s.kind === 'link-drop') world.dropLink();
    else if (s.kind === 'unreachable') {
      world.setReachable(false);
      kernel.scheduleAfter(s.ms * NS_PER_MS, () => world.setReachable(true));
    }
  }
  world.setReachable(true);
  kernel.run({ until: kernel.now + 6 * NS_PER_S });
  if (server.status().process === 'down') server.start();
  kernel.run({ until: kernel.now + 120 * NS_PER_S });
}
