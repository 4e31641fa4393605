/**
 * Sequencer faults, each a value with its time, applied by the sequencer at that time. Seed 001:
 * "primary sequencer fails over or stalls"; the lagging backup follows Nasdaq's 2012-05-18 failover
 * to a secondary whose state was minutes old.
 *
 * Kinds and what each does (all times integer ns):
 * - `PrimaryStall(atNs, durationNs)`: the active node freezes, then resumes at its normal service
 *   rate. No failover; nobody is told.
 * - `PrimaryCrash(atNs, detectionDelayNs, promotionNs)`: the active node dies; the failure is
 *   detected `detectionDelayNs` later (a transition begins: inbound is queued or refused); the backup
 *   takes over `promotionNs` after detection, with a journal identical to the primary's.
 * - `LaggingBackupTakeover(atNs, detectionDelayNs, promotionNs, lagEntries, resolution)`: as a crash,
 *   but the backup's journal lacks the last `lagEntries` inbound messages. `resolution` decides
 *   their fate: `LaggedEntriesLost` (the venue's truth rewinds: their outputs, already published by
 *   the old primary, are forgotten: trades among them are busted; a new epoch starts and sequence
 *   numbers are reused) or
 *   `LaggedEntriesRederived` (the inputs survive in the front end's durable input log; the backup
 *   re-applies them first, at the replay rate, reproducing the same outputs with the same sequence
 *   numbers, which are not published again).
 * - `GracefulFailover(atNs, handoverNs)`: announced; the primary finishes the message in service and
 *   hands over a complete journal; the backup takes over `handoverNs` later.
 * After every takeover the queued backlog drains at the replay rate; the failed node rejoins as the
 * backup, fully resynchronised, at the takeover (repair time is not modelled).
 *
 * Leaves out: faults of the backup itself, split brain (both nodes sequencing), and faults that
 * begin while another fault's outage is still in progress (`validateFaultSchedule` refuses them).
 */
import { invariant, type Ns } from '../../sim/index.ts';
import type { JournalEntry } from './journal.ts';

/** What a fault may do to a sequencer; the sequencer implements it. */
export interface FailoverControl<I, O> {
  beginStall(durationNs: Ns): void;
  beginCrash(plan: TakeoverPlan): void;
  beginGracefulHandover(handoverNs: Ns): void;
  /** Lagged entries disappear from the venue's truth; a new epoch starts at the first lost number. */
  discardLagged(entries: readonly JournalEntry<I, O>[]): void;
  /** Lagged entries are re-applied by the new primary before anything else. */
  rederiveLagged(entries: readonly JournalEntry<I, O>[]): void;
}

export interface TakeoverPlan {
  readonly detectionDelayNs: Ns;
  readonly promotionNs: Ns;
  readonly lagEntries: number;
  readonly resolution: LaggedEntryResolution;
}

export interface LaggedEntryResolution {
  readonly name: string;
  resolve<I, O>(lagged: readonly JournalEntry<I, O>[], control: FailoverControl<I, O>): void;
}

export const LaggedEntriesLost: LaggedEntryResolution = {
  name: 'lost',
  resolve: (lagged, control) => control.discardLagged(lagged),
};

export const LaggedEntriesRederived: LaggedEntryResolution = {
  name: 'rederived',
  resolve: (lagged, control) => control.rederiveLagged(lagged),
};

export interface SequencerFault {
  readonly name: string;
  readonly atNs: Ns;
  /** When a node sequences new input again (for a stall, its end; otherwise the takeover). */
  readonly outageEndNs: Ns;
  begin<I, O>(control: FailoverControl<I, O>): void;
}

function requireDuration(value: Ns, what: string): void {
  invariant(Number.isInteger(value) && value >= 0, () => `${what} must be a non-negative integer of ns, got ${value}`);
}

export class PrimaryStall implements SequencerFault {
  readonly name = 'primary-stall';
  constructor(readonly atNs: Ns, readonly durationNs: Ns) {
    requireDuration(atNs, 'stall time');
    requireDuration(durationNs, 'stall duration');
  }
  get outageEndNs(): Ns {
    return this.atNs + this.durationNs;
  }
  begin<I, O>(control: FailoverControl<I, O>): void {
    control.beginStall(this.durationNs);
  }
}

export class PrimaryCrash implements SequencerFault {
  readonly name: string = 'primary-crash';
  constructor(readonly atNs: Ns, readonly detectionDelayNs: Ns, readonly promotionNs: Ns) {
    requireDuration(atNs, 'crash time');
    requireDuration(detectionDelayNs, 'detection delay');
    requireDuration(promotionNs, 'promotion time');
  }
  get outageEndNs(): Ns {
    return this.atNs + this.detectionDelayNs + this.promotionNs;
  }
  protected plan(): TakeoverPlan {
    return { detectionDelayNs: this.detectionDelayNs, promotionNs: this.promotionNs, lagEntries: 0, resolution: LaggedEntriesLost };
  }
  begin<I, O>(control: FailoverControl<I, O>): void {
    control.beginCrash(this.plan());
  }
}

export class LaggingBackupTakeover extends PrimaryCrash {
  override readonly name = 'lagging-backup-takeover';
  constructor(
    atNs: Ns,
    detectionDelayNs: Ns,
    promotionNs: Ns,
    readonly lagEntries: number,
    readonly resolution: LaggedEntryResolution,
  ) {
    super(atNs, detectionDelayNs, promotionNs);
    invariant(Number.isInteger(lagEntries) && lagEntries >= 0, () => `lagEntries must be an integer >= 0, got ${lagEntries}`);
  }
  protected override plan(): TakeoverPlan {
    return { ...super.plan(), lagEntries: this.lagEntries, resolution: this.resolution };
  }
}

export class GracefulFailover implements SequencerFault {
  readonly name = 'graceful-failover';
  constructor(readonly atNs: Ns, readonly handoverNs: Ns) {
    requireDuration(atNs, 'failover time');
    requireDuration(handoverNs, 'handover time');
  }
  get outageEndNs(): Ns {
    return this.atNs + this.handoverNs;
  }
  begin<I, O>(control: FailoverControl<I, O>): void {
    control.beginGracefulHandover(this.handoverNs);
  }
}

/** The schedule sorted by time; throws if a fault begins before the previous outage has ended. */
export function validateFaultSchedule(faults: readonly SequencerFault[]): SequencerFault[] {
  const sorted = [...faults].sort((a, b) => a.atNs - b.atNs);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    invariant(
      sorted[i].atNs > previous.outageEndNs,
      () => `fault ${i} (${sorted[i].name} at ${sorted[i].atNs} ns) begins before ${previous.name}'s outage ends at ${previous.outageEndNs} ns`,
    );
  }
  return sorted;
}
