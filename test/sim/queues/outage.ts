/**
 * A server outage on an M/M/1 station (VALIDATION.md G6): the station runs normally, stops serving
 * for `outageNs` from `outageStartNs` (a gateway down while orders keep arriving), then works off the
 * backlog. Measured per run: the backlog built during the outage (number in system at its end minus
 * at its start) and the recovery time, from the end of the outage to the first instant the station
 * is empty again. The run stops there, when the station has been empty at both ends of the run, so
 * Little's law holds exactly over it.
 *
 * The fluid model G6 quotes starts from an empty queue; here the outage finds the station in its
 * steady state (mean ρ/(1-ρ) = 4 customers at ρ = 0.8), which adds about 4/(μ-λ) = 0.02 s to the mean
 * recovery: 0.25%, well inside G6's 3%.
 *
 * Parameters: rates per second as in `MmcParams` (one server); `outageStartNs`, `outageNs` in ns.
 */
import { Kernel, NS_PER_HOUR, invariant, type EventHandler, type Ns, type RandomStreams } from '../../../sim/index.ts';
import { QueueStats } from './queue-stats.ts';
import { MmcStation, type StationObserver } from './station.ts';

export interface OutageParams {
  arrivalRatePerS: number;
  serviceRatePerS: number;
  outageStartNs: Ns;
  outageNs: Ns;
}

export interface OutageOutcome {
  backlogBuilt: number;
  recoveryNs: Ns;
  stats: QueueStats;
}

const OUTAGE_START = 0;
const OUTAGE_END = 1;

class OutageRun implements StationObserver, EventHandler {
  readonly stats = new QueueStats();
  readonly station: MmcStation;
  private inSystemAtStart = 0;
  private outageEndNs = -1;
  backlogBuilt = -1;
  recoveryNs = -1;

  constructor(private readonly kernel: Kernel, params: OutageParams, streams: RandomStreams) {
    const draws = { arrivals: streams.get('queue.arrivals'), service: streams.get('queue.service') };
    this.station = new MmcStation(kernel, { ...params, servers: 1 }, draws, this);
    kernel.schedule(params.outageStartNs, this, OUTAGE_START);
    kernel.schedule(params.outageStartNs + params.outageNs, this, OUTAGE_END);
  }

  handleEvent(kind: number): void {
    if (kind === OUTAGE_START) {
      this.inSystemAtStart = this.station.inSystem;
      this.station.suspend();
      return;
    }
    this.backlogBuilt = this.station.inSystem - this.inSystemAtStart;
    this.outageEndNs = this.kernel.now;
    this.station.resume();
  }

  arrived(customer: number, now: Ns, inSystem: number): void {
    this.stats.arrived(customer, now, inSystem);
  }

  serviceStarted(customer: number, waitNs: Ns): void {
    this.stats.serviceStarted(customer, waitNs);
  }

  departed(customer: number, responseNs: Ns, now: Ns, inSystem: number): void {
    this.stats.departed(customer, responseNs, now, inSystem);
    if (inSystem === 0 && this.outageEndNs >= 0 && this.recoveryNs < 0) {
      this.recoveryNs = now - this.outageEndNs;
      this.kernel.stop();
    }
  }
}

/** One run: arrivals from time 0 until the station is empty again after the outage. */
export function runOutage(params: OutageParams, streams: RandomStreams): OutageOutcome {
  const kernel = new Kernel();
  const run = new OutageRun(kernel, params, streams);
  // More arrivals than the run can use; it stops at recovery, long before they run out.
  run.station.open(Number.MAX_SAFE_INTEGER);
  kernel.run({ until: params.outageStartNs + params.outageNs + NS_PER_HOUR });
  invariant(run.recoveryNs >= 0, 'the station did not recover within an hour of the outage');
  return { backlogBuilt: run.backlogBuilt, recoveryNs: run.recoveryNs, stats: run.stats };
}
