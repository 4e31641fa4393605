// Failover figures in the default configuration of world.ts (run: npx tsx test/venues/gateway/failover/failover-figures.ts):
// for each takeover design and failure kind, over failure instants spread across one controller
// heartbeat interval, the mean and max of failure -> detection, detection -> backup logon (transport),
// logon -> live set reconciled (state), and the orders uncertain / replayed.
import { NS_PER_MS, NS_PER_S } from '../../../../sim/index.ts';
import type { PrimaryFailureKind } from '../../../../venues/gateway/failover/failure-detector.ts';
import { buildWorld, CONTROLLER_HEARTBEAT_NS } from './world.ts';

const PHASES = 20;
const ms = (ns: number) => (ns / NS_PER_MS).toFixed(3);

function one(design: 'shared-store' | 'own-session', kind: PrimaryFailureKind, failAtNs: number) {
  const world = buildWorld({ design });
  const { kernel, gateway } = world;
  kernel.schedule(1 * NS_PER_S, () => {
    for (let i = 0; i < 5; i++) world.newOrder(100);
  });
  kernel.schedule(1.5 * NS_PER_S, () => world.hit(150));
  kernel.schedule(failAtNs - 100_000, () => world.newOrder(100));
  kernel.schedule(failAtNs, () => gateway.failPrimary(kind));
  kernel.schedule(failAtNs + 1 * NS_PER_MS, () => world.hit(100));
  kernel.run({ until: failAtNs + 150 * NS_PER_S });
  const t = gateway.timeline;
  return {
    detect: (t.detectedAtNs as number) - failAtNs,
    transport: (t.backupLoggedOnAtNs as number) - (t.detectedAtNs as number),
    state: (t.liveSetReconciledAtNs as number) - (t.backupLoggedOnAtNs as number),
    uncertain: t.uncertainAtDetection,
    possDup: t.possDupReceived,
  };
}

console.log('design        kind           failure->detect ms (mean/max)   detect->logon ms (mean/max)   logon->reconciled ms (mean/max)   uncertain  PossDup');
for (const design of ['shared-store', 'own-session'] as const) {
  for (const kind of ['process-crash', 'host-loss'] as const) {
    const runs = Array.from({ length: PHASES }, (_, i) => one(design, kind, 3 * NS_PER_S + Math.round((i * CONTROLLER_HEARTBEAT_NS) / PHASES) + 7));
    const stat = (key: 'detect' | 'transport' | 'state') => {
      const values = runs.map((run) => run[key]);
      return `${ms(values.reduce((a, b) => a + b, 0) / values.length)} / ${ms(Math.max(...values))}`;
    };
    console.log(`${design.padEnd(13)} ${kind.padEnd(14)} ${stat('detect').padEnd(31)} ${stat('transport').padEnd(29)} ${stat('state').padEnd(33)} ${String(runs[0].uncertain).padEnd(10)} ${runs[0].possDup}`);
  }
}
