// After a sequencer takeover the backup's book is the venue's truth: what the world measures from then on
// (state samples, the horizon's quotes that price the missed trade) must come from it, not from the book
// of the node that failed, which stops changing at the crash.
import { describe, expect, it } from 'vitest';
import { positionReconciles } from '../../../harness/episode/invariants.ts';
import { loadPolicy } from '../../../harness/episode/policy-loader.ts';
import { runWorld } from '../../../harness/episode/world.ts';
import { currentDecisionClock } from '../../../harness/router/decision-clock.ts';
import { loadScenarioFile } from '../../../harness/scenario/index.ts';
import { resolveParams } from '../../../policies/index.ts';

const FILE = 'scenarios/001-sequencer-failover-replay.yaml';

async function runs(seed: number) {
  const loaded = loadScenarioFile(FILE);
  if (!loaded.ok) throw new Error(`${FILE} must load`);
  const { scenario } = loaded;
  const policy = (await loadPolicy('naive')).definition;
  const params = resolveParams(policy, {});
  currentDecisionClock().startEpisode();
  const incident = runWorld(scenario, FILE, policy, params, seed, 'incident');
  const control = runWorld(scenario, FILE, policy, params, seed, 'control');
  return { incident, control };
}

describe('the world after a sequencer takeover', () => {
  it('samples the book of the node that took over, up to the end of the run', async () => {
    const { incident } = await runs(1);
    expect(incident.faults.map((f) => f.kind)).toContain('sequencer-lagging-backup');
    const book = incident.venueSide.venue.book;
    const last = incident.samples.at(-1)!;
    expect(last.atNs).toBe(incident.endNs);
    expect(last.bestBidTicks).toBe(book.bestBidTicks() ?? null);
    expect(last.bestAskTicks).toBe(book.bestAskTicks() ?? null);
    const ours = new Set<string>();
    book.forEachRestingOrder((orderId, ownerId) => {
      if (!incident.orderEntry.routerOwnerIds.includes(ownerId)) return;
      const root = incident.orderEntry.rootClOrdIdOf(ownerId, orderId);
      if (root !== undefined) ours.add(root);
    });
    expect(last.trueWorkingOrders).toBe(ours.size);
  });

  it('keeps the shared market after the takeover: the mid moves on as in the control run', async () => {
    // The crash falls mid-parent; the failed node's book would hold one mid from then to the end.
    const { incident, control } = await runs(1);
    const crashNs = incident.faults.find((f) => f.kind === 'sequencer-lagging-backup')!.atNs;
    const after = incident.samples.filter((s) => s.atNs > crashNs + 10_000_000_000);
    expect(new Set(after.map((s) => s.midTicks)).size).toBeGreaterThan(1);
    expect(incident.horizon.midTicks).toBe(control.horizon.midTicks);
  });

  it('busts the fills the failed primary published on entries the takeover lost, and says so', async () => {
    // Seed 1: the lagging backup lacks entries on which the primary had filled one of our children.
    const { incident } = await runs(1);
    const owners = new Set(incident.orderEntry.routerOwnerIds);
    let lostShares = 0;
    for (const entry of incident.venueSide.venue.sequencer.truth.lostEntries) {
      for (const output of entry.outputs) {
        const event = output.payload;
        if (event.type === 'fill' && (owners.has(event.makerOwnerId) || owners.has(event.takerOwnerId))) lostShares += event.qtyShares;
      }
    }
    expect(lostShares).toBeGreaterThan(0);
    expect(incident.truth.bustedFills.reduce((n, f) => n + f.qtyShares, 0)).toBe(lostShares);
    // The router was told of those fills and nothing told it otherwise; the venue no longer has them.
    expect(incident.router.book.filledQtyShares).toBe(incident.truth.filledShares + lostShares);
    const reconciled = positionReconciles(incident);
    expect(reconciled.ok).toBe(true);
    expect(reconciled.detail).toContain('sequencer takeover');
  });
});
