// State recovery after the backup is up (seed 000, design b): status requests resolve every uncertain
// order; without them only fresh evidence does, and the drop copy shows what happened, never that
// nothing did: quiet orders stay uncertain until the pair gives up and records them.
import { describe, expect, it } from 'vitest';
import { NS_PER_MS, NS_PER_S } from '../../../../sim/index.ts';
import { auditFailoverAccounting } from '../../../../venues/gateway/failover/failover-audit.ts';
import { AwaitEvidenceRecovery } from '../../../../venues/gateway/failover/state-recovery.ts';
import { buildWorld, RECOVERY_DEADLINE_NS } from './world.ts';

const FAIL_AT_NS = 3 * NS_PER_S;

/** Four resting orders; the primary crashes; the book fills two of them 50 ms later, before the backup is up. */
function episode(dropCopy: boolean, statusRequests: boolean) {
  const world = buildWorld({ design: 'own-session', dropCopy, config: statusRequests ? {} : { recovery: new AwaitEvidenceRecovery() } });
  const { kernel } = world;
  kernel.schedule(1 * NS_PER_S, () => {
    for (let i = 1; i <= 4; i++) world.newOrder(100, `o${i}`);
  });
  kernel.schedule(FAIL_AT_NS, () => world.gateway.failPrimary('process-crash'));
  kernel.schedule(FAIL_AT_NS + 50 * NS_PER_MS, () => world.hit(150));
  kernel.run({ until: FAIL_AT_NS + 60 * NS_PER_S });
  const audit = auditFailoverAccounting(world.gateway.ledger.sentOrderIds(), world.gateway.ledger.beliefs(), world.truth(), world.gateway.losses);
  return { world, audit };
}

describe('state recovery', () => {
  it('with status requests the live set is reconciled right after the logon, the fills stranded on the primary session included', () => {
    const { world, audit } = episode(false, true);
    const t = world.gateway.timeline;
    expect(t.statusRequestsSent).toBe(4);
    expect(t.liveSetReconciledAtNs).toBeDefined();
    expect(world.gateway.ledger.order('o1')).toMatchObject({ status: 'done', cumQtyShares: 100 });
    expect(world.gateway.ledger.order('o2')).toMatchObject({ status: 'working', cumQtyShares: 50 });
    expect(audit).toEqual([]);
  });

  it('waiting for evidence without a drop copy: the transport is back, the state never is; all four are given up as unresolved', () => {
    const { world, audit } = episode(false, false);
    const t = world.gateway.timeline;
    expect(t.backupLoggedOnAtNs).toBeDefined();
    expect(t.liveSetReconciledAtNs).toBeUndefined();
    expect(world.router.events.at(-1)).toEqual({ type: 'live-set-unresolved', atNs: t.backupLoggedOnAtNs! + RECOVERY_DEADLINE_NS, clOrdIds: ['o1', 'o2', 'o3', 'o4'] });
    expect(world.gateway.view()).toMatchObject({ phase: 'unresolved', uncertainOrders: 4 });
    // The router still believes o1 working and unfilled; the record is what keeps that from being silent.
    expect(world.gateway.ledger.order('o1')).toMatchObject({ status: 'working', cumQtyShares: 0 });
    expect(world.truth().get('o1')).toEqual({ working: false, cumQtyShares: 100 });
    expect(world.gateway.losses.map((loss) => [loss.clOrdId, loss.reason])).toEqual([
      ['o1', 'unresolved'],
      ['o2', 'unresolved'],
      ['o3', 'unresolved'],
      ['o4', 'unresolved'],
    ]);
    expect(audit).toEqual([]);
  });

  it('the drop copy resolves the two orders that traded after the failure; the two quiet ones stay unresolved', () => {
    const { world, audit } = episode(true, false);
    expect(world.router.dropCopy.length).toBeGreaterThan(0);
    expect(world.gateway.ledger.order('o1')).toMatchObject({ status: 'done', cumQtyShares: 100, uncertain: false });
    expect(world.gateway.ledger.order('o2')).toMatchObject({ status: 'working', cumQtyShares: 50, uncertain: false });
    expect(world.gateway.timeline.liveSetReconciledAtNs).toBeUndefined();
    expect(world.gateway.losses.map((loss) => [loss.clOrdId, loss.reason])).toEqual([
      ['o3', 'unresolved'],
      ['o4', 'unresolved'],
    ]);
    expect(audit).toEqual([]);
  });
});
