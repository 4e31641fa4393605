/**
 * Square-root impact in a resilient book, with a permanent part (docs/MARKET-MODEL.md "Impact"; VALIDATION.md M6).
 *
 * Model (Alfonsi, Fruth & Schied 2010, "Optimal execution strategies in limit order books with general
 * shape functions", Quantitative Finance 10(2), with a book whose depth grows linearly away from the
 * price, so that displacing a volume E moves the price by c sqrt(E)): our trades displace a volume
 *   E(t) = sum over our fills of q_i [ p + (1 - p) exp(-(t - t_i) / tau) ]
 * (signed: buys positive), and the price moves by I(t) = c sign(E) sqrt(|E|). The book refills at
 * resilience 1/tau, taking back the transient share 1 - p of each fill; the share p stays.
 * - Concave in size: a parent of Q traded faster than the book refills moves the price by c sqrt(Q), the
 *   square-root law (Toth et al. 2011; Bouchaud, Bonart, Donier & Gould 2018, ch. 12).
 * - Transient: after the parent ends, I relaxes to c sqrt(pQ): the permanent fraction of the peak
 *   (about 2/3 in Moro et al. 2009 and Bershova & Rakhlin 2013, as "fair pricing" predicts, Farmer,
 *   Gerig, Lillo & Waelbroeck 2013).
 * - Convex in speed: a slice bought faster than the schedule's pace gives the book less time to refill
 *   and pays more impact per share against its own arrival price (Obizhaeva & Wang 2013).
 * `calibrateResilientSquareRoot` sets c and p from the published figures (Y, the decay fraction) and the
 * market's own sigma and volume over the parent's horizon, so that a TWAP of the parent meets
 * I = Y sigma sqrt(Q / V) at its end and decays to `decayTo` of that.
 * Leaves out: impact of other participants' metaorders, dependence on the spread or on volatility
 * regime changes within the episode, and asymmetry between buys and sells.
 * Units: c in ticks per sqrt(share), tau in ns, impact in ticks.
 */
import { invariant, type Ns } from '../../sim/index.ts';
import type { ImpactModel } from './impact-model.ts';

export interface ResilientSquareRootParams {
  coefficientTicks: number;
  /** p: the share of each fill's displaced volume the book never takes back. */
  permanentShare: number;
  /** tau: the book's refill time. */
  resilienceNs: Ns;
}

export class ResilientSquareRootImpact implements ImpactModel {
  private permanent = 0;
  private transient = 0;
  private sinceNs: Ns = 0;

  constructor(readonly params: ResilientSquareRootParams) {
    invariant(params.coefficientTicks >= 0 && Number.isFinite(params.coefficientTicks), 'impact coefficient must be finite and >= 0');
    invariant(params.permanentShare >= 0 && params.permanentShare <= 1, 'permanent share must be in [0, 1]');
    invariant(params.resilienceNs > 0, 'resilience time must be > 0 ns');
  }

  onTrade(atNs: Ns, signedQtyShares: number): void {
    this.transient = this.transientAt(atNs);
    this.sinceNs = atNs;
    this.permanent += this.params.permanentShare * signedQtyShares;
    this.transient += (1 - this.params.permanentShare) * signedQtyShares;
  }

  impactTicksAt(atNs: Ns): number {
    return this.params.coefficientTicks * signedSqrt(this.displacedVolumeAt(atNs));
  }

  blockImpactTicks(atNs: Ns, signedQtyShares: number): number {
    if (signedQtyShares === 0) return 0;
    const e = this.displacedVolumeAt(atNs);
    // Mean of c h(e + s) over s from 0 to q, less c h(e); H(x) = 2/3 |x|^1.5 is h's antiderivative.
    const average = (antiderivative(e + signedQtyShares) - antiderivative(e)) / signedQtyShares;
    return this.params.coefficientTicks * (average - signedSqrt(e));
  }

  /** E(t): the volume our trades still displace (signed shares). */
  private displacedVolumeAt(atNs: Ns): number {
    return this.permanent + this.transientAt(atNs);
  }

  private transientAt(atNs: Ns): number {
    return this.transient * Math.exp(-Math.max(0, atNs - this.sinceNs) / this.params.resilienceNs);
  }
}

function signedSqrt(x: number): number {
  return Math.sign(x) * Math.sqrt(Math.abs(x));
}

function antiderivative(x: number): number {
  return (2 / 3) * Math.pow(Math.abs(x), 1.5);
}

export interface SquareRootCalibrationInput {
  /** Y of the square-root law (of order 1). */
  y: number;
  /** Impact left after full decay, as a fraction of the peak (about 2/3). */
  decayTo: number;
  resilienceNs: Ns;
  /** The parent's horizon, over which sigma and volume are measured. */
  horizonNs: Ns;
  /** The market's volatility over the horizon (ticks, standard deviation of the mid's change). */
  sigmaTicks: number;
  /** The market's traded volume over the horizon (shares). */
  volumeShares: number;
}

/**
 * c and p such that a TWAP of Q over the horizon ends with I = Y sigma sqrt(Q / V) and relaxes to
 * `decayTo` of it: with f = (tau / T)(1 - exp(-T / tau)) the share of transient volume still displaced at
 * the end of a TWAP, E(T) = Q (p + (1 - p) f), so p = d^2 f / (1 - d^2 + d^2 f) and c = Y sigma / sqrt(V (p + (1 - p) f)).
 */
export function calibrateResilientSquareRoot(input: SquareRootCalibrationInput): ResilientSquareRootParams {
  const { y, decayTo: d, resilienceNs, horizonNs, sigmaTicks, volumeShares } = input;
  invariant(d > 0 && d <= 1, 'decayTo must be in (0, 1]');
  invariant(horizonNs > 0 && volumeShares > 0 && sigmaTicks >= 0, 'calibration needs a horizon, a volume and a sigma');
  const f = (resilienceNs / horizonNs) * (1 - Math.exp(-horizonNs / resilienceNs));
  const p = (d * d * f) / (1 - d * d + d * d * f);
  const displacedShare = p + (1 - p) * f;
  return { coefficientTicks: (y * sigmaTicks) / Math.sqrt(volumeShares * displacedShare), permanentShare: p, resilienceNs };
}
