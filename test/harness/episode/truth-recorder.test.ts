// The truth of our position is the venue's surviving book: a takeover that loses journal entries busts
// the fills the failed primary had published on them (playbook 001), and only those.
import { describe, expect, it } from 'vitest';
import { TruthRecorder } from '../../../harness/episode/truth-recorder.ts';
import type { Fill } from '../../../venues/book/index.ts';

const OURS = 7;
const THEIRS = 99;

function fill(seq: number, epoch: number, qtyShares: number, makerOwnerId = OURS) {
  const payload: Fill = {
    type: 'fill', makerOrderId: 100 + seq, makerOwnerId, takerOrderId: 500 + seq, takerOwnerId: THEIRS,
    aggressorSide: 'sell', priceTicks: 10_000, qtyShares, makerLeavesQtyShares: 0, takerLeavesQtyShares: 0,
  };
  return { seq, epoch, producedAtNs: seq * 1_000, payload };
}

function takeover(epoch: number, resumeSeq: number) {
  return { atNs: 1_000_000, kind: 'takeover' as const, node: 'B' as const, epoch, resumeSeq };
}

describe('truth recorder at a sequencer takeover', () => {
  it('busts our fills numbered from the resume point when the takeover starts a new epoch', () => {
    const truth = new TruthRecorder(new Set([OURS]));
    for (let seq = 1; seq <= 5; seq++) truth.onSequenced(fill(seq, 0, 10 * seq));
    truth.onMarker(takeover(1, 4));
    expect(truth.fills.map((f) => f.qtyShares)).toEqual([10, 20, 30]);
    expect(truth.bustedFills.map((f) => f.qtyShares)).toEqual([40, 50]);
    expect(truth.filledShares).toBe(60);
  });

  it('keeps fills of the new epoch that reuse the lost sequence numbers, until a later takeover loses them', () => {
    const truth = new TruthRecorder(new Set([OURS]));
    truth.onSequenced(fill(1, 0, 10));
    truth.onSequenced(fill(2, 0, 20));
    truth.onMarker(takeover(1, 2));
    truth.onSequenced(fill(2, 1, 25));
    truth.onSequenced(fill(3, 1, 35));
    truth.onMarker(takeover(1, 9)); // a later takeover of the same epoch: nothing was lost
    expect(truth.fills.map((f) => f.qtyShares)).toEqual([10, 25, 35]);
    truth.onMarker(takeover(2, 3));
    expect(truth.fills.map((f) => f.qtyShares)).toEqual([10, 25]);
    expect(truth.bustedFills.map((f) => f.qtyShares)).toEqual([20, 35]);
  });

  it('busts nothing when the journal survived (re-derived entries, same epoch) and ignores others\' fills', () => {
    const truth = new TruthRecorder(new Set([OURS]));
    truth.onSequenced(fill(1, 0, 10));
    truth.onSequenced(fill(2, 0, 20, THEIRS));
    truth.onMarker(takeover(0, 1));
    truth.onMarker({ ...takeover(1, 1), kind: 'failover-announced' });
    expect(truth.fills.map((f) => f.qtyShares)).toEqual([10]);
    expect(truth.bustedFills).toEqual([]);
    expect(truth.tradedShares).toBe(30);
  });
});
