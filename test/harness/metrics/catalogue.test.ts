import { describe, expect, it } from 'vitest';
import { runEpisode } from '../../../harness/episode/run-episode.ts';
import { METRIC_CATALOGUE } from '../../../harness/metrics/catalogue.ts';

// One episode per model world an episode can assemble: FIX sessions with a drop copy, a gateway pool,
// an order server, a primary/backup gateway pair.
const WORLDS = ['test/fixtures/scenarios/tiny-gap.yaml', 'scenarios/003-autoscaling-cold-start.yaml', 'scenarios/004-order-server-crash.yaml', 'scenarios/000-gateway-failover.yaml'];

describe('metric catalogue', () => {
  it('defines every metric an episode record carries, once, with a unit', () => {
    const names = METRIC_CATALOGUE.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect(METRIC_CATALOGUE.every((m) => m.unit.length > 0 && m.description.length > 20)).toBe(true);
    for (const scenarioFile of WORLDS) {
      const record = runEpisode({ scenarioFile, policy: 'naive', params: {}, seed: 1 });
      expect(record.status, scenarioFile).toBe('ok');
      const undefinedHere = Object.keys(record.metrics).filter((name) => !names.includes(name));
      expect(undefinedHere, scenarioFile).toEqual([]);
    }
  }, 60_000);
});
