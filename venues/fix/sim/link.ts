/**
 * A simulated transport between two FIX endpoints, on the kernel: typed messages (no encoding), one
 * connection at a time, FIFO in each direction like TCP. Each message takes a one-way latency drawn from a
 * distribution (in ns), but never overtakes the one before it. Faults: each message is lost with a
 * probability that can change during a run (a gateway or proxy dropping messages without closing the
 * connection, which is how a session sees a sequence gap), the connection can be cut (both ends learn it
 * at once; messages in flight are lost), and connection attempts can be refused until a given time.
 * Message faults on one direction (link-faults.ts: loss by type and count, delay and jitter, duplicates,
 * reordering) are added and removed while it runs; a message held back for reordering goes out just after
 * the next one in its direction, or when the reordering ends.
 * Left out: partial writes, half-open connections, bandwidth.
 * Units: latency distribution and connect delay in ns; loss probability per message.
 */
import type { Distribution } from '../../../sim/distributions.ts';
import { invariant } from '../../../sim/invariant.ts';
import type { EventHandler, Kernel } from '../../../sim/kernel.ts';
import type { UniformSource } from '../../../sim/random.ts';
import type { Ns } from '../../../sim/time.ts';
import type { FixMessage } from '../codec/messages.ts';
import { LinkFaults, type LinkFault } from './link-faults.ts';

export interface LinkEndpoint {
  onLinkUp(): void;
  onLinkConnectFailed(): void;
  onLinkMessage(message: FixMessage): void;
  onLinkDown(): void;
}

export interface SimulatedLinkOptions {
  latencyNs: Distribution;
  latencyRng: UniformSource;
  lossRng: UniformSource;
  lossProbability?: number;
  connectDelayNs: Ns;
  /** Draws for message faults (link-faults.ts); needed only when they are used. */
  faultRng?: UniformSource;
}

export type LinkSide = 0 | 1;

// Event kinds: delivery towards side 0 or 1, connection outcome, disconnect notification.
const DELIVER_TO_0 = 0;
const DELIVER_TO_1 = 1;
const CONNECT_OUTCOME = 2;
const DOWN = 3;

export class SimulatedLink implements EventHandler {
  lossProbability: number;
  messagesLost = 0;
  private readonly endpoints: (LinkEndpoint | undefined)[] = [undefined, undefined];
  private readonly inFlight: FixMessage[][] = [[], []];
  private readonly lastDeliveryNs: Ns[] = [0, 0];
  /** Messages to each side lost since the last one delivered there: the receiver cannot see that gap yet. */
  private readonly lostSinceDelivery: number[] = [0, 0];
  private up = false;
  private connecting = false;
  private epoch = 0;
  private refuseUntilNs: Ns = 0;
  private faults: (LinkFaults | undefined)[] = [undefined, undefined];
  private readonly heldBack: (FixMessage | undefined)[] = [undefined, undefined];

  constructor(
    private readonly kernel: Kernel,
    private readonly options: SimulatedLinkOptions,
  ) {
    this.lossProbability = options.lossProbability ?? 0;
  }

  get isUp(): boolean {
    return this.up;
  }

  /** Messages sent and not yet delivered, both directions. */
  get inFlightCount(): number {
    return this.inFlight[0].length + this.inFlight[1].length;
  }

  /**
   * Messages sent towards `side` that it has not received and whose absence it cannot yet detect:
   * in flight, held back for reordering, or lost with no later message delivered behind them.
   */
  undeliveredTo(side: LinkSide): number {
    return this.inFlight[side].length + this.lostSinceDelivery[side] + (this.heldBack[side] === undefined ? 0 : 1);
  }

  attach(side: LinkSide, endpoint: LinkEndpoint): void {
    this.endpoints[side] = endpoint;
  }

  /** Opens the connection after the connect delay, unless attempts are refused or one is already up. */
  connect(): void {
    if (this.up || this.connecting) return;
    this.connecting = true;
    this.kernel.scheduleAfter(this.options.connectDelayNs, this, CONNECT_OUTCOME, this.epoch);
  }

  /** Refuses connection attempts that complete before `atNs` (a venue gateway that is down). */
  refuseConnectionsUntil(atNs: Ns): void {
    this.refuseUntilNs = atNs;
  }

  /** Cuts the connection: messages in flight are lost, both ends are told at this instant. */
  disconnect(): void {
    if (!this.up) return;
    this.up = false;
    this.epoch++;
    this.inFlight[0].length = 0;
    this.inFlight[1].length = 0;
    this.heldBack[0] = this.heldBack[1] = undefined;
    this.kernel.scheduleAfter(0, this, DOWN, this.epoch);
  }

  /** Applies a message fault to what travels towards `to` until the returned function is called. */
  addFault(to: LinkSide, fault: LinkFault): () => void {
    const rng = this.options.faultRng;
    invariant(rng !== undefined, 'a SimulatedLink needs options.faultRng for message faults');
    const faults = (this.faults[to] ??= new LinkFaults(rng));
    const remove = faults.add(fault);
    return () => {
      remove();
      const held = this.heldBack[to];
      if (held !== undefined && !faults.reordering) {
        this.heldBack[to] = undefined;
        this.carry(to, held, 0);
      }
    };
  }

  send(from: LinkSide, message: FixMessage): void {
    if (!this.up) return;
    const to = from === 0 ? 1 : 0;
    if (this.lossProbability > 0 && this.options.lossRng.next() < this.lossProbability) {
      this.lose(to);
      return;
    }
    const faults = this.faults[to];
    if (faults === undefined || faults.isEmpty) {
      this.carry(to, message, 0);
      return;
    }
    const held = this.heldBack[to];
    const decision = faults.decide(message, held === undefined);
    if (decision.drop) {
      this.lose(to);
      return;
    }
    if (decision.holdBack) {
      this.heldBack[to] = message;
      return;
    }
    this.carry(to, message, decision.extraNs);
    if (decision.duplicate !== undefined) this.carry(to, decision.duplicate, decision.extraNs);
    if (held !== undefined) {
      this.heldBack[to] = undefined;
      this.carry(to, held, decision.extraNs);
    }
  }

  private lose(to: LinkSide): void {
    this.messagesLost++;
    this.lostSinceDelivery[to]++;
  }

  private carry(to: LinkSide, message: FixMessage, extraNs: Ns): void {
    const at = Math.max(this.lastDeliveryNs[to], this.kernel.now + extraNs + Math.round(this.options.latencyNs.sample(this.options.latencyRng)));
    this.lastDeliveryNs[to] = at;
    this.inFlight[to].push(message);
    this.kernel.schedule(at, this, to === 0 ? DELIVER_TO_0 : DELIVER_TO_1, this.epoch);
  }

  handleEvent(kind: number, data: unknown): void {
    if (data !== this.epoch) return; // belongs to a connection that has since been cut
    const [first, second] = this.endpoints;
    invariant(first !== undefined && second !== undefined, 'both ends of a SimulatedLink must be attached');
    switch (kind) {
      case DELIVER_TO_0:
      case DELIVER_TO_1: {
        const message = this.inFlight[kind].shift();
        invariant(message !== undefined, 'a delivery event without a message in flight');
        this.lostSinceDelivery[kind] = 0;
        this.endpoints[kind]?.onLinkMessage(message);
        return;
      }
      case CONNECT_OUTCOME:
        this.connecting = false;
        if (this.kernel.now < this.refuseUntilNs) {
          first.onLinkConnectFailed();
          return;
        }
        this.up = true;
        this.lastDeliveryNs[0] = this.lastDeliveryNs[1] = this.kernel.now;
        // The accepting side (1) learns of the connection first, so it awaits the Logon before it arrives.
        second.onLinkUp();
        first.onLinkUp();
        return;
      case DOWN:
        first.onLinkDown();
        second.onLinkDown();
        return;
    }
  }
}
