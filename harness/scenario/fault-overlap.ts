/**
 * Faults that one component can only take one at a time: the sequencer (a stall, crash, lagging-backup
 * takeover or handover must end before the next begins) and the drop copy's outages. Two such faults
 * whose windows could overlap for some seed (times drawn from `between` ranges count at their widest)
 * are bad input, reported on the later fault's `at` with the one it collides with, rather than an
 * episode that fails halfway.
 */
import type { FaultSpec } from './faults.ts';
import type { ScenarioIssue } from './load.ts';

const SEQUENCER_KINDS = new Set(['sequencer-stall', 'sequencer-crash', 'sequencer-lagging-backup', 'sequencer-graceful-failover']);

function exclusiveGroup(fault: FaultSpec): string | undefined {
  if (SEQUENCER_KINDS.has(fault.kind)) return 'the sequencer takes one fault at a time';
  if (fault.kind === 'drop-copy-down') return 'drop-copy outages must not overlap';
  return undefined;
}

/** How long the component stays in the fault, ns (as the venue and drop-copy models count it). */
function outageNs(fault: FaultSpec): number {
  switch (fault.kind) {
    case 'sequencer-stall':
    case 'drop-copy-down':
      return fault.duration;
    case 'sequencer-crash':
    case 'sequencer-lagging-backup':
      return fault.detectionDelay + fault.promotion;
    case 'sequencer-graceful-failover':
      return fault.handover;
    default:
      return 0;
  }
}

const earliest = (fault: FaultSpec) => (typeof fault.at === 'number' ? fault.at : fault.at.between[0]);
const latest = (fault: FaultSpec) => (typeof fault.at === 'number' ? fault.at : fault.at.between[1]);

export function faultOverlaps(file: string, faults: readonly FaultSpec[]): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  faults.forEach((later, j) => {
    const group = exclusiveGroup(later);
    if (group === undefined) return;
    for (let i = 0; i < j; i++) {
      const earlier = faults[i];
      if (exclusiveGroup(earlier) !== group) continue;
      const [a, b] = earliest(earlier) <= earliest(later) ? [earlier, later] : [later, earlier];
      // b may begin no later than a's outage can still be running (the boundary instant included).
      if (earliest(b) <= latest(a) + outageNs(a)) {
        issues.push({ file, path: `faults[${j}].at`, message: `may begin while faults[${i}] (${earlier.kind}) is still in effect: ${group}` });
        return;
      }
    }
  });
  return issues;
}
