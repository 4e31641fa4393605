/**
 * The order server's accounting invariant (seed 004), as a checker separate from the model: in the end
 * every order the router sent is either known to the router (its belief matches the venue's truth:
 * working or not, and filled quantity) or recorded as orphaned with a reason; nothing is duplicated
 * (the venue never took one order twice, the router never counted a fill twice).
 *
 * Violations come back as values, one per problem, for the harness to report with its seed.
 */
import type { OrphanRegistry } from './orphan-registry.ts';

/** What the router believes about one order it sent. */
export interface RouterOrderBelief {
  readonly working: boolean;
  readonly cumQtyShares: number;
}

/** What the venue holds for one order id. */
export interface VenueOrderTruth {
  readonly working: boolean;
  readonly cumQtyShares: number;
  /** How many times the venue accepted a new order under this id. */
  readonly acceptedCount: number;
}

export type AuditProblem = 'lost' | 'duplicated-at-venue' | 'fill-counted-twice' | 'unknown-at-venue' | 'never-sent-but-believed';

export interface AuditViolation {
  readonly clOrdId: string;
  readonly problem: AuditProblem;
  readonly detail: string;
}

const ABSENT: VenueOrderTruth = { working: false, cumQtyShares: 0, acceptedCount: 0 };

export function auditOrderAccounting(
  sent: ReadonlySet<string>,
  router: ReadonlyMap<string, RouterOrderBelief>,
  venue: ReadonlyMap<string, VenueOrderTruth>,
  orphans: OrphanRegistry,
): AuditViolation[] {
  const violations: AuditViolation[] = [];
  for (const clOrdId of sent) {
    const belief = router.get(clOrdId) ?? { working: false, cumQtyShares: 0 };
    const truth = venue.get(clOrdId) ?? ABSENT;
    if (truth.acceptedCount > 1) violations.push({ clOrdId, problem: 'duplicated-at-venue', detail: `venue accepted it ${truth.acceptedCount} times` });
    if (belief.cumQtyShares > truth.cumQtyShares) {
      violations.push({ clOrdId, problem: 'fill-counted-twice', detail: `router has ${belief.cumQtyShares} filled, venue ${truth.cumQtyShares}` });
    }
    const known = belief.working === truth.working && belief.cumQtyShares === truth.cumQtyShares;
    if (!known && !orphans.has(clOrdId)) {
      violations.push({
        clOrdId,
        problem: 'lost',
        detail: `router: ${belief.working ? 'working' : 'done'} ${belief.cumQtyShares}; venue: ${truth.working ? 'working' : 'done'} ${truth.cumQtyShares}; no orphan record`,
      });
    }
  }
  for (const clOrdId of venue.keys()) if (!sent.has(clOrdId)) violations.push({ clOrdId, problem: 'unknown-at-venue', detail: 'the venue holds an order the router never sent' });
  for (const clOrdId of router.keys()) if (!sent.has(clOrdId)) violations.push({ clOrdId, problem: 'never-sent-but-believed', detail: 'the router believes in an order it never sent' });
  return violations;
}
