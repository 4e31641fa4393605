// One failover episode used by several tests: five resting orders, one partly filled; three orders
// inside the primary when it dies (one on its FIX link, one in service, one on its inbound link); a
// fill in the book during the blind window; one order sent into the blind window.
import { NS_PER_MS, NS_PER_S, NS_PER_US } from '../../../../sim/index.ts';
import type { PrimaryFailureKind } from '../../../../venues/gateway/failover/failure-detector.ts';
import { buildWorld, type World, type WorldOptions } from './world.ts';

export const FAIL_AT_NS = 3 * NS_PER_S;

export interface Episode {
  world: World;
  /** Orders by role in the episode. */
  resting: string[];
  onFixLink: string;
  inService: string;
  inbound: string;
  blindWindow: string;
}

/** Something to look at (or do) at a time during the episode. */
export interface Probe {
  atNs: number;
  run(world: World): void;
}

export function runEpisode(kind: PrimaryFailureKind, options: WorldOptions = {}, horizonNs = FAIL_AT_NS + 120 * NS_PER_S, probes: readonly Probe[] = []): Episode {
  const world = buildWorld(options);
  const { kernel } = world;
  const at = (atNs: number, action: () => void) => kernel.schedule(atNs, action);
  const resting: string[] = [];
  at(1 * NS_PER_S, () => {
    for (let i = 0; i < 5; i++) resting.push(world.newOrder(100).clOrdId);
  });
  at(1.5 * NS_PER_S, () => world.hit(150));
  const episode = { world, resting, onFixLink: 'wire', inService: 'service', inbound: 'inbound', blindWindow: 'blind' };
  // Gateway path: inbound 50 µs, service 20 µs, then the FIX link (100 µs one way).
  at(FAIL_AT_NS - 100 * NS_PER_US, () => world.newOrder(100, episode.onFixLink));
  at(FAIL_AT_NS - 60 * NS_PER_US, () => world.newOrder(100, episode.inService));
  at(FAIL_AT_NS - 20 * NS_PER_US, () => world.newOrder(100, episode.inbound));
  at(FAIL_AT_NS, () => world.gateway.failPrimary(kind));
  at(FAIL_AT_NS + 500 * NS_PER_US, () => world.newOrder(100, episode.blindWindow));
  at(FAIL_AT_NS + 1 * NS_PER_MS, () => world.hit(100));
  for (const probe of probes) at(probe.atNs, () => probe.run(world));
  kernel.run({ until: horizonNs });
  return episode;
}
