/**
 * The gateway's end of one venue-facing FIX session identity (its CompIDs): the initiator side of a
 * simulated link, shared by every gateway process that may log on as that identity (the primary, and
 * in the shared-store design the backup). One connection at a time, as at a venue: the process whose
 * connection is open (or opening) owns the slot, and a second process asking to connect while it is
 * open is refused after `refusalDelayNs` (the venue will not take a second logon for a session that is
 * still up). A process that dies silently keeps its connection open at the venue until the venue's
 * own heartbeat timeout closes it; a process whose host resets its sockets closes it at once (`reset`).
 *
 * Left out: half-open connections seen differently at each end, and a venue that lets the newer logon
 * evict the older. Units: ns.
 */
import type { EventHandler, Kernel, Ns } from '../../../sim/index.ts';
import type { FixMessage } from '../../fix/codec/index.ts';
import type { LinkEndpoint, SimulatedLink } from '../../fix/sim/index.ts';

export class VenueLinkSlot implements LinkEndpoint, EventHandler {
  private owner: LinkEndpoint | undefined;
  /** Connections refused because another process held the slot. */
  refusedConnects = 0;

  constructor(
    private readonly kernel: Kernel,
    readonly link: SimulatedLink,
    readonly refusalDelayNs: Ns,
  ) {
    link.attach(0, this);
  }

  /** Whether some process's connection is open or opening. */
  get occupied(): boolean {
    return this.owner !== undefined;
  }

  connect(user: LinkEndpoint): void {
    if (this.owner !== undefined) {
      this.refusedConnects++;
      this.kernel.scheduleAfter(this.refusalDelayNs, this, 0, user);
      return;
    }
    this.owner = user;
    this.link.connect();
  }

  send(user: LinkEndpoint, message: FixMessage): void {
    if (user === this.owner) this.link.send(0, message);
  }

  disconnect(user: LinkEndpoint): void {
    if (user === this.owner) this.link.disconnect();
  }

  /** The owner's host closed its sockets: the connection resets now, messages in flight are lost. */
  reset(): void {
    this.link.disconnect();
  }

  handleEvent(_kind: number, data: unknown): void {
    (data as LinkEndpoint).onLinkConnectFailed();
  }

  onLinkUp(): void {
    this.owner?.onLinkUp();
  }

  onLinkConnectFailed(): void {
    const owner = this.owner;
    this.owner = undefined;
    owner?.onLinkConnectFailed();
  }

  onLinkMessage(message: FixMessage): void {
    this.owner?.onLinkMessage(message);
  }

  onLinkDown(): void {
    const owner = this.owner;
    this.owner = undefined;
    owner?.onLinkDown();
  }
}
