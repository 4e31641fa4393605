/**
 * GFR (METRICS.md): of the sequence numbers a replay recovered, the share a SequenceReset-GapFill covered
 * rather than a resend; null when nothing was recovered. The simulation, the chaos proxy's verdict and an
 * imported log count the two their own way and share this ratio.
 */
export function gapFillRatio(gapFilled: number, resent: number): number | null {
  return gapFilled + resent > 0 ? gapFilled / (gapFilled + resent) : null;
}
