/**
 * One gateway process's driver of a venue-facing `FixSession`: link events and the session's timer
 * come in as kernel events, the session's outputs go to the link slot, the kernel and the process's
 * application (as `SimSessionEndpoint` does for a FIX peer). Unlike that endpoint it can die: `kill`
 * stops it for good (no timer, nothing sent, everything received dropped), which is what a crashed
 * gateway process does. The session state it drove stays as it was at the crash instant: in the
 * shared-store design that state is the store the backup resumes from.
 *
 * Taking over a session that a dead process left logged on (`start`): from this process's point of
 * view there is no transport, so the session is told its connection is gone, and its own reconnect
 * timer connects it after the backoff's first delay. (Connecting at once through `FixSession.start`
 * would leave that reconnect pending in the session and make it re-arm its timer at the same instant
 * for ever once logged on.) Application deliveries are handed over after the other outputs of a step.
 */
import { invariant, type EventHandler, type EventId, type Kernel, type Ns } from '../../../sim/index.ts';
import type { AppBody, FixMessage } from '../../fix/codec/index.ts';
import type { FixSession, SessionEvent, SessionOutput } from '../../fix/session/index.ts';
import { SessionOutputApplier } from '../../fix/session/output-applier.ts';
import type { LinkEndpoint } from '../../fix/sim/index.ts';
import type { VenueLinkSlot } from './venue-link-slot.ts';

export interface GatewaySessionApplication {
  onMessage(message: FixMessage<AppBody>): void;
  onEvent(event: SessionEvent): void;
}

const TIMER = 0;

export class GatewaySessionDriver implements LinkEndpoint, EventHandler {
  /** Sequence numbers the peer covered with SequenceReset-GapFill rather than resending (GFR). */
  seqsGapFilledByPeer = 0;
  lastReceivedAtNs: Ns | undefined;
  private timerId: EventId | undefined;
  private dead = false;
  private readonly outputs = new SessionOutputApplier({
    send: (message) => this.slot.send(this, message),
    connect: () => this.slot.connect(this),
    disconnect: () => this.slot.disconnect(this),
    armTimer: (atNs) => {
      if (this.timerId !== undefined) this.kernel.cancel(this.timerId);
      this.timerId = atNs === undefined ? undefined : this.kernel.schedule(atNs, this, TIMER);
    },
    event: (event) => this.app.onEvent(event),
    // A delivery after the process died goes nowhere.
    deliver: (message) => {
      if (!this.dead) this.app.onMessage(message);
    },
  });

  constructor(
    private readonly kernel: Kernel,
    readonly session: FixSession,
    private readonly slot: VenueLinkSlot,
    private readonly app: GatewaySessionApplication,
  ) {}

  get alive(): boolean {
    return !this.dead;
  }

  start(): void {
    const now = this.kernel.now;
    if (this.session.status === 'disconnected') {
      this.apply(this.session.start(now));
      return;
    }
    invariant(this.session.config.reconnect !== undefined, 'a session taken over from a dead process needs a reconnect backoff');
    this.apply(this.session.onDisconnected(now));
  }

  send(body: AppBody): void {
    if (!this.dead) this.apply(this.session.send(this.kernel.now, body));
  }

  /** The process is gone: nothing more happens through this driver. */
  kill(): void {
    this.dead = true;
    if (this.timerId !== undefined) this.kernel.cancel(this.timerId);
    this.timerId = undefined;
    this.outputs.discardPending();
  }

  onLinkUp(): void {
    if (!this.dead) this.apply(this.session.onConnected(this.kernel.now));
  }

  onLinkConnectFailed(): void {
    if (!this.dead) this.apply(this.session.onConnectFailed(this.kernel.now));
  }

  onLinkMessage(message: FixMessage): void {
    if (this.dead) return;
    this.lastReceivedAtNs = this.kernel.now;
    const body = message.body;
    if (body.msgType === '4' && body.gapFillFlag) this.seqsGapFilledByPeer += Math.max(0, body.newSeqNo - message.header.msgSeqNum);
    this.apply(this.session.onMessage(this.kernel.now, message));
  }

  onLinkDown(): void {
    if (!this.dead) this.apply(this.session.onDisconnected(this.kernel.now));
  }

  handleEvent(kind: number): void {
    if (kind !== TIMER || this.dead) return;
    this.timerId = undefined;
    this.apply(this.session.onTimer(this.kernel.now));
  }

  private apply(outputs: readonly SessionOutput[]): void {
    this.outputs.apply(outputs);
  }
}
