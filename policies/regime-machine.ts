/**
 * A regime state machine with a minimum dwell time: seed 001's "hysteresis + minimum dwell time to
 * avoid state flapping". A move to a more severe state is taken at once (never wait to protect);
 * a move to a less severe state only after the current state has held for `minDwellNs`, so a noisy
 * signal that flickers cannot make more than one relaxation per dwell window.
 */
import type { Ns } from '../sim/index.ts';

export interface RegimeTransition<S extends string> {
  atNs: Ns;
  from: S;
  to: S;
}

export class RegimeMachine<S extends string> {
  private current: S;
  private enteredAtNs: Ns;
  private readonly transitionLog: RegimeTransition<S>[] = [];

  constructor(
    initial: S,
    private readonly severity: Readonly<Record<S, number>>,
    private readonly minDwellNs: Ns,
  ) {
    this.current = initial;
    this.enteredAtNs = 0;
  }

  get state(): S {
    return this.current;
  }

  get enteredAt(): Ns {
    return this.enteredAtNs;
  }

  timeInStateNs(nowNs: Ns): Ns {
    return nowNs - this.enteredAtNs;
  }

  get transitions(): readonly RegimeTransition<S>[] {
    return this.transitionLog;
  }

  /** Proposes a state; returns whether the machine moved. */
  propose(next: S, nowNs: Ns): boolean {
    if (next === this.current) return false;
    const relaxing = this.severity[next] < this.severity[this.current];
    if (relaxing && nowNs - this.enteredAtNs < this.minDwellNs) return false;
    this.transitionLog.push({ atNs: nowNs, from: this.current, to: next });
    this.current = next;
    this.enteredAtNs = nowNs;
    return true;
  }
}
