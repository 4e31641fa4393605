import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../harness/scenario/index.ts';

const withFaults = (faults: string) => `
name: overlap
title: Overlap
description: Two faults on one component.
kind: synthetic
market:
  flow: { model: cst }
sessions:
  - { id: s1, gateway: gw1 }
dropCopy: {}
parent: { side: buy, qtyShares: 1000, horizon: 60s }
faults:
${faults}`;

const issuesOf = (faults: string) => {
  const result = parseScenario(withFaults(faults), 'overlap.yaml');
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`);
};

describe('faults one component takes one at a time', () => {
  it('rejects two sequencer crashes at the same instant, on the later fault, naming the earlier one', () => {
    expect(issuesOf(`  - { kind: sequencer-crash, at: 1s, detectionDelay: 10ms }
  - { kind: sequencer-crash, at: 1s, detectionDelay: 10ms }`)).toEqual([
      'faults[1].at: may begin while faults[0] (sequencer-crash) is still in effect: the sequencer takes one fault at a time',
    ]);
  });

  it('rejects a stall that may begin, for some seed, inside a drawn crash window plus its outage', () => {
    expect(issuesOf(`  - { kind: sequencer-crash, at: { between: [10s, 20s] }, detectionDelay: 2s, promotion: 1s }
  - { kind: sequencer-stall, at: 22s, duration: 1s }`)).toHaveLength(1);
  });

  it('accepts sequencer faults that cannot overlap, and overlapping faults on different components', () => {
    expect(issuesOf(`  - { kind: sequencer-crash, at: { between: [10s, 20s] }, detectionDelay: 2s, promotion: 1s }
  - { kind: sequencer-stall, at: 23100ms, duration: 1s }
  - { kind: drop-copy-down, at: 10s, duration: 30s }
  - { kind: session-disconnect, at: 10s, session: s1, duration: 30s }`)).toEqual([]);
  });

  it('rejects overlapping drop-copy outages', () => {
    expect(issuesOf(`  - { kind: drop-copy-down, at: 10s, duration: 5s }
  - { kind: drop-copy-down, at: 12s, duration: 5s }`)).toEqual(['faults[1].at: may begin while faults[0] (drop-copy-down) is still in effect: drop-copy outages must not overlap']);
  });
});
