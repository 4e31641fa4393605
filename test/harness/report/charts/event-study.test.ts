import { describe, expect, it } from 'vitest';
import { carryForward, eventStudy } from '../../../../harness/report/charts/index.ts';
import { handMadeRecord } from './records.ts';

const S = 1e9;

describe('event study (seed 000): accrued cost from the first fault onset, mean over seeds, beside the control', () => {
  // Policy p: seed 1 has its fault at 10 s and buckets every second; seed 2 its fault at 20 s and buckets every
  // two seconds; seed 3 has no fault. Policy q: one seed, fault at 5 s.
  const p1 = handMadeRecord({ policy: 'p', seed: 1, tS: [9, 10, 11, 12], accrued: [0, 1, 2, 3], control: [0, 0.5, 1, 1.5], faultAtS: 10 });
  const p2 = handMadeRecord({ policy: 'p', seed: 2, tS: [18, 20, 22, 24], accrued: [10, 20, 30, 40], control: [1, 2, 3, 4], faultAtS: 20 });
  const p3 = handMadeRecord({ policy: 'p', seed: 3, tS: [1, 2], accrued: [7, 7], control: [7, 7], faultAtS: null });
  const q1 = handMadeRecord({ policy: 'q', seed: 1, tS: [3, 4, 5, 6, 7], accrued: [0, 0, 1, 2, 5], control: [0, 0, 0, 0, 0], faultAtS: 5 });
  const study = eventStudy([
    { policy: 'p', records: [p1, p2, p3] },
    { policy: 'q', records: [q1] },
  ])!;

  it('aligns every record on its onset over the span all share, at the finest bucket width (-1 s to 2 s, every second)', () => {
    expect(study.offsetsNs).toEqual([-1 * S, 0, 1 * S, 2 * S]);
  });

  it('averages the seeds of a policy at each offset, a coarser record carrying its last sample forward', () => {
    const [p, q] = study.curves;
    // Seed 2 at -1 s holds its -2 s sample (10) and at +1 s its 0 s sample (20).
    expect(p.incidentMeanBps).toEqual([(0 + 10) / 2, (1 + 20) / 2, (2 + 20) / 2, (3 + 30) / 2]);
    expect(p.controlMeanBps).toEqual([(0 + 1) / 2, (0.5 + 2) / 2, (1 + 2) / 2, (1.5 + 3) / 2]);
    expect(q.incidentMeanBps).toEqual([0, 1, 2, 5]);
    expect(q.controlMeanBps).toEqual([0, 0, 0, 0]);
  });

  it('leaves out a record without a fault and counts it', () => {
    expect(study.curves.map((c) => [c.policy, c.seeds, c.excluded])).toEqual([
      ['p', 2, 1],
      ['q', 1, 0],
    ]);
  });

  it('has no study when no record has a fault to align on', () => {
    expect(eventStudy([{ policy: 'p', records: [p3] }])).toBeNull();
  });

  it('never takes a value from after the grid offset', () => {
    expect(carryForward([0, 10, 20], [1, 2, 3], [0, 9, 10, 19.9, 25])).toEqual([1, 1, 2, 2, 3]);
  });
});
