/**
 * How the market's other participants react to a venue that stops answering: they notice after
 * `reactionNs` without a sequencer heartbeat (no acks, no market data) and stop sending orders;
 * they start again at the next heartbeat. Until they notice, their orders queue at the venue like
 * everyone's (the backlog of VALIDATION.md G6 and seed 001). Without this, a background flow would
 * keep submitting into a halted venue for the rest of the episode: a backlog, and a cancel-candidate
 * rate, that grow without bound, which no real market does.
 * Leaves out: participants cancelling their resting orders after a halt, and a reaction time that
 * differs between participants (one shared delay stands for the crowd).
 * Units: `reactionNs` ns.
 */
import { invariant, type EventHandler, type Kernel, type Ns } from '../../sim/index.ts';

export interface PausableFlow {
  pause(): void;
  resume(): void;
}

export class SilenceWatch implements EventHandler {
  private lastHeartbeatNs: Ns;
  private checkPending = false;
  private silent = false;

  constructor(private readonly kernel: Kernel, private readonly reactionNs: Ns, private readonly flow: PausableFlow) {
    invariant(reactionNs > 0, () => `halt reaction must be > 0 ns, got ${reactionNs}`);
    this.lastHeartbeatNs = kernel.now;
  }

  start(): void {
    this.lastHeartbeatNs = this.kernel.now;
    this.scheduleCheck();
  }

  /** The venue answered: a heartbeat from the active sequencer node. */
  onHeartbeat(atNs: Ns): void {
    this.lastHeartbeatNs = atNs;
    if (this.silent) {
      this.silent = false;
      this.flow.resume();
    }
    if (!this.checkPending) this.scheduleCheck();
  }

  handleEvent(): void {
    this.checkPending = false;
    if (this.kernel.now - this.lastHeartbeatNs >= this.reactionNs) {
      // Silent: no check until the venue speaks again (onHeartbeat re-arms it).
      this.silent = true;
      this.flow.pause();
      return;
    }
    this.scheduleCheck();
  }

  // One pending check at a time, re-armed from the newest heartbeat: no event per heartbeat.
  private scheduleCheck(): void {
    this.checkPending = true;
    this.kernel.schedule(this.lastHeartbeatNs + this.reactionNs, this);
  }
}
