/**
 * Whole episodes of the bundled FIX-resend scenario: episodes per second (each episode is three runs:
 * incident, control, oracle) and simulated events per second across those runs, measured on the real
 * episode runner in this process. `eventsPerSec` is for the whole episode: every event of its three runs
 * over the episode's wall time, metrics, trajectory and record included (the scenario file is parsed once,
 * at warm-up). There is no bare baseline for a whole episode, so no ratio.
 */
import { runEpisode } from '../harness/episode/run-episode.ts';
import type { Bench } from './contract.ts';

const SCENARIO = 'scenarios/002-fix-gap-resend.yaml';
const SEEDS = [1, 2, 3, 4, 5, 6];

export const benches: Bench[] = [
  {
    name: 'episode.fix-gap-resend',
    run() {
      runEpisode({ scenarioFile: SCENARIO, policy: 'gap-recovery', params: {}, seed: 100 }); // warm-up: JIT and scenario cache
      let events = 0;
      const start = performance.now();
      for (const seed of SEEDS) events += runEpisode({ scenarioFile: SCENARIO, policy: 'gap-recovery', params: {}, seed }).eventsSimulated;
      const seconds = (performance.now() - start) / 1000;
      return {
        bench: 'episode.fix-gap-resend',
        eventsPerSec: events / seconds,
        episodesPerSec: Number((SEEDS.length / seconds).toFixed(3)),
        eventsPerEpisode: Math.round(events / SEEDS.length),
        note: `${SCENARIO}, gap-recovery, ${SEEDS.length} seeds, 3 runs per episode`,
      };
    },
  },
];
