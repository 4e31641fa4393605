/**
 * M/M/1 written three ways over the same draws, for the kernel bench: on the kernel with a handler
 * object (how models are written here), as a bare loop over a typed-array heap (the floor), and as
 * SimPy-style generator processes on the kernel (what processes would cost). Each returns the clock
 * at the last departure, which must agree across the three: same draws in the same order, same
 * result, so the comparison is of equal work.
 *
 * Arrival and service times are exponential (means in ns), drawn from the streams `bench.arrivals`
 * and `bench.service` of one run seed; 2 events per customer, plus, for processes, one wake-up event
 * per busy period (SimPy's reactivation is an event too).
 */
import { Exponential, Kernel, RandomStreams, type EventHandler, type RandomStream } from '../sim/index.ts';
import { BareHeap } from './bare-heap.ts';

export interface Mm1Workload {
  customers: number;
  arrivalMeanNs: number;
  serviceMeanNs: number;
  seed: number;
}

/** The clock at the end (equal across the three ways) and the events dispatched to get there. */
export interface WorkloadOutcome {
  clockNs: number;
  events: number;
}

const ARRIVAL = 0;
const DEPARTURE = 1;

class Draws {
  private readonly arrivals: RandomStream;
  private readonly service: RandomStream;
  private readonly interarrival: Exponential;
  private readonly serviceTime: Exponential;

  constructor(workload: Mm1Workload) {
    const streams = new RandomStreams(workload.seed);
    this.arrivals = streams.get('bench.arrivals');
    this.service = streams.get('bench.service');
    this.interarrival = new Exponential(1 / workload.arrivalMeanNs);
    this.serviceTime = new Exponential(1 / workload.serviceMeanNs);
  }

  nextInterarrivalNs(): number {
    return Math.round(this.interarrival.sample(this.arrivals));
  }

  nextServiceNs(): number {
    return Math.round(this.serviceTime.sample(this.service));
  }
}

class Mm1Handler implements EventHandler {
  private arrived = 0;
  private inSystem = 0;

  constructor(private readonly customers: number, private readonly draws: Draws) {}

  handleEvent(kind: number, _data: unknown, kernel: Kernel): void {
    if (kind === ARRIVAL) {
      if (++this.arrived < this.customers) kernel.scheduleAfter(this.draws.nextInterarrivalNs(), this, ARRIVAL);
      if (++this.inSystem === 1) kernel.scheduleAfter(this.draws.nextServiceNs(), this, DEPARTURE);
    } else if (--this.inSystem > 0) {
      kernel.scheduleAfter(this.draws.nextServiceNs(), this, DEPARTURE);
    }
  }
}

export function mm1OnKernel(workload: Mm1Workload): WorkloadOutcome {
  const kernel = new Kernel();
  const draws = new Draws(workload);
  kernel.schedule(draws.nextInterarrivalNs(), new Mm1Handler(workload.customers, draws), ARRIVAL);
  const outcome = kernel.run();
  return { clockNs: outcome.now, events: outcome.eventsRun };
}

export function mm1Bare(workload: Mm1Workload): WorkloadOutcome {
  const draws = new Draws(workload);
  const heap = new BareHeap(2);
  let arrived = 0;
  let inSystem = 0;
  let now = 0;
  let events = 0;
  heap.push(draws.nextInterarrivalNs(), ARRIVAL);
  while (heap.size > 0) {
    now = heap.time[0];
    events++;
    if (heap.pop() === ARRIVAL) {
      if (++arrived < workload.customers) heap.push(now + draws.nextInterarrivalNs(), ARRIVAL);
      if (++inSystem === 1) heap.push(now + draws.nextServiceNs(), DEPARTURE);
    } else if (--inSystem > 0) {
      heap.push(now + draws.nextServiceNs(), DEPARTURE);
    }
  }
  return { clockNs: now, events };
}

/**
 * The least a process needs: a generator that yields a delay in ns to sleep, or PASSIVATE to wait
 * until another process reactivates it (SimPy's passivate/activate). Each resume is one kernel event.
 */
const PASSIVATE = -1;

class GeneratorProcess implements EventHandler {
  private passive = false;

  constructor(private readonly kernel: Kernel, private readonly body: Generator<number, void, void>) {
    kernel.scheduleAfter(0, this);
  }

  handleEvent(): void {
    const step = this.body.next();
    if (step.done) return;
    if (step.value === PASSIVATE) this.passive = true;
    else this.kernel.scheduleAfter(step.value, this);
  }

  activate(): void {
    if (!this.passive) return;
    this.passive = false;
    this.kernel.scheduleAfter(0, this);
  }
}

export function mm1AsProcesses(workload: Mm1Workload): WorkloadOutcome {
  const kernel = new Kernel();
  const draws = new Draws(workload);
  let waiting = 0;
  function* server(): Generator<number, void, void> {
    while (true) {
      while (waiting === 0) yield PASSIVATE;
      yield draws.nextServiceNs();
      waiting--;
    }
  }
  const serverProcess = new GeneratorProcess(kernel, server());
  function* source(): Generator<number, void, void> {
    for (let i = 0; i < workload.customers; i++) {
      yield draws.nextInterarrivalNs();
      waiting++;
      serverProcess.activate();
    }
  }
  new GeneratorProcess(kernel, source());
  const outcome = kernel.run();
  return { clockNs: outcome.now, events: outcome.eventsRun };
}
