/**
 * A lean M/M/1 that starts with a backlog and stops when it is drained (VALIDATION.md G5): the
 * shape of a replay backlog, `backlog` messages queued and more arriving while they are worked off.
 * Lean because G5 wants 10^4 runs: while the backlog lasts the server never idles, so arrivals and
 * completions are two independent Poisson streams and the model is two pending events and a count,
 * with no per-customer record. It still runs on the kernel: each arrival and each completion is an
 * event, and the pending arrival is cancelled when the backlog empties.
 *
 * Little's law is kept as two independent sums: the occupancy integral, and, since customers never
 * leave before they arrive, the total time in system = sum of departure times - sum of arrival times
 * (backlogged customers arrive at 0). Both are integers of ns, exact in a double below 2^53.
 *
 * Parameters: `backlog` customers at time 0; `arrivalRatePerS`, `serviceRatePerS` per second.
 * Left out: everything after the drain, service-time distributions other than exponential.
 */
import { Exponential, NS_PER_S, type EventHandler, type EventId, type Kernel, type UniformSource } from '../../../sim/index.ts';

export interface DrainParams {
  backlog: number;
  arrivalRatePerS: number;
  serviceRatePerS: number;
}

export interface DrainOutcome {
  drainNs: number;
  customers: number;
  occupancyAreaNs: number;
  timeInSystemNs: number;
}

const ARRIVAL = 0;
const COMPLETION = 1;

class BacklogDrain implements EventHandler {
  private readonly interarrival: Exponential;
  private readonly serviceTime: Exponential;
  private inSystem: number;
  private customers: number;
  private lastChangeNs = 0;
  private occupancyAreaNs = 0;
  private arrivalSumNs = 0;
  private departureSumNs = 0;
  private pendingArrival: EventId;

  constructor(
    private readonly kernel: Kernel,
    params: DrainParams,
    private readonly arrivals: UniformSource,
    private readonly service: UniformSource,
  ) {
    this.interarrival = new Exponential(params.arrivalRatePerS / NS_PER_S);
    this.serviceTime = new Exponential(params.serviceRatePerS / NS_PER_S);
    this.inSystem = params.backlog;
    this.customers = params.backlog;
    this.pendingArrival = this.scheduleArrival();
    if (params.backlog > 0) this.scheduleCompletion();
    else kernel.cancel(this.pendingArrival);
  }

  handleEvent(kind: number): void {
    const now = this.kernel.now;
    this.occupancyAreaNs += this.inSystem * (now - this.lastChangeNs);
    this.lastChangeNs = now;
    if (kind === ARRIVAL) {
      this.inSystem++;
      this.customers++;
      this.arrivalSumNs += now;
      this.pendingArrival = this.scheduleArrival();
      return;
    }
    this.inSystem--;
    this.departureSumNs += now;
    if (this.inSystem > 0) this.scheduleCompletion();
    else this.kernel.cancel(this.pendingArrival);
  }

  outcome(): DrainOutcome {
    return {
      drainNs: this.lastChangeNs,
      customers: this.customers,
      occupancyAreaNs: this.occupancyAreaNs,
      timeInSystemNs: this.departureSumNs - this.arrivalSumNs,
    };
  }

  private scheduleArrival(): EventId {
    return this.kernel.scheduleAfter(Math.round(this.interarrival.sample(this.arrivals)), this, ARRIVAL);
  }

  private scheduleCompletion(): void {
    this.kernel.scheduleAfter(Math.round(this.serviceTime.sample(this.service)), this, COMPLETION);
  }
}

/** Runs one drain to its end on `kernel` (which must be fresh) and returns what it measured. */
export function drainBacklog(kernel: Kernel, params: DrainParams, arrivals: UniformSource, service: UniformSource): DrainOutcome {
  const model = new BacklogDrain(kernel, params, arrivals, service);
  kernel.run();
  return model.outcome();
}
