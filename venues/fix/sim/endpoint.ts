/**
 * Drives a FixSession inside the simulator: link events and the session's timer come in as kernel events,
 * the session's outputs go out to the link, the kernel and the application. Application deliveries are
 * handed over after the other outputs of the same step (as in the TCP driver), so an answer sent from inside
 * `onMessage` never reorders the session's timer.
 */
import type { EventHandler, EventId, Kernel } from '../../../sim/kernel.ts';
import type { Ns } from '../../../sim/time.ts';
import type { AppBody, FixMessage } from '../codec/messages.ts';
import type { SessionEvent, SessionOutput } from '../session/outputs.ts';
import type { FixSession } from '../session/session.ts';
import { SessionOutputApplier } from '../session/output-applier.ts';
import type { LinkEndpoint, LinkSide, SimulatedLink } from './link.ts';

export interface SimFixApplication {
  onMessage(message: FixMessage<AppBody>, endpoint: SimSessionEndpoint): void;
  onEvent?(event: SessionEvent, endpoint: SimSessionEndpoint): void;
}

const TIMER = 0;

export class SimSessionEndpoint implements LinkEndpoint, EventHandler {
  private timerId: EventId | undefined;
  private readonly outputs = new SessionOutputApplier({
    send: (message) => this.link.send(this.side, message),
    connect: () => this.link.connect(),
    disconnect: () => this.link.disconnect(),
    armTimer: (atNs) => {
      if (this.timerId !== undefined) this.kernel.cancel(this.timerId);
      this.timerId = atNs === undefined ? undefined : this.kernel.schedule(atNs, this, TIMER);
    },
    event: (event) => this.app.onEvent?.(event, this),
    deliver: (message) => this.app.onMessage(message, this),
  });

  constructor(
    private readonly kernel: Kernel,
    readonly session: FixSession,
    private readonly link: SimulatedLink,
    private readonly side: LinkSide,
    private readonly app: SimFixApplication,
  ) {
    link.attach(side, this);
  }

  /** Messages the peer sent that this end has neither received nor can yet know it missed. */
  get undeliveredInbound(): number {
    return this.link.undeliveredTo(this.side);
  }

  start(): void {
    this.apply(this.session.start(this.kernel.now));
  }

  send(body: AppBody, possResend = false): void {
    this.apply(this.session.send(this.kernel.now, body, possResend));
  }

  logout(text?: string): void {
    this.apply(this.session.logout(this.kernel.now, text));
  }

  /** Slow replay (seed 002): pace this side's replays at `rateMsgsPerSec`; undefined ends it. */
  paceReplays(rateMsgsPerSec: number | undefined): void {
    this.apply(this.session.paceReplays(this.kernel.now, rateMsgsPerSec));
  }

  /** A peer that gap-fills business messages (issue 18) while `on`. */
  gapFillBusiness(on: boolean): void {
    this.apply(this.session.gapFillBusiness(this.kernel.now, on));
  }

  /** A sequence reset (issue 18): this side's numbers jump ahead by `jump`, announced by SequenceReset-Reset. */
  jumpSequence(jump: number): void {
    this.apply(this.session.jumpSequence(this.kernel.now, jump));
  }

  /** Resend storm (seed 002): re-request an open gap every `intervalNs`; undefined stops. */
  repeatResendRequests(intervalNs: Ns | undefined): void {
    this.apply(this.session.repeatResendRequests(this.kernel.now, intervalNs));
  }

  onLinkUp(): void {
    this.apply(this.session.onConnected(this.kernel.now));
  }

  onLinkConnectFailed(): void {
    this.apply(this.session.onConnectFailed(this.kernel.now));
  }

  onLinkMessage(message: FixMessage): void {
    this.apply(this.session.onMessage(this.kernel.now, message));
  }

  onLinkDown(): void {
    this.apply(this.session.onDisconnected(this.kernel.now));
  }

  handleEvent(kind: number): void {
    if (kind !== TIMER) return;
    this.timerId = undefined;
    this.apply(this.session.onTimer(this.kernel.now));
  }

  private apply(outputs: readonly SessionOutput[]): void {
    this.outputs.apply(outputs);
  }
}
