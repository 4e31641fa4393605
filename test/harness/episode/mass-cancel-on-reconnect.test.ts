// cancel-all-on-reconnect in a whole episode: at the reconnect after a session disconnect it cancels with
// one OrderMassCancelRequest, which reaches children the router cannot see. The scenario's slow entry link
// and non-persistent venue store leave a child with a request in flight at the drop `unknown` at the
// reconnect (its New report, lost with the link, is gap-filled away on the resend), while it may still
// rest at the venue: order-by-order cancels skip it, the mass cancel does not.
import { describe, expect, it } from 'vitest';
import { runWorld } from '../../../harness/episode/world.ts';
import { loadScenarioFile } from '../../../harness/scenario/index.ts';
import { cancelAllOnReconnect } from '../../../policies/cancel-all-on-reconnect.ts';
import { resolveParams, type PolicyDefinition } from '../../../policies/index.ts';

const FILE = 'test/fixtures/scenarios/tiny-gap-slow-link.yaml';
const SEEDS = [1, 2, 3, 4, 5, 6];

/** cancel-all-on-reconnect, noting which children it believed `unknown` when it decided to mass cancel. */
function watched(unknownAtMassCancel: Set<string>): PolicyDefinition {
  return {
    ...cancelAllOnReconnect,
    create(params) {
      const inner = cancelAllOnReconnect.create(params);
      return {
        ...inner,
        decide(o) {
          const decision = inner.decide(o);
          if (decision.massCancel === true) for (const child of o.belief.children) if (child.state === 'unknown') unknownAtMassCancel.add(child.clOrdId);
          return decision;
        },
      };
    },
  };
}

describe('cancel-all-on-reconnect mass cancels at the reconnect', () => {
  const loaded = loadScenarioFile(FILE);
  if (!loaded.ok) throw new Error(`${FILE} must load`);
  const runs = SEEDS.map((seed) => {
    const unknown = new Set<string>();
    const world = runWorld(loaded.scenario, FILE, watched(unknown), resolveParams(cancelAllOnReconnect), seed, 'incident');
    // Venue truth: the router's orders the mass cancel cancelled, by the ClOrdID the router first sent.
    const massCancelled: string[] = [];
    for (const entry of world.venueSide.venue.sequencer.journal.entries) {
      for (const output of entry.outputs) {
        const event = output.payload;
        if (event.type === 'cancelled' && event.reason === 'mass-cancel') massCancelled.push(world.orderEntry.rootClOrdIdOf(event.ownerId, event.orderId) ?? '?');
      }
    }
    return { seed, world, unknown, massCancelled, hits: massCancelled.filter((id) => unknown.has(id)) };
  });

  it('sends one mass cancel at the reconnect, answered with the number of orders the venue cancelled', () => {
    for (const { world, massCancelled } of runs) {
      expect(world.router.book.massCancelReports).toHaveLength(1);
      const [report] = world.router.book.massCancelReports;
      expect(report).toMatchObject({ accepted: true, totalAffectedOrders: massCancelled.length });
    }
  });

  it('cancels a child the router believed unknown, which the router then learns from its Canceled report', () => {
    const hits = runs.flatMap((run) => run.hits.map((clOrdId) => ({ ...run, clOrdId })));
    expect(hits.length, `seeds ${SEEDS.join(',')}: no unknown child was resting at the reconnect`).toBeGreaterThan(0);
    for (const { world, clOrdId } of hits) {
      expect(world.router.cancelsSent.some((c) => c.clOrdId === clOrdId && c.reason === 'policy')).toBe(true);
      expect(world.router.book.liveChildren().some((c) => c.clOrdId === clOrdId)).toBe(false);
    }
  });
});
