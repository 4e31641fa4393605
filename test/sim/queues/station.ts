/**
 * An M/M/c FIFO station on the kernel: Poisson arrivals, exponential service, `servers` identical
 * servers, one waiting line served first come first served, unbounded buffer. It exists to check the
 * kernel against queueing theory (VALIDATION.md G1, G1b, G3, G6), so it reports each customer's wait
 * and response and every change in the number in system to an observer, and keeps nothing itself.
 *
 * Deliberately left out: finite buffers, balking, priorities, non-exponential service.
 * An outage is `suspend()` .. `resume()`: every server stops, the completions pending on them are
 * cancelled, and on resume each interrupted customer's service is drawn afresh, which for exponential
 * service is the remaining service in distribution (memorylessness), so no customer is lost or
 * served twice.
 *
 * Parameters: `arrivalRatePerS` and `serviceRatePerS` in customers per second (per server for
 * service), `servers` a count. Draws: interarrival times from `arrivals`, service times from `service`.
 */
import { Exponential, NS_PER_S, invariant, type EventHandler, type EventId, type Kernel, type Ns, type UniformSource } from '../../../sim/index.ts';
import { CustomerLine } from './customer-line.ts';

export interface MmcParams {
  arrivalRatePerS: number;
  serviceRatePerS: number;
  servers: number;
}

export interface StationDraws {
  arrivals: UniformSource;
  service: UniformSource;
}

/** Customers are numbered from 0 in order of arrival. */
export interface StationObserver {
  arrived(customer: number, now: Ns, inSystem: number): void;
  serviceStarted(customer: number, waitNs: Ns): void;
  departed(customer: number, responseNs: Ns, now: Ns, inSystem: number): void;
}

// Event kinds: an arrival, or the completion of service at server `kind` (kinds >= 0).
const ARRIVAL = -1;
const IDLE = -1;

export class MmcStation implements EventHandler {
  private readonly interarrival: Exponential;
  private readonly serviceTime: Exponential;
  private readonly line = new CustomerLine();
  private readonly serverCustomer: Int32Array;
  private readonly serverArrivalNs: Float64Array;
  private readonly serverCompletion: Float64Array;
  private arrivalsLeft = 0;
  private nextCustomer = 0;
  private suspended = false;
  private customersInSystem = 0;

  constructor(
    private readonly kernel: Kernel,
    params: MmcParams,
    private readonly draws: StationDraws,
    private readonly observer: StationObserver,
  ) {
    invariant(Number.isInteger(params.servers) && params.servers >= 1, 'a station needs a whole number of servers >= 1');
    this.interarrival = new Exponential(params.arrivalRatePerS / NS_PER_S);
    this.serviceTime = new Exponential(params.serviceRatePerS / NS_PER_S);
    this.serverCustomer = new Int32Array(params.servers).fill(IDLE);
    this.serverArrivalNs = new Float64Array(params.servers);
    this.serverCompletion = new Float64Array(params.servers);
  }

  get inSystem(): number {
    return this.customersInSystem;
  }

  /** Lets `customers` more customers arrive, the first one interarrival time from now. */
  open(customers: number): void {
    invariant(this.arrivalsLeft === 0, 'the station is already open');
    this.arrivalsLeft = customers;
    if (customers > 0) this.kernel.scheduleAfter(this.drawNs(this.interarrival, this.draws.arrivals), this, ARRIVAL);
  }

  suspend(): void {
    invariant(!this.suspended, 'the station is already suspended');
    this.suspended = true;
    for (let server = 0; server < this.serverCustomer.length; server++) {
      if (this.serverCustomer[server] !== IDLE) this.kernel.cancel(this.serverCompletion[server] as EventId);
    }
  }

  resume(): void {
    invariant(this.suspended, 'the station is not suspended');
    this.suspended = false;
    for (let server = 0; server < this.serverCustomer.length; server++) {
      if (this.serverCustomer[server] !== IDLE) this.scheduleCompletion(server);
      else this.startNextOn(server);
    }
  }

  handleEvent(kind: number): void {
    if (kind === ARRIVAL) this.arrive();
    else this.complete(kind);
  }

  private arrive(): void {
    const now = this.kernel.now;
    if (--this.arrivalsLeft > 0) this.kernel.scheduleAfter(this.drawNs(this.interarrival, this.draws.arrivals), this, ARRIVAL);
    const customer = this.nextCustomer++;
    this.observer.arrived(customer, now, ++this.customersInSystem);
    this.line.push(customer, now);
    if (this.suspended) return;
    const server = this.serverCustomer.indexOf(IDLE);
    if (server >= 0) this.startNextOn(server);
  }

  private complete(server: number): void {
    const now = this.kernel.now;
    const customer = this.serverCustomer[server];
    this.serverCustomer[server] = IDLE;
    this.observer.departed(customer, now - this.serverArrivalNs[server], now, --this.customersInSystem);
    this.startNextOn(server);
  }

  private startNextOn(server: number): void {
    if (this.line.length === 0) return;
    this.serverArrivalNs[server] = this.line.headArrivalNs;
    this.serverCustomer[server] = this.line.headCustomer;
    this.line.shift();
    this.observer.serviceStarted(this.serverCustomer[server], this.kernel.now - this.serverArrivalNs[server]);
    this.scheduleCompletion(server);
  }

  private scheduleCompletion(server: number): void {
    this.serverCompletion[server] = this.kernel.scheduleAfter(this.drawNs(this.serviceTime, this.draws.service), this, server);
  }

  private drawNs(distribution: Exponential, rng: UniformSource): Ns {
    return Math.round(distribution.sample(rng));
  }
}
