/**
 * Many pending timers, as a gateway holding a heartbeat per session would: each timer, when it fires,
 * re-arms itself after an exponential delay; some firings stand for a message reaching another
 * session, whose heartbeat timer is then cancelled and re-armed (a received message resets the
 * heartbeat). The heap stays at `timers` entries throughout, so each event pays log2(timers) levels.
 * Written on the kernel and as a bare heap loop over the same draws; each returns the final clock,
 * which must agree.
 *
 * Units: `delayMeanNs` in ns; `resetProbability` is the chance that a firing resets a peer's timer.
 */
import { Kernel, RandomStreams, type EventHandler, type EventId, type RandomStream } from '../sim/index.ts';
import { BareHeap } from './bare-heap.ts';
import type { WorkloadOutcome } from './mm1-workloads.ts';

export interface TimerWorkload {
  timers: number;
  events: number;
  delayMeanNs: number;
  resetProbability: number;
  seed: number;
}

class Draws {
  private readonly delay: RandomStream;
  private readonly peer: RandomStream;

  constructor(private readonly workload: TimerWorkload) {
    const streams = new RandomStreams(workload.seed);
    this.delay = streams.get('bench.timer.delay');
    this.peer = streams.get('bench.timer.peer');
  }

  nextDelayNs(): number {
    return Math.round(-Math.log(1 - this.delay.next()) * this.workload.delayMeanNs);
  }

  /** The session whose heartbeat a firing resets, or -1 when it resets none. */
  nextResetPeer(): number {
    if (this.peer.next() >= this.workload.resetProbability) return -1;
    return this.peer.nextInt(this.workload.timers);
  }
}

class Heartbeats implements EventHandler {
  private readonly ids: Float64Array;

  constructor(private readonly kernel: Kernel, private readonly draws: Draws, timers: number) {
    this.ids = new Float64Array(timers);
    for (let i = 0; i < timers; i++) this.ids[i] = kernel.scheduleAfter(draws.nextDelayNs(), this, i);
  }

  // The session index travels in `kind`, so no per-event data is needed.
  handleEvent(session: number): void {
    this.ids[session] = this.kernel.scheduleAfter(this.draws.nextDelayNs(), this, session);
    const peer = this.draws.nextResetPeer();
    if (peer >= 0 && this.kernel.cancel(this.ids[peer] as EventId)) {
      this.ids[peer] = this.kernel.scheduleAfter(this.draws.nextDelayNs(), this, peer);
    }
  }
}

export function timersOnKernel(workload: TimerWorkload): WorkloadOutcome {
  const kernel = new Kernel();
  new Heartbeats(kernel, new Draws(workload), workload.timers);
  const outcome = kernel.run({ maxEvents: workload.events });
  return { clockNs: outcome.now, events: outcome.eventsRun };
}

export function timersBare(workload: TimerWorkload): WorkloadOutcome {
  const draws = new Draws(workload);
  const heap = new BareHeap(workload.timers);
  for (let i = 0; i < workload.timers; i++) heap.push(draws.nextDelayNs(), i);
  let now = 0;
  for (let n = 0; n < workload.events; n++) {
    now = heap.time[0];
    const session = heap.pop();
    heap.push(now + draws.nextDelayNs(), session);
    const peer = draws.nextResetPeer();
    if (peer >= 0 && heap.remove(peer)) heap.push(now + draws.nextDelayNs(), peer);
  }
  return { clockNs: now, events: workload.events };
}
