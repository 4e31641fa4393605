import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kernel, type EventHandler, type EventId, type Ns } from '../../sim/index.ts';

/**
 * Random schedules on the kernel: events at random times (few distinct times, so that ties are
 * common), whose handlers schedule children (often at `now`), cancel random events (pending, fired
 * or already cancelled) and sometimes stop the run, driven by a random sequence of `run` limits.
 * Each event's kind is its label: its position in the order of `schedule` calls.
 */
interface Action {
  childDelaysNs: number[];
  cancelPicks: number[];
  stop: boolean;
}

interface Plan {
  initial: { atNs: number; cancelPick: number | null }[];
  actions: Action[];
  runs: { untilAfterNs: number | null; maxEvents: number | null }[];
}

const MAX_DEPTH = 3;

const planArbitrary: fc.Arbitrary<Plan> = fc.record({
  initial: fc.array(fc.record({ atNs: fc.nat(40), cancelPick: fc.option(fc.nat()) }), { minLength: 1, maxLength: 40 }),
  actions: fc.array(
    fc.record({
      childDelaysNs: fc.array(fc.constantFrom(0, 0, 1, 3, 17), { maxLength: 3 }),
      cancelPicks: fc.array(fc.nat(), { maxLength: 2 }),
      stop: fc.nat(9).map((n) => n === 0),
    }),
    { minLength: 1, maxLength: 20 },
  ),
  runs: fc.array(fc.record({ untilAfterNs: fc.option(fc.nat(30)), maxEvents: fc.option(fc.nat(10)) }), { maxLength: 6 }),
});

type EventState = 'pending' | 'fired' | 'cancelled';

interface Execution {
  fired: number[];
  /** Labels whose `cancel` returned true. */
  cancelled: number[];
  timesNs: Ns[];
  violations: string[];
  pendingAtEnd: number;
}

function execute(plan: Plan): Execution {
  const kernel = new Kernel();
  const ids: EventId[] = [];
  const timesNs: Ns[] = [];
  const states: EventState[] = [];
  const depths: number[] = [];
  const fired: number[] = [];
  const cancelled: number[] = [];
  const violations: string[] = [];
  let lastNowNs = 0;

  const schedule = (atNs: Ns, depth: number): void => {
    const label = ids.length;
    timesNs.push(atNs);
    states.push('pending');
    depths.push(depth);
    ids.push(kernel.schedule(atNs, handler, label));
  };
  const cancel = (pick: number): void => {
    const target = pick % ids.length;
    const expected = states[target] === 'pending';
    const wasPending = kernel.cancel(ids[target]);
    if (wasPending !== expected) violations.push(`cancel of ${target} (${states[target]}) returned ${wasPending}`);
    if (wasPending) {
      states[target] = 'cancelled';
      cancelled.push(target);
    }
  };
  const handler: EventHandler = {
    handleEvent(label, _data, k) {
      if (k.now < lastNowNs) violations.push(`clock went back from ${lastNowNs} to ${k.now}`);
      lastNowNs = k.now;
      if (k.now !== timesNs[label]) violations.push(`event ${label} for ${timesNs[label]} ran at ${k.now}`);
      if (states[label] !== 'pending') violations.push(`event ${label} ran when ${states[label]}`);
      states[label] = 'fired';
      fired.push(label);
      if (depths[label] >= MAX_DEPTH) return;
      const action = plan.actions[label % plan.actions.length];
      for (const delayNs of action.childDelaysNs) schedule(k.now + delayNs, depths[label] + 1);
      for (const pick of action.cancelPicks) cancel(pick);
      if (action.stop) k.stop();
    },
  };

  for (const { atNs } of plan.initial) schedule(atNs, 0);
  for (const { cancelPick } of plan.initial) if (cancelPick !== null) cancel(cancelPick);

  const checkQueue = (): void => {
    const pendingTimes = timesNs.filter((_, label) => states[label] === 'pending');
    if (kernel.pendingCount !== pendingTimes.length) violations.push(`pendingCount ${kernel.pendingCount} != ${pendingTimes.length}`);
    const expectedNext = pendingTimes.length > 0 ? Math.min(...pendingTimes) : undefined;
    if (kernel.nextEventTime !== expectedNext) violations.push(`nextEventTime ${kernel.nextEventTime} != ${expectedNext}`);
  };
  for (const limits of plan.runs) {
    checkQueue();
    const beforeNs = kernel.now;
    const untilNs = limits.untilAfterNs === null ? undefined : beforeNs + limits.untilAfterNs;
    const outcome = kernel.run({ until: untilNs, maxEvents: limits.maxEvents ?? undefined });
    if (kernel.now < beforeNs) violations.push(`run moved the clock back from ${beforeNs} to ${kernel.now}`);
    if (untilNs !== undefined && lastNowNs > untilNs) violations.push(`an event ran at ${lastNowNs}, after until ${untilNs}`);
    if (outcome.reason === 'until' && kernel.now !== untilNs) violations.push(`stopped at ${kernel.now}, not at until ${untilNs}`);
    lastNowNs = kernel.now;
  }
  checkQueue();
  while (kernel.run().reason === 'stopped');
  return { fired, cancelled, timesNs, violations, pendingAtEnd: kernel.pendingCount };
}

describe('Kernel properties under random schedules and cancels', () => {
  it('never moves the clock backwards and runs each event at its scheduled time', () => {
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        expect(execute(plan).violations).toEqual([]);
      }),
    );
  });

  it('never fires a cancelled event and fires every other event exactly once', () => {
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        const { fired, cancelled, timesNs, pendingAtEnd } = execute(plan);
        expect(pendingAtEnd).toBe(0);
        const cancelledSet = new Set(cancelled);
        expect(fired.filter((label) => cancelledSet.has(label))).toEqual([]);
        const notCancelled = timesNs.map((_, label) => label).filter((label) => !cancelledSet.has(label));
        expect([...fired].sort((a, b) => a - b)).toEqual(notCancelled);
      }),
    );
  });

  it('runs events in order of time, and same-instant events in the order they were scheduled', () => {
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        const { fired, timesNs } = execute(plan);
        for (let i = 1; i < fired.length; i++) {
          const [previous, current] = [fired[i - 1], fired[i]];
          const inOrder = timesNs[previous] < timesNs[current] || (timesNs[previous] === timesNs[current] && previous < current);
          expect(inOrder, `event ${previous} at ${timesNs[previous]} ran before ${current} at ${timesNs[current]}`).toBe(true);
        }
      }),
    );
  });
});
