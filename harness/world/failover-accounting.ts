/**
 * The failover pair's accounting invariant as an episode checker (seed 000: no order lost or
 * duplicated across a failover; venues/gateway/failover/failover-audit.ts): at the end of the run
 * every order the router sent through a pair is known to the pair's router-side ledger as the venue
 * holds it, or recorded lost with a reason, and no fill is counted twice. A violation is data.
 */
import { auditFailoverAccounting } from '../../venues/gateway/index.ts';
import type { FailoverSide } from './failover-side.ts';

export interface FailoverAccountingResult {
  readonly name: 'failover-accounting';
  readonly ok: boolean;
  readonly detail?: string;
}

export function failoverAccounting(pairs: readonly FailoverSide[]): FailoverAccountingResult {
  for (const side of pairs) {
    const ledger = side.gateway.ledger;
    const violations = auditFailoverAccounting(ledger.sentOrderIds(), ledger.beliefs(), side.venueTruth(), side.gateway.losses);
    if (violations.length > 0) {
      const first = violations[0];
      return { name: 'failover-accounting', ok: false, detail: `session ${side.port.sessionId}: ${violations.length} violation(s), first ${first.clOrdId} ${first.problem} (${first.detail})` };
    }
  }
  return { name: 'failover-accounting', ok: true };
}
