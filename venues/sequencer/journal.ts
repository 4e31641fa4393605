/**
 * The sequencer's journal: every inbound message in the order it was applied, with the time it was
 * applied and the sequenced outputs it produced. Replaying the inputs, at their recorded times,
 * into a fresh state machine rebuilds the same state: that is how a backup is brought up and how
 * the venue proves its book is reproducible.
 *
 * Leaves out: storage latency and replication traffic (a lagging backup is a fault parameter, not
 * a simulated link). Seed 001: "venue sequence number stream (live + recovery channel)".
 */
import { invariant, type Ns } from '../../sim/index.ts';
import type { OutputCollector, SequencedOutput, StateMachine } from './types.ts';

export interface JournalEntry<I, O> {
  readonly input: I;
  readonly appliedAtNs: Ns;
  /** Sequence number of the first output; an entry with no outputs holds the next free number. */
  readonly firstSeq: number;
  readonly outputs: readonly SequencedOutput<O>[];
}

export class Journal<I, O> {
  private readonly entryList: JournalEntry<I, O>[] = [];

  get length(): number {
    return this.entryList.length;
  }

  get entries(): readonly JournalEntry<I, O>[] {
    return this.entryList;
  }

  /** The sequence number the next output will carry. */
  get nextSeq(): number {
    const last = this.entryList[this.entryList.length - 1];
    return last === undefined ? 1 : last.firstSeq + last.outputs.length;
  }

  append(entry: JournalEntry<I, O>): void {
    invariant(entry.firstSeq === this.nextSeq, () => `journal entry starts at seq ${entry.firstSeq}, expected ${this.nextSeq}`);
    this.entryList.push(entry);
  }

  /** Removes and returns the last `count` entries (a backup whose journal lags never saw them). */
  truncateLast(count: number): JournalEntry<I, O>[] {
    invariant(count >= 0 && count <= this.entryList.length, () => `cannot truncate ${count} of ${this.entryList.length} entries`);
    return this.entryList.splice(this.entryList.length - count, count);
  }
}

const DISCARD: OutputCollector<unknown> = { emit: () => undefined };

/** A fresh state machine brought to the state after the journal's first `count` entries. */
export function replayJournal<I, O>(
  entries: readonly JournalEntry<I, O>[],
  createReplica: () => StateMachine<I, O>,
  count = entries.length,
): StateMachine<I, O> {
  const replica = createReplica();
  const out = DISCARD as OutputCollector<O>;
  for (let i = 0; i < count; i++) replica.apply(entries[i].input, entries[i].appliedAtNs, out);
  return replica;
}
