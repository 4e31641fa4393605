/**
 * The failover's accounting invariant (seed 000; issue "no order is lost or duplicated across any
 * failover"), as a checker separate from the model. In the end every order the router sent through
 * the pair is either
 * - known to the router: its belief matches the venue's truth (working or not, filled quantity), or
 * - recorded with a reason: lost inside the dead primary or in the blind window (then the venue must
 *   never have received it), a report lost on the way back, or still unresolved when state recovery
 *   gave up;
 * and nothing is counted twice (the router never believes more filled than the venue filled). An
 * order the venue holds that the router never sent is a violation too.
 *
 * Violations come back as values, one per problem, for the harness to report with its seed.
 */
import type { FailoverLossRecord } from './failover-events.ts';
import type { OrderBelief } from './router-side-ledger.ts';

/** What the venue holds for one order, by the ClOrdID the router first sent it with. */
export interface VenueOrderFact {
  readonly working: boolean;
  readonly cumQtyShares: number;
}

export type FailoverAuditProblem = 'missing-silently' | 'fill-counted-twice' | 'recorded-lost-but-at-venue' | 'unknown-at-venue';

export interface FailoverAuditViolation {
  readonly clOrdId: string;
  readonly problem: FailoverAuditProblem;
  readonly detail: string;
}

const ABSENT: VenueOrderFact = { working: false, cumQtyShares: 0 };
const NEVER_REACHED_VENUE = new Set(['inside-primary', 'sent-to-dead-primary']);

export function auditFailoverAccounting(
  sent: readonly string[],
  beliefs: ReadonlyMap<string, OrderBelief>,
  venue: ReadonlyMap<string, VenueOrderFact>,
  losses: readonly FailoverLossRecord[],
): FailoverAuditViolation[] {
  const violations: FailoverAuditViolation[] = [];
  const recorded = new Map<string, FailoverLossRecord[]>();
  for (const loss of losses) recorded.set(loss.clOrdId, [...(recorded.get(loss.clOrdId) ?? []), loss]);
  const sentSet = new Set(sent);
  for (const clOrdId of sent) {
    const belief = beliefs.get(clOrdId) ?? { working: false, cumQtyShares: 0 };
    const truth = venue.get(clOrdId);
    const fact = truth ?? ABSENT;
    const records = recorded.get(clOrdId) ?? [];
    if (belief.cumQtyShares > fact.cumQtyShares) {
      violations.push({ clOrdId, problem: 'fill-counted-twice', detail: `router has ${belief.cumQtyShares} filled, venue ${fact.cumQtyShares}` });
    }
    const newOrderLost = records.some((r) => r.msgType === 'D' && NEVER_REACHED_VENUE.has(r.reason));
    if (newOrderLost && truth !== undefined) {
      violations.push({ clOrdId, problem: 'recorded-lost-but-at-venue', detail: `recorded ${records.map((r) => r.reason).join(', ')}; the venue has it` });
    }
    const known = belief.working === fact.working && belief.cumQtyShares === fact.cumQtyShares;
    if (!known && records.length === 0) {
      const describe = (o: VenueOrderFact) => `${o.working ? 'working' : 'done'} ${o.cumQtyShares}`;
      violations.push({ clOrdId, problem: 'missing-silently', detail: `router: ${describe(belief)}; venue: ${truth === undefined ? 'never received' : describe(fact)}; no record` });
    }
  }
  for (const clOrdId of venue.keys()) if (!sentSet.has(clOrdId)) violations.push({ clOrdId, problem: 'unknown-at-venue', detail: 'the venue holds an order the router never sent' });
  return violations;
}
