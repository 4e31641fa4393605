/**
 * Kernel benches: what the kernel's API costs over a bare heap loop doing the same work, what
 * seedrandom's Alea saves over its default ARC4, and what generator processes would cost over
 * handler objects. Each comparison checks that both sides ended at the same clock (same draws, same
 * work) before reporting a ratio.
 */
import seedrandom from 'seedrandom';
import { invariant, RandomStreams } from '../sim/index.ts';
import type { Bench } from './contract.ts';
import { mm1AsProcesses, mm1Bare, mm1OnKernel, type Mm1Workload, type WorkloadOutcome } from './mm1-workloads.ts';
import { bestSeconds } from './timing.ts';
import { timersBare, timersOnKernel, type TimerWorkload } from './timer-workloads.ts';

const REPEATS = 5;

const MM1: Mm1Workload = { customers: 1_000_000, arrivalMeanNs: 333_333_333, serviceMeanNs: 200_000_000, seed: 1 };
const MM1_EVENTS = 2 * MM1.customers;

const TIMERS: TimerWorkload = { timers: 10_000, events: 2_000_000, delayMeanNs: 1_000_000, resetProbability: 0.25, seed: 1 };

const RNG_DRAWS = 10_000_000;

interface Comparison {
  seconds: number[];
  outcomes: WorkloadOutcome[];
}

/** Runs each contender once outside the timing to check they did the same work, then times them interleaved. */
function compare(what: string, contenders: ReadonlyArray<() => WorkloadOutcome>): Comparison {
  const outcomes = contenders.map((contender) => contender());
  const clocks = outcomes.map((outcome) => outcome.clockNs);
  invariant(clocks.every((clock) => clock === clocks[0]), () => `${what}: contenders disagree (${clocks.join(' vs ')})`);
  return { seconds: bestSeconds(contenders, REPEATS), outcomes };
}

// A sink for draws, so the JIT cannot drop the loops that make them. Each generator has its own loop
// so that no call site sees more than one target.
let drawSink = 0;
function aleaDraws(): void {
  const next = seedrandom.alea('bench');
  let sum = 0;
  for (let i = 0; i < RNG_DRAWS; i++) sum += next();
  drawSink += sum;
}
function arc4Draws(): void {
  const next = seedrandom('bench');
  let sum = 0;
  for (let i = 0; i < RNG_DRAWS; i++) sum += next();
  drawSink += sum;
}
function streamDraws(): void {
  const stream = new RandomStreams('bench').get('bench.stream');
  let sum = 0;
  for (let i = 0; i < RNG_DRAWS; i++) sum += stream.next();
  drawSink += sum;
}

export const benches: Bench[] = [
  {
    name: 'kernel.mm1',
    run() {
      const [kernel, bare] = compare('M/M/1', [() => mm1OnKernel(MM1), () => mm1Bare(MM1)]).seconds;
      return {
        bench: 'kernel.mm1',
        eventsPerSec: MM1_EVENTS / kernel,
        bareEventsPerSec: MM1_EVENTS / bare,
        ratio: bare / kernel,
        note: `M/M/1, ${MM1.customers} customers, kernel vs bare heap`,
      };
    },
  },
  {
    name: 'kernel.timers',
    run() {
      const [kernel, bare] = compare('timers', [() => timersOnKernel(TIMERS), () => timersBare(TIMERS)]).seconds;
      return {
        bench: 'kernel.timers',
        eventsPerSec: TIMERS.events / kernel,
        bareEventsPerSec: TIMERS.events / bare,
        ratio: bare / kernel,
        note: `${TIMERS.timers} pending timers, ${TIMERS.resetProbability * 100}% of firings reset a peer (cancel + re-arm)`,
      };
    },
  },
  {
    name: 'kernel.process-vs-handler',
    run() {
      const { seconds, outcomes } = compare('processes', [() => mm1AsProcesses(MM1), () => mm1OnKernel(MM1)]);
      const [processes, handler] = seconds;
      return {
        bench: 'kernel.process-vs-handler',
        eventsPerSec: MM1_EVENTS / processes,
        handlerEventsPerSec: MM1_EVENTS / handler,
        ratio: handler / processes,
        kernelEventsPerSec: outcomes[0].events / processes,
        wakeupEvents: outcomes[0].events - outcomes[1].events,
        note: 'M/M/1 as generator processes vs handler object; events/s counts 2 per customer on both sides',
      };
    },
  },
  {
    name: 'random.alea-vs-arc4',
    run() {
      const [aleaSeconds, arc4Seconds, streamSeconds] = bestSeconds([aleaDraws, arc4Draws, streamDraws], REPEATS);
      invariant(Number.isFinite(drawSink), 'draws must be finite');
      return {
        bench: 'random.alea-vs-arc4',
        opsPerSec: RNG_DRAWS / aleaSeconds,
        arc4OpsPerSec: RNG_DRAWS / arc4Seconds,
        streamOpsPerSec: RNG_DRAWS / streamSeconds,
        ratio: arc4Seconds / aleaSeconds,
        note: 'draws/s: Alea, ARC4 (seedrandom default), RandomStream.next(); ratio = Alea/ARC4',
      };
    },
  },
];
