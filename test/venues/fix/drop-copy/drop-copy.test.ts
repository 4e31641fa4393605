// The drop copy (seed 000's dual-truth ingestion): the same execution reports as the entry session,
// same ExecIDs, later by its lag; its own outages, caught up or lost; and its link going down, caught
// up by FIX resend or lost to a GapFill depending on PersistMessages.
import { describe, expect, it } from 'vitest';
import { CatchUpAfterOutage, LoseDuringOutage, type OutageRecovery } from '../../../../venues/fix/drop-copy/index.ts';
import { LogNormalLatency } from '../../../../venues/gateway/latency-model.ts';
import { CONSTANT, LINK_LATENCY_NS, MS, S, buildWorld, type World, type WorldOptions } from '../counterparty/world.ts';

/** A busy little session: trades, a replace, a cancel, a reject, between 10 ms and 1 s. */
function tradingWorld(dropCopy: NonNullable<WorldOptions['dropCopy']>, faults: (world: World) => void = () => {}) {
  const world = buildWorld({ dropCopy });
  faults(world);
  world.at(2 * MS, () => world.makerLimit('sell', 10_000, 20));
  for (let i = 0; i < 10; i++) {
    const t = 10 * MS + i * 100 * MS;
    world.at(t, () => world.newOrder({ clOrdId: `B${i}`, side: 'buy', price: 100, qty: 2 }));
    world.at(t + 20 * MS, () => world.newOrder({ clOrdId: `P${i}`, side: 'buy', price: 99, qty: 3 }));
    world.at(t + 40 * MS, () => world.replace(`P${i}`, 'buy', 99.5, 4, `P${i}r`));
    world.at(t + 60 * MS, () => world.cancel(`P${i}r`, 'buy', `P${i}c`));
  }
  world.at(1005 * MS, () => world.newOrder({ clOrdId: 'BAD', side: 'buy', price: 100.001, qty: 1 }));
  world.run(3 * S);
  const entry = world.entry.app.reports.map((r) => ({ execId: r.body.execId, atNs: r.atNs }));
  const copies = world.drop.app.reports.map((r) => ({ execId: r.body.execId, atNs: r.atNs, possDup: r.possDup }));
  return { world, entry, copies };
}

describe('a drop copy lagging by 20 ms', () => {
  const { entry, copies } = tradingWorld({ lag: CONSTANT(20 * MS), recovery: new CatchUpAfterOutage() });

  it('carries every execution report of the entry session, same ExecIDs, same order', () => {
    expect(entry.length).toBeGreaterThan(50);
    expect(copies.map((c) => c.execId)).toEqual(entry.map((e) => e.execId));
  });

  it('delivers each copy exactly its lag after the entry report (both links 100 us)', () => {
    const lags = copies.map((c, i) => c.atNs - entry[i].atNs);
    expect(new Set(lags)).toEqual(new Set([20 * MS]));
  });
});

describe('a drop copy with a random lag', () => {
  it('never lets a copy overtake an earlier one', () => {
    const { entry, copies } = tradingWorld({ lag: new LogNormalLatency(5 * MS, 50 * MS), recovery: new CatchUpAfterOutage() });
    expect(copies.map((c) => c.execId)).toEqual(entry.map((e) => e.execId));
    const lags = copies.map((c, i) => c.atNs - entry[i].atNs);
    expect(Math.min(...lags)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...lags)).toBeGreaterThan(5 * MS);
  });
});

describe('a drop copy service outage from 200 to 700 ms', () => {
  const LAG = 10 * MS;
  const outages = [{ fromNs: 200 * MS, untilNs: 700 * MS }];
  // A copy falls due at production + lag; the entry report arrives at production + link latency.
  const dueInOutage = (entryAtNs: number) => {
    const dueNs = entryAtNs - LINK_LATENCY_NS + LAG;
    return dueNs >= 200 * MS && dueNs < 700 * MS;
  };

  it('catches up: nothing arrives during the window, then the missed copies in order, then live ones', () => {
    const recovery: OutageRecovery = new CatchUpAfterOutage();
    const { world, entry, copies } = tradingWorld({ lag: CONSTANT(LAG), outages, recovery });
    const missed = entry.filter((e) => dueInOutage(e.atNs)).map((e) => e.execId);
    expect(missed.length).toBeGreaterThan(10);
    expect(copies.map((c) => c.execId)).toEqual(entry.map((e) => e.execId));
    expect(copies.some((c) => c.atNs > 200 * MS + LINK_LATENCY_NS && c.atNs < 700 * MS)).toBe(false);
    const caughtUp = copies.filter((c) => c.atNs === 700 * MS + LINK_LATENCY_NS).map((c) => c.execId);
    expect(caughtUp).toEqual(missed);
    expect(world.dropCopy.stats).toMatchObject({ copiesMissed: missed.length, copiesCaughtUp: missed.length });
  });

  it('loses: the copies due in the window never arrive, and the receiver sees no sequence gap', () => {
    const recovery = new LoseDuringOutage();
    const { world, entry, copies } = tradingWorld({ lag: CONSTANT(LAG), outages, recovery });
    const missed = entry.filter((e) => dueInOutage(e.atNs)).map((e) => e.execId);
    expect(recovery.lostExecIds).toEqual(missed);
    expect(copies.map((c) => c.execId)).toEqual(entry.map((e) => e.execId).filter((id) => !missed.includes(id)));
    expect(world.drop.router.session.stats.gapsDetected).toBe(0);
  });
});

describe('the drop copy link down from 200 to 700 ms', () => {
  const cut = (world: World) =>
    world.at(200 * MS, () => {
      world.drop.link.refuseConnectionsUntil(700 * MS);
      world.drop.link.disconnect();
    });

  it('with PersistMessages=Y, catches up by resend: the missed copies arrive PossDup after the reconnect', () => {
    const { world, entry, copies } = tradingWorld({ lag: CONSTANT(0), persists: true, recovery: new CatchUpAfterOutage() }, cut);
    expect(world.drop.router.session.isLoggedOn).toBe(true);
    expect(copies.map((c) => c.execId)).toEqual(entry.map((e) => e.execId));
    const resent = copies.filter((c) => c.possDup);
    expect(resent.length).toBeGreaterThan(10);
    expect(Math.min(...resent.map((c) => c.atNs))).toBeGreaterThan(700 * MS);
    // EndSeqNo 0 also resends what went out live after the Logon; the receiver's session drops those.
    expect(world.drop.router.session.stats.gapsDetected).toBe(1);
    expect(world.drop.venue.session.stats.messagesResent).toBeGreaterThanOrEqual(resent.length);
  });

  it('with PersistMessages=N, the missed copies are gap-filled away and recorded lost at session level', () => {
    const { world, entry, copies } = tradingWorld({ lag: CONSTANT(0), persists: false, recovery: new CatchUpAfterOutage() }, cut);
    expect(world.drop.router.session.isLoggedOn).toBe(true);
    const delivered = new Set(copies.map((c) => c.execId));
    const missing = entry.filter((e) => !delivered.has(e.execId));
    expect(missing.length).toBeGreaterThan(10);
    expect(missing.every((e) => e.atNs > 200 * MS && e.atNs < 800 * MS)).toBe(true);
    expect(world.drop.venue.session.stats.applicationMessagesLost).toBe(missing.length);
    expect(copies.some((c) => c.possDup)).toBe(false);
  });
});
