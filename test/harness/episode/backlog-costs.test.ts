// BCU and RWS (harness/episode/kpis.ts backlogCosts) on hand-built runs whose costs are worked out by hand.
import { describe, expect, it } from 'vitest';
import { backlogCosts, REPLAY_AFTERMATH_NS } from '../../../harness/episode/kpis.ts';
import type { WorldRun } from '../../../harness/episode/world.ts';

const S = 1_000_000_000;

/** A run of a 1,000-share buy decided at 10,000 ticks: fills (time s, order, qty, price) and its children. */
function run(fills: [number, number, number, number][], children: [string, number, 'normal' | 'catchup' | 'cleanup'][]): WorldRun {
  return {
    parentSide: 'buy',
    parentQtyShares: 1_000,
    decisionPriceTicks: 10_000,
    parentEndNs: 100 * S,
    endNs: 105 * S,
    truth: { fills: fills.map(([t, orderId, qtyShares, priceTicks]) => ({ atNs: t * S, orderId, ownerId: 1, qtyShares, priceTicks })) },
    router: { childLog: children.map(([clOrdId, t, purpose]) => ({ clOrdId, sentAtNs: t * S, purpose })) },
    orderEntry: { rootClOrdIdOf: (_owner: number, orderId: number) => `c${orderId}` },
  } as unknown as WorldRun;
}

describe('backlog costs', () => {
  // Control: 500 shares at 10,001 (1 bp) before the signal at 40 s, 500 at 10,002 (2 bp) at 60 s.
  const control = run([[20, 1, 500, 10_001], [60, 2, 500, 10_002]], [['c1', 19, 'normal'], ['c2', 59, 'normal']]);
  // Incident: the same first fill; after the signal, 200 normal at 10,002 and a 300-share catch-up at 10,005 (5 bp).
  const incident = run(
    [[20, 1, 500, 10_001], [55, 3, 200, 10_002], [57, 4, 300, 10_005]],
    [['c1', 19, 'normal'], ['c3', 50, 'normal'], ['c4', 56, 'catchup']],
  );

  it('prices the catch-up per share against what the control paid per share in the same window (BCU)', () => {
    // Catch-up fills cost 5 bp a share; the control's fills after the signal cost 2 bp a share.
    expect(backlogCosts(incident, control, 40 * S, 50 * S).BCU_BPS).toBeCloseTo(3, 10);
  });

  it('sums the IS of the window from the signal to 30 s after recovery, incident minus control (RWS)', () => {
    // Incident in [40 s, 80 s]: 200 x 2 + 300 x 5 = 1,900 tick-shares; control: 500 x 2 = 1,000; over 1,000 x 10,000 x 1e-4.
    const { RWS_BPS } = backlogCosts(incident, control, 40 * S, 50 * S);
    expect(50 * S + REPLAY_AFTERMATH_NS).toBe(80 * S);
    expect(RWS_BPS).toBeCloseTo(((1_900 - 1_000) / (1_000 * 10_000)) * 1e4, 10);
  });

  it('has no BCU without catch-up, and nothing at all without a signal', () => {
    const calm = run([[20, 1, 500, 10_001], [60, 2, 500, 10_002]], [['c1', 19, 'normal'], ['c2', 59, 'normal']]);
    expect(backlogCosts(calm, control, 40 * S, 50 * S)).toEqual({ BCU_BPS: null, RWS_BPS: 0 });
    expect(backlogCosts(incident, control, undefined, undefined)).toEqual({ BCU_BPS: null, RWS_BPS: null });
  });
});
