/**
 * Faults that one component can only take one at a time: the sequencer (a stall, crash, lagging-backup
 * takeover or handover must end before the next begins) and the drop copy's outages. Two such faults
 * whose windows could overlap for some seed (times drawn from `between` ranges count at their widest)
 * are bad input, reported on the later fault's `at` with one it collides with, rather than an
 * episode that fails halfway. One sort and one sweep per component: n log n in the number of faults
 * (20,000 faults used to take a quadratic pairwise scan).
 */
import type { FaultSpec } from './faults.ts';

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

export interface IndexedFault {
  fault: FaultSpec;
  /** Its place in the scenario's faults. */
  index: number;
}

/** One problem per fault that may begin while another of its component is in effect, by its index. */
export function faultOverlaps(faults: readonly IndexedFault[]): { index: number; message: string }[] {
  const byGroup = new Map<string, IndexedFault[]>();
  for (const entry of faults) {
    const group = exclusiveGroup(entry.fault);
    if (group === undefined) continue;
    const entries = byGroup.get(group);
    if (entries === undefined) byGroup.set(group, [entry]);
    else entries.push(entry);
  }
  const problems: { index: number; message: string }[] = [];
  for (const [group, entries] of byGroup) {
    // In order of the earliest start (ties in file order): each fault need only be checked against
    // the one, among those before it, whose outage can still be running the latest.
    entries.sort((a, b) => earliest(a.fault) - earliest(b.fault) || a.index - b.index);
    let reach: { end: number; entry: IndexedFault } | undefined;
    const reported = new Set<number>();
    for (const entry of entries) {
      // The boundary instant counts: a fault may not begin the instant the previous one could still end.
      if (reach !== undefined && earliest(entry.fault) <= reach.end) {
        const [earlier, later] = reach.entry.index < entry.index ? [reach.entry, entry] : [entry, reach.entry];
        if (!reported.has(later.index)) {
          reported.add(later.index);
          problems.push({ index: later.index, message: `may begin while faults[${earlier.index}] (${earlier.fault.kind}) is still in effect: ${group}` });
        }
      }
      const end = latest(entry.fault) + outageNs(entry.fault);
      if (reach === undefined || end > reach.end) reach = { end, entry };
    }
  }
  return problems.sort((a, b) => a.index - b.index);
}
