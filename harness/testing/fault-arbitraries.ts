/**
 * fast-check arbitraries for the fault catalogue (harness/scenario/faults/*.ts), one per fault kind,
 * so a user's property test draws incidents from the same catalogue a scenario file names. Each
 * arbitrary yields the fault as a scenario file writes it (durations as `<n>ms` text, a fixed `at`),
 * so a shrunk schedule prints as YAML that `execdrill validate` accepts. Shrinking moves a fault
 * towards the start of the fault window, shorter durations and milder parameters.
 *
 * Left out on purpose: `probability` and `{ between: [...] }` timing. A generated incident is one
 * fixed incident per case; fast-check's own cases play the part a swarm of seeds plays in a sweep.
 *
 * Adding a kind to the catalogue: add its entry to FAULT_ARBITRARIES. A kind without one is listed by
 * `uncoveredFaultKinds()` and is simply never generated.
 */
import fc from 'fast-check';
import { FAULT_KINDS, fault, type FaultKind, type ScenarioInput } from '../scenario/index.ts';
import { faultOverlaps } from '../scenario/fault-overlap.ts';

export type FaultInput = NonNullable<ScenarioInput['faults']>[number];
export type FaultInputOf<K extends FaultKind> = Extract<FaultInput, { kind: K }>;

/** What the generated scenario offers the faults: the sessions they may name, and where they may fall. */
export interface IncidentShape {
  sessionIds: readonly string[];
  /** Whether the scenario has a drop copy, a gateway pool, an order server, a failover pair (their faults need one). */
  dropCopy: boolean;
  pool: boolean;
  orderServer: boolean;
  failoverPair: boolean;
  /** Fault times are drawn in [faultWindowStartMs, faultWindowEndMs]. */
  faultWindowStartMs: number;
  faultWindowEndMs: number;
}

/** A kind's arbitrary for a shape, or null when the shape cannot host that kind (no drop copy, say). */
export type FaultArbitraryFactory<K extends FaultKind> = (shape: IncidentShape) => fc.Arbitrary<FaultInputOf<K>> | null;

const ms = (value: number) => `${value}ms`;
const millis = (minMs: number, maxMs: number) => fc.integer({ min: minMs, max: maxMs }).map(ms);
/** Rounded to hundredths so the YAML stays readable; shrinks towards the mildest value. */
const share = (min: number) => fc.integer({ min: Math.round(min * 100), max: 100 }).map((hundredths) => hundredths / 100);
/** Values where the larger is milder (a faster replay, a longer interval): shrinks towards `max`. */
const milderHigh = (min: number, max: number) => fc.integer({ min: 0, max: max - min }).map((harsher) => max - harsher);
const at = (shape: IncidentShape) => millis(shape.faultWindowStartMs, shape.faultWindowEndMs);
const session = (shape: IncidentShape) => fc.constantFrom(...shape.sessionIds);
const when = <T>(present: boolean, arbitrary: () => fc.Arbitrary<T>) => (present ? arbitrary() : null);

export const FAULT_ARBITRARIES: { readonly [K in FaultKind]?: FaultArbitraryFactory<K> } = {
  'session-disconnect': (shape) => fc.record({ kind: fc.constant('session-disconnect'), at: at(shape), session: session(shape), duration: millis(100, 8_000) }),
  'session-message-loss': (shape) =>
    fc.record({ kind: fc.constant('session-message-loss'), at: at(shape), session: session(shape), duration: millis(100, 8_000), lossProbability: share(0.1) }),
  'session-store-loss': (shape) => fc.record({ kind: fc.constant('session-store-loss'), at: at(shape), session: session(shape), side: fc.constantFrom('venue', 'router') }),
  'session-slow-replay': (shape) =>
    fc.record({
      kind: fc.constant('session-slow-replay'),
      at: at(shape),
      session: session(shape),
      side: fc.constantFrom('venue', 'router'),
      rateMsgsPerSec: milderHigh(10, 5_000),
      duration: millis(100, 8_000),
    }),
  'session-resend-storm': (shape) =>
    fc.record({
      kind: fc.constant('session-resend-storm'),
      at: at(shape),
      session: session(shape),
      side: fc.constantFrom('venue', 'router'),
      interval: milderHigh(10, 2_000).map(ms),
      duration: millis(100, 8_000),
    }),
  'session-delay': (shape) =>
    fc.record({
      kind: fc.constant('session-delay'),
      at: at(shape),
      session: session(shape),
      duration: millis(100, 8_000),
      extraLatency: millis(1, 2_000),
      jitter: millis(0, 500),
      direction: fc.constantFrom('to-venue', 'to-router', 'both'),
    }),
  'session-duplicate': (shape) =>
    fc.record({
      kind: fc.constant('session-duplicate'),
      at: at(shape),
      session: session(shape),
      duration: millis(100, 8_000),
      possDup: fc.boolean(),
      duplicateProbability: share(0.1),
      direction: fc.constantFrom('to-venue', 'to-router'),
      maxMessages: fc.integer({ min: 1, max: 20 }),
    }),
  'session-reorder': (shape) =>
    fc.record({ kind: fc.constant('session-reorder'), at: at(shape), session: session(shape), duration: millis(100, 8_000), direction: fc.constantFrom('to-venue', 'to-router'), maxMessages: fc.integer({ min: 1, max: 20 }) }),
  'session-sequence-reset': (shape) =>
    fc.record({ kind: fc.constant('session-sequence-reset'), at: at(shape), session: session(shape), side: fc.constantFrom('venue', 'router'), jump: fc.integer({ min: 1, max: 50 }) }),
  'session-gapfill-business': (shape) =>
    fc.record({ kind: fc.constant('session-gapfill-business'), at: at(shape), session: session(shape), side: fc.constantFrom('venue', 'router'), duration: millis(100, 8_000) }),
  'drop-copy-lag': (shape) =>
    when(shape.dropCopy, () => fc.record({ kind: fc.constant('drop-copy-lag'), at: at(shape), duration: millis(100, 8_000), extraLatency: millis(1, 2_000) })),
  'drop-copy-down': (shape) => when(shape.dropCopy, () => fc.record({ kind: fc.constant('drop-copy-down'), at: at(shape), duration: millis(100, 8_000) })),
  'load-spike': (shape) => when(shape.pool, () => fc.record({ kind: fc.constant('load-spike'), at: at(shape), duration: millis(100, 8_000), ratePerSec: fc.integer({ min: 10, max: 2_000 }) })),
  'gateway-crash': (shape) => when(shape.pool, () => fc.record({ kind: fc.constant('gateway-crash'), at: at(shape), restartAfter: milderHigh(100, 5_000).map(ms) })),
  'gateway-cold-start': (shape) => when(shape.pool, () => fc.record({ kind: fc.constant('gateway-cold-start'), at: at(shape), count: fc.integer({ min: 1, max: 3 }) })),
  'order-server-crash': (shape) => when(shape.orderServer, () => fc.record({ kind: fc.constant('order-server-crash'), at: at(shape), restartAfter: millis(100, 5_000) })),
  'order-server-disk-loss': (shape) => when(shape.orderServer, () => fc.record({ kind: fc.constant('order-server-disk-loss'), at: at(shape), restartAfter: millis(100, 5_000) })),
  'gateway-failover': (shape) => when(shape.failoverPair, () => fc.record({ kind: fc.constant('gateway-failover'), at: at(shape), failure: fc.constantFrom('process-crash', 'host-loss') })),
  'sequencer-stall': (shape) => fc.record({ kind: fc.constant('sequencer-stall'), at: at(shape), duration: millis(10, 3_000) }),
  'sequencer-crash': (shape) =>
    fc.record({ kind: fc.constant('sequencer-crash'), at: at(shape), detectionDelay: millis(10, 2_000), promotion: millis(10, 1_000) }),
  'sequencer-lagging-backup': (shape) =>
    fc.record({
      kind: fc.constant('sequencer-lagging-backup'),
      at: at(shape),
      detectionDelay: millis(10, 2_000),
      promotion: millis(10, 1_000),
      lagMessages: fc.integer({ min: 1, max: 500 }),
      missingEntries: fc.constantFrom('rederived', 'lost'),
    }),
  'sequencer-graceful-failover': (shape) => fc.record({ kind: fc.constant('sequencer-graceful-failover'), at: at(shape), handover: millis(1, 500) }),
  'feed-loss': (shape) => fc.record({ kind: fc.constant('feed-loss'), at: at(shape), duration: millis(100, 8_000), lossProbability: share(0.1) }),
};

/** Catalogue kinds that no arbitrary generates yet (added to the catalogue after this file). */
export function uncoveredFaultKinds(): FaultKind[] {
  return FAULT_KINDS.filter((kind) => FAULT_ARBITRARIES[kind] === undefined);
}

/** One fault of any of `kinds` (default: every covered kind) that the shape can host. */
export function faultArbitrary(shape: IncidentShape, kinds: readonly FaultKind[] = FAULT_KINDS): fc.Arbitrary<FaultInput> {
  const arbitraries: fc.Arbitrary<FaultInput>[] = [];
  for (const kind of kinds) {
    const factory = FAULT_ARBITRARIES[kind] as FaultArbitraryFactory<FaultKind> | undefined;
    const arbitrary = factory?.(shape);
    if (arbitrary) arbitraries.push(arbitrary);
  }
  if (arbitraries.length === 0) throw new Error(`no fault arbitrary for kinds [${kinds.join(', ')}] in this shape (drop-copy, pool, order-server and gateway-failover faults need their section)`);
  return fc.oneof(...arbitraries);
}

const atMs = (fault: FaultInput) => (typeof fault.at === 'string' ? Number.parseInt(fault.at, 10) : 0);

/** A fault schedule: up to `maxFaults` faults in time order (shrinks to fewer faults first). */
export function faultScheduleArbitrary(shape: IncidentShape, options: { maxFaults?: number; kinds?: readonly FaultKind[] } = {}): fc.Arbitrary<FaultInput[]> {
  return fc
    .array(faultArbitrary(shape, options.kinds), { minLength: 0, maxLength: options.maxFaults ?? 3 })
    .map((faults) => withoutCollisions([...faults].sort((a, b) => atMs(a) - atMs(b))));
}

/** Drops a fault that would begin while an earlier one on the same component is in effect (bad input: see fault-overlap.ts). */
function withoutCollisions(faults: readonly FaultInput[]): FaultInput[] {
  const kept: FaultInput[] = [];
  for (const candidate of faults) {
    if (faultOverlaps('generated', [...kept, candidate].map((input) => fault.parse(input))).length === 0) kept.push(candidate);
  }
  return kept;
}
