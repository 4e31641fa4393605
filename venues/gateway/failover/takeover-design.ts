/**
 * The two documented ways a backup gateway takes over the venue-facing FIX session (seed 000; the
 * decision that the router's session terminates at the gateway is in venue-session-boundary.ts):
 *
 * - `SharedStoreResume`: primary and backup share one message store (sequence numbers and sent
 *   application messages, written synchronously, as QuickFIX's file store keeps `.seqnums` and
 *   `.body`), so the backup logs on as the primary's session identity and continues its sequence
 *   numbers. What the primary missed from the venue comes back by ResendRequest, with PossDupFlag=Y;
 *   what the venue missed from the primary is resent from the store. The backup cannot log on while
 *   the venue still holds the primary's connection open (a silent death: until the venue's heartbeat
 *   timeout). Left out: a store that lags the primary (asynchronous replication), which would make the
 *   backup's sequence numbers too low for the venue.
 * - `OwnSessionLogon`: the backup logs on with its own identity at once; nothing the venue sent on the
 *   primary's session reaches it, and whatever the primary had not yet put on the wire is gone. The
 *   live set is rebuilt by order status requests or the drop copy (state-recovery.ts).
 *
 * A connection is a session and the gateway's link slot for its identity; the wiring builds both.
 */
import type { FixSession } from '../../fix/session/index.ts';
import type { VenueLinkSlot } from './venue-link-slot.ts';

export interface VenueConnection {
  readonly session: FixSession;
  readonly slot: VenueLinkSlot;
}

export interface TakeoverDesign {
  readonly name: string;
  /** Whether the backup continues the primary's sequence numbers (a resend can recover the gap). */
  readonly resumesSequence: boolean;
  /** The session and slot the backup logs on with. */
  backupConnection(primary: VenueConnection): VenueConnection;
}

export class SharedStoreResume implements TakeoverDesign {
  readonly name = 'shared-store-resume';
  readonly resumesSequence = true;

  backupConnection(primary: VenueConnection): VenueConnection {
    return primary;
  }
}

export class OwnSessionLogon implements TakeoverDesign {
  readonly name = 'own-session';
  readonly resumesSequence = false;

  constructor(private readonly backup: VenueConnection) {}

  backupConnection(): VenueConnection {
    return this.backup;
  }
}
