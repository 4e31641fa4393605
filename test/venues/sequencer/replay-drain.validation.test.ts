// VALIDATION.md G6 in the sequencer's setting: an outage of D = 2 s at Poisson arrival rate
// λ = 800/s leaves a backlog of λD = 1600 messages, which drains at replay rate μ = 1000/s in
// λD/(μ−λ) = 8.0 s (the backlog shrinks at μ−λ = 200 messages/s). Tolerance ±3%.
// Sized: one run's drain time has sd of about 0.45 s (arrival noise over ~10 s, divided by μ−λ);
// the mean of 40 runs has a standard error of about 0.07 s, so ±3% (0.24 s) is over 3 standard errors.
import { describe, expect, it } from 'vitest';
import { BacklogFirst, LiveFirst, PrimaryCrash, type ReplayInterleave } from '../../../venues/sequencer/index.ts';
import { MS, S, buildWorld } from './toy.ts';

const LAMBDA = 800;
const MU = 1000;
const OUTAGE_NS = 2 * S;
const CRASH_AT_NS = 1 * S;
const RUNS = 40;

function measure(interleave: () => ReplayInterleave) {
  let backlogSum = 0;
  let drainSum = 0;
  let slopeSum = 0;
  for (let seed = 1; seed <= RUNS; seed++) {
    const world = buildWorld({
      seed,
      faults: [new PrimaryCrash(CRASH_AT_NS, 1500 * MS, 500 * MS)],
      arrivalRatePerSec: LAMBDA,
      replayRateMsgsPerSec: MU,
      interleave: interleave(),
      arrivalsUntilNs: 30 * S,
      heartbeatIntervalNs: 100 * MS,
      sampleIntervalNs: 100 * MS,
    });
    world.kernel.run({ until: 25 * S });
    const takeover = world.sequencer.truth.events('takeover')[0];
    const drained = world.sequencer.truth.events('replay-drained')[0];
    backlogSum += takeover.backlog;
    drainSum += (drained.atNs - takeover.atNs) / S;
    // Least-squares slope of RBL against time over the middle of the drain (messages per second).
    const series = world.sequencer.truth.series;
    const from = takeover.atNs + 1 * S;
    const to = drained.atNs - 1 * S;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < series.length; i++) {
      if (series.timeNs(i) >= from && series.timeNs(i) <= to) {
        xs.push(series.timeNs(i) / S);
        ys.push(series.backlog(i));
      }
    }
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < xs.length; i++) {
      sxy += (xs[i] - mx) * (ys[i] - my);
      sxx += (xs[i] - mx) ** 2;
    }
    slopeSum += sxy / sxx;
  }
  return { backlog: backlogSum / RUNS, drainSec: drainSum / RUNS, slopePerSec: slopeSum / RUNS };
}

describe('replay backlog drain (VALIDATION.md G6)', () => {
  const expectedBacklog = (LAMBDA * OUTAGE_NS) / S;
  const expectedDrainSec = expectedBacklog / (MU - LAMBDA);

  for (const [name, interleave] of [
    ['backlog first', () => new BacklogFirst()],
    ['live first', () => new LiveFirst()],
  ] as const) {
    it(`leaves λD queued and drains it in λD/(μ−λ) with ${name} interleave`, () => {
      const measured = measure(interleave);
      expect(Math.abs(measured.backlog / expectedBacklog - 1)).toBeLessThan(0.03);
      expect(Math.abs(measured.drainSec / expectedDrainSec - 1)).toBeLessThan(0.03);
      // The backlog shrinks at μ−λ messages per second.
      expect(Math.abs(measured.slopePerSec / -(MU - LAMBDA) - 1)).toBeLessThan(0.05);
    });
  }
});
