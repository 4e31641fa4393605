/**
 * Tells the impact model about our fills as the venue publishes them: every fill with one of the
 * router's orders on one side (and someone else on the other), signed by our side. The venue's truth,
 * read by the harness only (DESIGN.md principle 1): the market reacts to what we really traded.
 * Leaves out: a takeover that later forgets published entries (seed 001's lossy lagging backup) does not
 * take back the impact of fills it forgot.
 */
import type { Ns } from '../../sim/index.ts';
import type { BookEvent } from '../../venues/book/index.ts';
import type { ImpactModel } from '../../venues/market/index.ts';
import type { SequencedOutput, SequencerListener } from '../../venues/sequencer/index.ts';
import type { VenueRequest } from '../../venues/venue/index.ts';

export class ImpactFeed implements SequencerListener<VenueRequest, BookEvent> {
  constructor(private readonly impact: ImpactModel, private readonly routerOwners: ReadonlySet<number>) {}

  onSequenced(output: SequencedOutput<BookEvent>): void {
    const event = output.payload;
    if (event.type !== 'fill') return;
    const ourTaker = this.routerOwners.has(event.takerOwnerId);
    if (ourTaker === this.routerOwners.has(event.makerOwnerId)) return;
    const ourSide = ourTaker ? event.aggressorSide : event.aggressorSide === 'buy' ? 'sell' : 'buy';
    this.impact.onTrade(output.producedAtNs as Ns, ourSide === 'buy' ? event.qtyShares : -event.qtyShares);
  }

  onRejected(): void {}
  onHeartbeat(): void {}
  onMarker(): void {}
}
