/**
 * Applies a session's outputs to whatever drives it (the simulated link, a TCP socket, a gateway's
 * venue link): sends, connects, disconnects, the timer, events, and application deliveries. Every
 * driver shares one ordering rule, kept here: deliveries are handed to the application after the other
 * outputs of the same step, and an answer the application sends from inside a delivery is applied
 * before the next delivery, never re-entering the delivery loop (so it cannot reorder the timer).
 */
import type { Ns } from '../../../sim/index.ts';
import type { AppBody, FixMessage } from '../codec/messages.ts';
import type { SessionEvent, SessionOutput } from './outputs.ts';

export interface SessionOutputTarget {
  send(message: FixMessage): void;
  connect(): void;
  disconnect(): void;
  /** Arm the session's one timer for `atNs`, replacing any earlier one; disarm it when undefined. */
  armTimer(atNs: Ns | undefined): void;
  event(event: SessionEvent): void;
  deliver(message: FixMessage<AppBody>): void;
}

export class SessionOutputApplier {
  private readonly deliveries: FixMessage<AppBody>[] = [];
  private delivering = false;

  constructor(private readonly target: SessionOutputTarget) {}

  apply(outputs: readonly SessionOutput[]): void {
    for (const output of outputs) {
      switch (output.kind) {
        case 'send':
          this.target.send(output.message);
          break;
        case 'deliver':
          this.deliveries.push(output.message);
          break;
        case 'disconnect':
          this.target.disconnect();
          break;
        case 'connect':
          this.target.connect();
          break;
        case 'timer':
          this.target.armTimer(output.atNs);
          break;
        case 'event':
          this.target.event(output.event);
          break;
      }
    }
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let m = this.deliveries.shift(); m !== undefined; m = this.deliveries.shift()) this.target.deliver(m);
    } finally {
      this.delivering = false;
    }
  }

  /** Drops deliveries not yet handed over (the driver's process died). */
  discardPending(): void {
    this.deliveries.length = 0;
  }
}
