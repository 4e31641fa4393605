/**
 * An optional event trace with a stable hash. Models record what happened as (time, label, values);
 * the recorder folds each record into a SHA-256 over a canonical text form, so the same run gives
 * the same hash on any machine, in any worker or shard. Numbers are written with their shortest
 * round-trip decimal form (ECMAScript's Number#toString), which is the same on every platform.
 *
 * Tracing costs a string build per record, so nothing is recorded unless a trace is asked for:
 * models hold `Trace | undefined` and test it before building a record.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Ns } from './time.ts';

export type TraceValue = number | string | boolean;

export interface TraceRecord {
  time: Ns;
  label: string;
  values: TraceValue[];
}

export class Trace {
  private readonly hash: Hash = createHash('sha256');
  private recordCount = 0;
  private readonly kept: TraceRecord[] | undefined;

  /** `keepRecords` keeps every record in memory (for explain and the report), not only the hash. */
  constructor(options: { keepRecords?: boolean } = {}) {
    this.kept = options.keepRecords ? [] : undefined;
  }

  record(time: Ns, label: string, ...values: TraceValue[]): void {
    this.hash.update(`${time}|${label}|${values.join('|')}\n`);
    this.recordCount++;
    this.kept?.push({ time, label, values });
  }

  get count(): number {
    return this.recordCount;
  }

  get records(): readonly TraceRecord[] {
    return this.kept ?? [];
  }

  /** The hash of everything recorded so far; recording may continue afterwards. */
  digest(): string {
    return this.hash.copy().digest('hex');
  }
}
